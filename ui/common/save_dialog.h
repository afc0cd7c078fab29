#pragma once
#include <QString>

class QWidget;

namespace bridgelc {

/// The save dialog of every export: proposes `fileName` in the folder the user last exported to (kept in
/// QSettings across sessions), or in `folder` when given (e.g. beside the input it belongs to). Returns the
/// chosen path, empty when cancelled; remembers its folder for the next export.
QString askSaveFileName(QWidget* parent, const QString& title, const QString& fileName,
                        const QString& filters, const QString& folder = {});

/// The folder the next export proposes: the last one exported to, else the user's documents folder.
QString lastExportFolder();

}  // namespace bridgelc
