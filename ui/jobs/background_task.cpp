#include "ui/jobs/background_task.h"

#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include "ui/map/background_pool.h"

namespace bridgelc {

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent), m_progressTimer(new QTimer(this)) {
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] {
        if (m_feedback) Q_EMIT progressChanged(m_feedback->progress());
    });
    connect(&m_watcher, &QFutureWatcher<Completion>::finished, this, &BackgroundTask::onFinished);
}

BackgroundTask::~BackgroundTask() {
    if (m_feedback) m_feedback->cancel();
    m_watcher.waitForFinished();
}

bool BackgroundTask::start(Job job) {
    if (isRunning()) return false;
    m_feedback = std::make_shared<TaskFeedback>();
    m_pending = true;
    // The job owns a share of the feedback, so a job still running when the task goes away reads valid
    // memory.
    m_watcher.setFuture(QtConcurrent::run(
        backgroundPool(),
        [job = std::move(job), feedback = m_feedback]() -> Completion { return job(*feedback); }));
    m_progressTimer->start();
    return true;
}

void BackgroundTask::cancel() {
    if (isRunning() && m_feedback) m_feedback->cancel();
}

void BackgroundTask::waitForFinished() {
    if (!isRunning()) return;
    m_watcher.waitForFinished();
    // The watcher's finished signal is posted by the pool thread, possibly after the wait above returns;
    // deliver the result now so callers see it, and let the late signal find nothing pending.
    onFinished();
}

void BackgroundTask::onFinished() {
    if (!m_pending || !m_watcher.isFinished()) return;
    m_pending = false;
    m_progressTimer->stop();
    const bool wasCanceled = m_feedback && m_feedback->isCanceled();
    Completion completion = m_watcher.result();
    if (wasCanceled) {
        Q_EMIT canceled();
        return;
    }
    if (completion) completion();
    Q_EMIT finished();
}

}  // namespace bridgelc
