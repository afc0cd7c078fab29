#pragma once
#include <QString>
#include <QStringList>

#include "core/train/training_settings.h"

namespace bridgelc {

/// The application's persistent choices in QSettings: hyper-parameters, model, scenario, last file, recent
/// files and where runs are stored. Window geometry and state are kept by MainWindow under "window/".
class AppSettings {
public:
    /// Marker stored as the last file when the built-in sample was open.
    static QString sampleMarker() { return QStringLiteral(":sample"); }

    static TrainingSettings trainingSettings();
    static void setTrainingSettings(const TrainingSettings& settings);

    static QString modelName();  ///< registry name; "bridgelc" when unset
    static void setModelName(const QString& name);
    static QString scenario();  ///< "extrap", "loro" or "blocks"
    static void setScenario(const QString& scenario);
    static QString heldOutRegion();  ///< region code, e.g. "ATL"; empty when unset
    static void setHeldOutRegion(const QString& code);
    static int blockFold();  ///< 0-based test fold of spatial blocks
    static void setBlockFold(int fold);

    static QString lastFile();  ///< a path, sampleMarker(), or empty
    static void setLastFile(const QString& path);

    static QStringList recentFiles();
    /// Puts `path` first, removes duplicates, keeps at most `maxRecentFiles`.
    static QStringList addRecentFile(const QString& path);
    static void setRecentFiles(const QStringList& files);
    static constexpr int maxRecentFiles = 8;

    /// Where runs are saved: QStandardPaths::AppDataLocation + "/runs" (created on demand).
    static QString runsRoot();
};

}  // namespace bridgelc
