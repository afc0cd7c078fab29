#pragma once
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
    int done() const { return m_done; }
    int total() const { return static_cast<int>(m_jobs.size()); }

Q_SIGNALS:
    /// Run `index` (0-based) of `total` was handed to the controller.
    void jobStarted(int index, int total, const bridgelc::TrainingRequest& request);
    /// `done` of `total` runs have finished.
    void progressChanged(int done, int total);
    /// The queue ended: every run finished, or it was cancelled; counts of runs by outcome.
    void finished(bool cancelled, int completed, int failed);

private:
    void onRunFinished(const RunResult& run);
    void startNext();

    TrainingController* m_controller;
    QList<TrainingRequest> m_jobs;
    int m_next = 0, m_done = 0, m_completed = 0, m_failed = 0;
    bool m_running = false, m_cancelled = false;
};

}  // namespace bridgelc
