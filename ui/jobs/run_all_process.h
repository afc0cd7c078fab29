#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include "core/data/label_choice.h"
#include "core/train/training_settings.h"

namespace bridgelc {

struct Dataset;

/// What "Run all" trains: the chosen models on EXTRAP and every LORO fold of the open points.
struct RunAllRequest {
    QString dataPath;  ///< the open file; empty: the built-in sample
    LabelChoice labels;
    bool keepMostlyEmptyColumns = false;
    QStringList models;
    bool extrap = true, loro = true;
    TrainingSettings settings;    ///< its seed is the seed of every run
    QString runsRoot;             ///< where the finished runs are saved (the Runs tab's folder)
    QString experimentDirectory;  ///< the experiment's jobs, logs and tables (results.md)
    int threads = 1;              ///< divided between the jobs by the command line's rule
    int plannedRuns = 0;          ///< how many runs the plan makes, for progress before the first finishes
};

/// "Run all" on the command line's experiment runner: `bridgelc experiment` in a background process, which
/// trains the runs side by side in processes of their own with the threads divided between them (the rule
/// of JobParallelism, the same as `bridgelc experiment --jobs`), so the results equal a one-at-a-time run and
/// the command line's; every finished run is saved into the Runs folder. Progress comes from the jobs the
/// experiment has written; cancel stops it cleanly, and running the same request again resumes it.
class RunAllProcess : public QObject {
    Q_OBJECT
public:
    explicit RunAllProcess(QObject* parent = nullptr);
    ~RunAllProcess() override;

    /// The `bridgelc` command line the app runs: $BRIDGELC_CLI, else the one installed beside the app, else
    /// the build tree's, else the one on PATH; empty when there is none.
    static QString commandLinePath();
    /// How many runs Run all makes of `models` models on `data`: EXTRAP once and every LORO fold of a region
    /// with at least `minLoroPoints` points (the experiment's rule).
    static int plannedRuns(const Dataset& data, int models, bool extrap, bool loro,
                           std::size_t minLoroPoints = 100);
    /// "1 h 05 min", "4 min 10 s", "12 s".
    static QString durationText(double seconds);
    /// The arguments of `bridgelc experiment` for `request`, reading its settings from `settingsFile`.
    static QStringList arguments(const RunAllRequest& request, const QString& settingsFile);

    /// Starts the experiment; false (errorText() says why) when one runs, the command line is missing or the
    /// experiment folder cannot be written.
    bool start(const RunAllRequest& request);
    /// Stops the running jobs (finished runs are kept) and ends the experiment.
    void cancel();
    /// Blocks until the process has ended (for tests and shutdown); false on timeout.
    bool waitForFinished(int milliseconds);
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    int done() const { return m_completed + m_failed; }
    int completed() const { return m_completed; }
    int failed() const { return m_failed; }
    int total() const { return m_total; }
    QString errorText() const { return m_error; }
    QString experimentDirectory() const { return m_request.experimentDirectory; }
    /// "Run all: 3 of 18 runs finished (3 completed), 2 at once, about 12 min left".
    QString progressText() const;
    /// How it ended: "Run all finished: 18 of 18 runs finished (18 completed); tables in …".
    QString summaryText() const;

Q_SIGNALS:
    /// A run finished and (when it trained) was saved as `savedRunId` in the Runs folder.
    void runFinished(const QString& savedRunId, bool completed);
    void progressChanged(int done, int total);
    /// The experiment ended, every run finished or not.
    void finished(bool cancelled, int completed, int failed);

private:
    void pollJobs();
    void onStandardError();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);

    QProcess m_process;
    QTimer m_poll;
    QElapsedTimer m_clock;
    RunAllRequest m_request;
    QSet<QString> m_seenJobs;
    QStringList m_lastLines;  ///< the experiment's last lines on stderr, for a failure's message
    QString m_error;
    int m_total = 0, m_completed = 0, m_failed = 0, m_atOnce = 1;
    bool m_cancelled = false, m_ended = false;
    int m_exitCode = 0;
};

}  // namespace bridgelc
