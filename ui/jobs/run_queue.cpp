#include "ui/jobs/run_queue.h"

#include <QTimer>

#include "ui/jobs/training_controller.h"

namespace bridgelc {

RunQueue::RunQueue(TrainingController* controller, QObject* parent)
    : QObject(parent), m_controller(controller) {
    connect(m_controller, &TrainingController::runFinished, this, &RunQueue::onRunFinished);
}

QList<TrainingRequest> RunQueue::plan(const TrainingRequest& base, const QStringList& models, bool extrap,
                                      bool loro, std::size_t minLoroPoints) {
    QList<TrainingRequest> jobs;
    if (!base.dataset) return jobs;
    // The same rule as loroFolds(): regions with too few points make no fold.
    std::vector<int> regions;
    const auto counts = base.dataset->regionCounts();
    for (std::size_t r = 0; r + 1 < counts.size(); ++r)  // the last entry counts points outside every region
        if (counts[r] >= minLoroPoints) regions.push_back(static_cast<int>(r));
    for (const QString& model : models) {
        TrainingRequest job = base;
        job.modelName = model.toStdString();
        if (extrap) {
            job.scenario = Scenario::Extrap;
            job.heldOutRegion = -1;
            jobs.append(job);
        }
        if (loro) {
            for (int region : regions) {
                job.scenario = Scenario::Loro;
                job.heldOutRegion = region;
                jobs.append(job);
            }
        }
    }
    return jobs;
}

bool RunQueue::start(const QList<TrainingRequest>& jobs) {
    if (jobs.isEmpty() || m_running || m_controller->isBusy()) return false;
    m_jobs = jobs;
    m_next = m_done = m_completed = m_failed = 0;
    m_running = true;
    m_cancelled = false;
    Q_EMIT progressChanged(0, total());
    startNext();
    return true;
}

void RunQueue::cancel() {
    if (!m_running) return;
    m_cancelled = true;
    m_next = total();
    if (m_controller->isBusy()) {
        m_controller->stop();  // onRunFinished ends the queue
    } else {
        m_running = false;
        Q_EMIT finished(true, m_completed, m_failed);
    }
}

void RunQueue::startNext() {
    if (!m_running) return;  // cancelled while this call was queued
    while (m_next < total()) {
        TrainingRequest job = m_jobs[m_next];
        job.label = QStringLiteral("%1/%2").arg(m_next + 1).arg(total());
        const int index = m_next++;
        if (m_controller->start(job)) {
            Q_EMIT jobStarted(index, total(), job);
            return;
        }
        ++m_done;
        ++m_failed;  // the controller refused it (busy or shut down)
    }
    m_running = false;
    Q_EMIT finished(m_cancelled, m_completed, m_failed);
}

void RunQueue::onRunFinished(const RunResult& run) {
    if (!m_running) return;
    ++m_done;
    if (run.status == RunStatus::Completed) ++m_completed;
    if (run.status == RunStatus::Failed) ++m_failed;
    Q_EMIT progressChanged(m_done, total());
    // Later: every other receiver of this runFinished must see the finished run before the next one starts.
    QTimer::singleShot(0, this, &RunQueue::startNext);
}

}  // namespace bridgelc
