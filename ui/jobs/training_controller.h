#pragma once
#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>
#include <optional>

#include "ui/jobs/metatypes.h"

namespace bridgelc {

class TrainingWorker;

/// Runs training off the GUI thread. Owns a QThread and a TrainingWorker moved onto it (the pattern of
/// Tiled's projectmodel.cpp): requests go to the worker by queued signal, results come back as values by
/// queued signal, and Stop is an atomic flag the trainer polls every mini-batch. Keeps the last good
/// (completed) run, which a stopped or failed run never replaces. The destructor cancels, quits and waits.
class TrainingController : public QObject {
    Q_OBJECT
public:
    /// What the controller is doing.
    enum class State {
        Idle,      ///< no run in progress; start() is accepted
        Training,  ///< a run is in progress
        Stopping   ///< Stop was pressed; the trainer returns its best model at the next mini-batch
    };
    Q_ENUM(State)

    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }
    /// Queues a run; false (and nothing happens) when one is already in progress or after shutdown().
    bool start(const TrainingRequest& request);
    /// Asks the running trainer to stop; state becomes Stopping at once.
    void stop();
    /// Cancels any run without saving it, ends the thread and waits for it. Idempotent; the destructor calls
    /// it.
    void shutdown();
    /// Stops the run in progress and lets the worker save it as Stop does (the best model so far; nothing
    /// when no epoch finished), waits for that, then ends the thread like shutdown(). For quitting.
    void stopSaveAndShutdown();
    bool isThreadRunning() const { return m_thread.isRunning(); }

    /// Live model copies while training (modelSnapshot()), at most one per `intervalMs`; 0, the default,
    /// turns them off. Takes effect from the next run.
    void setSnapshotInterval(int intervalMs);
    int snapshotInterval() const { return m_snapshotInterval->load(); }

    /// The most recent finished run of any status, if any.
    const std::optional<RunResult>& lastRun() const { return m_lastRun; }
    /// The most recent Completed run: the model exports and predictions use.
    const std::optional<RunResult>& lastGoodRun() const { return m_lastGoodRun; }
    /// The request of the run in progress (or of the last one).
    const TrainingRequest& currentRequest() const { return m_request; }

Q_SIGNALS:
    /// To the worker only: run this request on the worker thread.
    void trainRequested(const bridgelc::TrainingRequest& request);
    /// Idle, Training or Stopping.
    void stateChanged(bridgelc::TrainingController::State state);
    /// A run was accepted and queued to the worker.
    void runStarted(const bridgelc::TrainingRequest& request);
    /// The worker made the split: its name and sizes.
    void splitReady(const QString& name, qint64 train, qint64 validation, qint64 test);
    /// A phase began ("splitting", "training", "evaluating").
    void phaseChanged(const QString& phase);
    /// One epoch finished (re-emitted one by one from the worker's throttled batches).
    void epochReady(const bridgelc::EpochReport& report);
    /// Work done within the current phase.
    void progress(qint64 done, qint64 total);
    /// A note from the trainer.
    void message(const QString& text);
    /// The run ended; lastRun() (and lastGoodRun() when it completed) are already updated.
    void runFinished(const bridgelc::RunResult& run);
    /// The run was written to the run store.
    void runSaved(const bridgelc::RunSummary& summary);
    /// Writing the run to the run store failed.
    void saveFailed(const QString& message);
    /// A trained copy of the model after `epoch` of the run in progress, safe to use on any thread (only
    /// when setSnapshotInterval() is on; throttled to its interval).
    void modelSnapshot(std::shared_ptr<const bridgelc::Model> model, int epoch);

private:
    void setState(State state);
    void onEpochs(const QVector<EpochReport>& epochs);
    void onFinished(const RunResult& run);

    QThread m_thread;
    TrainingWorker* m_worker = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<bool>> m_discard = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<int>> m_snapshotInterval = std::make_shared<std::atomic<int>>(0);
    State m_state = State::Idle;
    TrainingRequest m_request;
    std::optional<RunResult> m_lastRun;
    std::optional<RunResult> m_lastGoodRun;
};

}  // namespace bridgelc
