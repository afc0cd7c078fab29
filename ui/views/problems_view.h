#pragma once
#include <QWidget>

#include "core/data/validation_report.h"

class QLabel;
class QTreeWidget;

namespace bridgelc {

/// Every problem found while reading a point file: severity icon, file:line:column, column name, what was
/// found and what was done, above a one-line count per kind (counts include problems whose details were not
/// kept).
class ProblemsView : public QWidget {
    Q_OBJECT
public:
    explicit ProblemsView(QWidget* parent = nullptr);

    void setReport(const ValidationReport& report);
    void clear();
    /// Rows shown in the list (for tests).
    int rowCount() const;

private:
    QLabel* m_summary;
    QTreeWidget* m_tree;
};

}  // namespace bridgelc
