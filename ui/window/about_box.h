#pragma once
#include <QMessageBox>

namespace bridgelc {

/// The About dialog: version, git revision, build type, the method's citation and the data attributions, from
/// core's aboutText() so that it says exactly what `bridgelc --version` says.
class AboutBox : public QMessageBox {
    Q_OBJECT
public:
    explicit AboutBox(QWidget* parent = nullptr);
    /// Shows the dialog modally over `parent`.
    static void showModal(QWidget* parent);
};

}  // namespace bridgelc
