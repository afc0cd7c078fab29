#pragma once
#include <QString>
#include <QVector>
#include <atomic>
#include <chrono>

#include "core/train/training_observer.h"

namespace bridgelc {

class TrainingWorker;

/// The trainer's observer on the worker thread: turns callbacks into the worker's queued signals, at most one
/// batch per interval (default 100 ms, so the GUI sees <= ~10 signals per second however fast epochs are),
/// and answers isCancelled() from the controller's atomic flag, which the trainer polls every mini-batch.
class ThrottledObserver : public TrainingObserver {
public:
    ThrottledObserver(TrainingWorker& worker, const std::atomic<bool>& cancel, int intervalMs = 100);

    /// Live model copies (e.g. for a prediction map): at most one per `intervalMs`, the first after the first
    /// epoch; 0 (the default) asks the trainer for none, so training without a map pays nothing.
    void setSnapshotInterval(int intervalMs) { m_snapshotInterval = std::chrono::milliseconds(intervalMs); }

    void onEpoch(const EpochReport& report) override;
    void onProgress(std::int64_t done, std::int64_t total) override;
    void onPhase(const std::string& phase) override;
    void onMessage(const std::string& message) override;
    bool isCancelled() const override { return m_cancel.load(std::memory_order_relaxed); }
    bool wantsSnapshots() const override { return m_snapshotInterval.count() > 0; }
    /// Emits the copy as the worker's modelSnapshot() when one is due, else drops it.
    void onSnapshot(std::shared_ptr<const Model> model) override;

    /// Emits whatever is pending (epochs, last progress), e.g. before the run's result is sent.
    void flush();
    /// Signals emitted so far, for tests of the throttle.
    int signalsEmitted() const { return m_signals; }

private:
    void flushIfDue();

    TrainingWorker& m_worker;
    const std::atomic<bool>& m_cancel;
    std::chrono::milliseconds m_interval;
    std::chrono::steady_clock::time_point m_lastEmit;
    QVector<EpochReport> m_pendingEpochs;
    std::int64_t m_done = 0, m_total = 0;
    bool m_progressPending = false;
    int m_signals = 0;
    std::chrono::milliseconds m_snapshotInterval{0};
    std::chrono::steady_clock::time_point m_lastSnapshot{};
    bool m_snapshotSent = false;
    int m_lastEpoch = 0;
};

}  // namespace bridgelc
