#pragma once
#include <QObject>
#include <QString>

#include "ui/jobs/background_task.h"
#include "ui/jobs/metatypes.h"

namespace bridgelc {

/// Loads a point file or the built-in sample on a pool thread (a BackgroundTask) and hands the GUI the
/// result as a shared, read-only dataset plus the validation report. One load at a time; a cancelled load
/// leaves nothing behind.
class DatasetLoader : public QObject {
    Q_OBJECT
public:
    explicit DatasetLoader(QObject* parent = nullptr);
    ~DatasetLoader() override;

    /// Starts loading `path`; false when a load is already running.
    bool loadFile(const QString& path);
    /// Starts loading the built-in synthetic sample; false when a load is already running.
    bool loadSample();
    /// Loads the last file (or the sample) again, e.g. after the column options changed; false when nothing
    /// was loaded yet or a load is running.
    bool reload();
    /// Reads the last file again with its labels from `column` (empty: the label column found by name);
    /// false for the sample, before any load, or while a load runs. Opening another file forgets it.
    bool reloadWithLabelColumn(const QString& column);
    /// The label column the last load was asked to use; empty: found by name.
    QString labelColumn() const { return m_labelColumn; }
    /// The file of the last load started (empty for the sample or before any load).
    QString lastPath() const { return m_lastPath; }
    bool hasLoaded() const { return m_started; }

    /// Whether feature columns missing in most rows are used anyway (LoadOptions::keepMostlyMissingColumns);
    /// remembered in QSettings and applied to every later load.
    static bool keepMostlyEmptyColumns();
    static void setKeepMostlyEmptyColumns(bool keep);
    bool isLoading() const { return m_task.isRunning(); }
    /// Drops the running load: its result is never delivered and canceled() is emitted when it returns.
    void cancel();
    /// Blocks until the running load (if any) has finished and its signal was emitted; for tests and
    /// shutdown.
    void waitForFinished();

    /// The name shown for the built-in sample wherever a file name would be.
    static QString sampleDisplayName();

Q_SIGNALS:
    /// A load began; `what` is the file path or sampleDisplayName().
    void loadingStarted(const QString& what);
    /// The dataset is ready. `path` is empty for the built-in sample.
    void loaded(const bridgelc::DatasetPtr& dataset, const bridgelc::ValidationReport& report,
                const QString& path);
    /// The file could not be used; `message` says why (file, line, column where known).
    void failed(const QString& message, const bridgelc::ValidationReport& report, const QString& path);
    /// A load was cancelled; whatever was open before stays open.
    void canceled();

private:
    /// What a pool thread hands back.
    struct Outcome {
        DatasetPtr dataset;
        ValidationReport report;
        QString path;
        QString error;
    };
    bool start(const QString& path, bool sample);
    void deliver(const Outcome& outcome);

    BackgroundTask m_task;
    QString m_lastPath;
    QString m_labelColumn;
    bool m_lastWasSample = false;
    bool m_started = false;
};

}  // namespace bridgelc
