#pragma once
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include "ui/jobs/metatypes.h"

namespace bridgelc {

class TrainingController;

/// A list of training runs handed to the TrainingController one after another ("Run all": models x EXTRAP and
/// every LORO fold), with overall progress and cancel. Owns no thread; it only waits for each runFinished.
class RunQueue : public QObject {
    Q_OBJECT
public:
    explicit RunQueue(TrainingController* controller, QObject* parent = nullptr);

    /// The runs of `models` on EXTRAP (when `extrap`) and on the LORO fold of every region with at least
    /// `minLoroPoints` points (when `loro`), in that order per model; other fields come from `base`.
    static QList<TrainingRequest> plan(const TrainingRequest& base, const QStringList& models, bool extrap,
                                       bool loro, std::size_t minLoroPoints = 100);

    /// Starts the queue; false when it is empty, a queue already runs, or the controller is busy.
    bool start(const QList<TrainingRequest>& jobs);
    /// Stops the run in progress and drops the rest.
    void cancel();
    bool isRunning() const { return m_running; }
    /// Runs that ended, whatever the outcome (completed + stopped + failed).
    int done() const { return m_done; }
    int total() const { return static_cast<int>(m_jobs.size()); }
    int completed() const { return m_completed; }
    int stopped() const { return m_stopped; }  ///< ended by Stop or cancel (the best model so far is kept)
    int failed() const { return m_failed; }
    /// Runs that never started: dropped by a cancel, or refused by the controller.
    int notStarted() const { return total() - m_done; }

    /// Seconds the runs not yet finished should still take: per model, the mean wall time of its finished
    /// runs (less the time the running one has had); negative when no run of some remaining model has
    /// finished yet, so there is nothing to go by.
    double remainingSeconds() const;
    /// "Run all: 3 of 90 runs finished (2 completed, 1 failed), about 1 h 10 min left".
    QString progressText() const;
    /// How the queue ended, every run accounted for: "Run all cancelled: 1 of 90 runs finished (1 stopped);
    /// 89 never started".
    QString summaryText() const;
    /// "1 h 05 min", "4 min 10 s", "12 s".
    static QString durationText(double seconds);

Q_SIGNALS:
    /// Run `index` (0-based) of `total` was handed to the controller.
    void jobStarted(int index, int total, const bridgelc::TrainingRequest& request);
    /// `done` of `total` runs have finished.
    void progressChanged(int done, int total);
    /// The queue ended: every run finished, or it was cancelled; counts of runs by outcome (stopped() and
    /// notStarted() give the rest; summaryText() says it all).
    void finished(bool cancelled, int completed, int failed);

private:
    void onRunFinished(const RunResult& run);
    void startNext();

    QString countsText() const;

    TrainingController* m_controller;
    QList<TrainingRequest> m_jobs;
    int m_next = 0, m_done = 0, m_completed = 0, m_stopped = 0, m_failed = 0;
    int m_current = -1;  ///< index of the run in progress, -1 between runs
    bool m_running = false, m_cancelled = false;
    QElapsedTimer m_runClock;                   ///< since the run in progress started
    QHash<QString, QList<double>> m_durations;  ///< wall seconds of finished runs, per model name
};

}  // namespace bridgelc
