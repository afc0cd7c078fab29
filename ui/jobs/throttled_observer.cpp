#include "ui/jobs/throttled_observer.h"

#include "ui/jobs/training_worker.h"

namespace bridgelc {

ThrottledObserver::ThrottledObserver(TrainingWorker& worker, const std::atomic<bool>& cancel, int intervalMs)
    : m_worker(worker),
      m_cancel(cancel),
      m_interval(intervalMs),
      m_lastEmit(std::chrono::steady_clock::now() - m_interval) {}

void ThrottledObserver::onEpoch(const EpochReport& report) {
    m_lastEpoch = report.epoch;
    m_pendingEpochs.push_back(report);
    flushIfDue();
}

void ThrottledObserver::onProgress(std::int64_t done, std::int64_t total) {
    m_done = done;
    m_total = total;
    m_progressPending = true;
    flushIfDue();
}

void ThrottledObserver::onPhase(const std::string& phase) {
    // Phases are rare and mark a boundary: whatever belonged to the previous phase goes first.
    flush();
    Q_EMIT m_worker.phaseChanged(QString::fromStdString(phase));
    ++m_signals;
}

void ThrottledObserver::onMessage(const std::string& message) {
    Q_EMIT m_worker.message(QString::fromStdString(message));
    ++m_signals;
}

void ThrottledObserver::onSnapshot(std::shared_ptr<const Model> model) {
    const auto now = std::chrono::steady_clock::now();
    if (!model || m_snapshotInterval.count() <= 0) return;
    if (m_snapshotSent && now - m_lastSnapshot < m_snapshotInterval) return;
    // The epoch it belongs to goes first, so a receiver never sees a model of an epoch it has not heard of.
    flush();
    Q_EMIT m_worker.modelSnapshot(std::move(model), m_lastEpoch);
    ++m_signals;
    m_lastSnapshot = now;
    m_snapshotSent = true;
}

void ThrottledObserver::flushIfDue() {
    if (std::chrono::steady_clock::now() - m_lastEmit >= m_interval) flush();
}

void ThrottledObserver::flush() {
    if (!m_pendingEpochs.isEmpty()) {
        Q_EMIT m_worker.epochsReady(m_pendingEpochs);
        m_pendingEpochs.clear();
        ++m_signals;
    }
    if (m_progressPending) {
        Q_EMIT m_worker.progress(m_done, m_total);
        m_progressPending = false;
        ++m_signals;
    }
    m_lastEmit = std::chrono::steady_clock::now();
}

}  // namespace bridgelc
