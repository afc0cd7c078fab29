#include "ui/jobs/training_controller.h"

#include <algorithm>

#include "ui/jobs/training_worker.h"

namespace bridgelc {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    registerMetaTypes();
    m_thread.setObjectName(QStringLiteral("bridgelc-training"));
    m_worker = new TrainingWorker(m_cancel, m_discard);
    m_worker->setSnapshotInterval(m_snapshotInterval);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &TrainingController::trainRequested, m_worker, &TrainingWorker::train,
            Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::splitReady, this, &TrainingController::splitReady,
            Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::phaseChanged, this, &TrainingController::phaseChanged,
            Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::epochsReady, this, &TrainingController::onEpochs,
            Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::progress, this, &TrainingController::progress, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::message, this, &TrainingController::message, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::finished, this, &TrainingController::onFinished, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::saved, this, &TrainingController::runSaved, Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::modelSnapshot, this, &TrainingController::modelSnapshot,
            Qt::QueuedConnection);
    connect(m_worker, &TrainingWorker::saveFailed, this, &TrainingController::saveFailed,
            Qt::QueuedConnection);
    m_thread.start();
}

TrainingController::~TrainingController() {
    shutdown();
}

bool TrainingController::start(const TrainingRequest& request) {
    if (isBusy() || !m_thread.isRunning()) return false;
    m_cancel->store(false);
    m_request = request;
    setState(State::Training);
    Q_EMIT runStarted(request);
    Q_EMIT trainRequested(request);
    return true;
}

void TrainingController::stop() {
    if (m_state != State::Training) return;
    m_cancel->store(true);
    setState(State::Stopping);
}

void TrainingController::shutdown() {
    m_discard->store(true);
    m_cancel->store(true);
    // Results of the cancelled run must not reach a receiver that is shutting down.
    if (m_worker) disconnect(m_worker, nullptr, this, nullptr);
    if (m_thread.isRunning()) {
        m_thread.quit();  // takes effect once the worker's current train() returns, which cancel makes quick
        m_thread.wait();
    }
    m_worker = nullptr;  // deleted by deleteLater when the thread finished
    if (m_state != State::Idle) setState(State::Idle);
}

void TrainingController::stopSaveAndShutdown() {
    m_cancel->store(true);  // not m_discard: the worker saves what it has before train() returns
    if (m_worker) disconnect(m_worker, nullptr, this, nullptr);
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
    m_worker = nullptr;  // deleted by deleteLater when the thread finished
    shutdown();
}

void TrainingController::setSnapshotInterval(int intervalMs) {
    m_snapshotInterval->store(std::max(0, intervalMs));
}

void TrainingController::setState(State state) {
    if (m_state == state) return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void TrainingController::onEpochs(const QVector<EpochReport>& epochs) {
    for (const EpochReport& report : epochs)
        Q_EMIT epochReady(report);
}

void TrainingController::onFinished(const RunResult& run) {
    m_lastRun = run;
    if (run.status == RunStatus::Completed && run.model) m_lastGoodRun = run;
    setState(State::Idle);
    Q_EMIT runFinished(run);
}

}  // namespace bridgelc
