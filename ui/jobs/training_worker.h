#pragma once
#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>
#include <memory>

#include "ui/jobs/metatypes.h"

namespace bridgelc {

/// Lives on the TrainingController's thread and runs one TrainingRequest per train() call: split, train,
/// evaluate, then save through RunStore. Everything it reports leaves by queued signal as a value.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    /// `cancel` is polled by the trainer; `discard` (set when the application quits) skips saving.
    TrainingWorker(std::shared_ptr<std::atomic<bool>> cancel, std::shared_ptr<std::atomic<bool>> discard);
    /// Where the controller keeps the live-snapshot interval (ms, 0 = none); read at the start of each run.
    void setSnapshotInterval(std::shared_ptr<std::atomic<int>> intervalMs) {
        m_snapshotInterval = std::move(intervalMs);
    }

public Q_SLOTS:
    /// Runs the request to the end (or until cancelled); emits finished() exactly once.
    void train(const bridgelc::TrainingRequest& request);

Q_SIGNALS:
    /// The split is made: its name ("EXTRAP", "LORO-ATL") and sizes.
    void splitReady(const QString& name, qint64 train, qint64 validation, qint64 test);
    /// A phase began ("splitting", "training", "evaluating").
    void phaseChanged(const QString& phase);
    /// Epochs finished since the last batch (throttled: at most ~10 batches per second).
    void epochsReady(const QVector<bridgelc::EpochReport>& epochs);
    /// Work done within the current phase (throttled).
    void progress(qint64 done, qint64 total);
    /// A note from the trainer for the user.
    void message(const QString& text);
    /// The run ended (completed, stopped or failed); the model, if any, is in the result.
    void finished(const bridgelc::RunResult& run);
    /// The finished run was written to the run store.
    void saved(const bridgelc::RunSummary& summary);
    /// Writing the run failed; the result itself is still valid in memory.
    void saveFailed(const QString& message);
    /// A copy of the model as it is after `epoch` (throttled; only when a snapshot interval is set).
    void modelSnapshot(std::shared_ptr<const bridgelc::Model> model, int epoch);

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_discard;
    std::shared_ptr<std::atomic<int>> m_snapshotInterval;
};

}  // namespace bridgelc
