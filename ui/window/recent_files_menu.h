#pragma once
#include <QMenu>

namespace bridgelc {

/// File ▸ Open Recent: the last files opened (kept in AppSettings), newest first, with a "Clear" entry.
class RecentFilesMenu : public QMenu {
    Q_OBJECT
public:
    explicit RecentFilesMenu(QWidget* parent = nullptr);

    /// Puts `path` first in the list and the menu.
    void add(const QString& path);
    QStringList files() const;

Q_SIGNALS:
    /// The user picked a recent file.
    void fileChosen(const QString& path);

private:
    void rebuild();
};

}  // namespace bridgelc
