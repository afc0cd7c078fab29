#include "ui/window/recent_files_menu.h"

#include <QDir>
#include <QFileInfo>

#include "ui/window/app_settings.h"

namespace bridgelc {

RecentFilesMenu::RecentFilesMenu(QWidget* parent) : QMenu(tr("Open &Recent"), parent) {
    rebuild();
}

void RecentFilesMenu::add(const QString& path) {
    AppSettings::addRecentFile(path);
    rebuild();
}

QStringList RecentFilesMenu::files() const {
    return AppSettings::recentFiles();
}

void RecentFilesMenu::rebuild() {
    clear();
    const QStringList recent = AppSettings::recentFiles();
    int number = 1;
    for (const QString& path : recent) {
        const QString label = QStringLiteral("&%1 %2").arg(number++).arg(QFileInfo(path).fileName());
        QAction* action = addAction(label);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT fileChosen(path); });
    }
    if (recent.isEmpty()) addAction(tr("(none)"))->setEnabled(false);
    addSeparator();
    QAction* clearAction = addAction(tr("Clear list"));
    clearAction->setEnabled(!recent.isEmpty());
    connect(clearAction, &QAction::triggered, this, [this] {
        AppSettings::setRecentFiles({});
        rebuild();
    });
}

}  // namespace bridgelc
