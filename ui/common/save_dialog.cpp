#include "ui/common/save_dialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace bridgelc {

namespace {

const QString kLastExportFolder = QStringLiteral("export/lastFolder");

}  // namespace

QString lastExportFolder() {
    const QString saved = QSettings().value(kLastExportFolder).toString();
    if (!saved.isEmpty() && QFileInfo(saved).isDir()) return saved;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

QString askSaveFileName(QWidget* parent, const QString& title, const QString& fileName,
                        const QString& filters, const QString& folder) {
    const QString start = QFileInfo(fileName).isAbsolute()
                              ? fileName
                              : QDir(folder.isEmpty() ? lastExportFolder() : folder).filePath(fileName);
    const QString path = QFileDialog::getSaveFileName(parent, title, start, filters);
    if (!path.isEmpty()) QSettings().setValue(kLastExportFolder, QFileInfo(path).absolutePath());
    return path;
}

}  // namespace bridgelc
