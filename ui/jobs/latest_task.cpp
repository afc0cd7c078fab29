#include "ui/jobs/latest_task.h"

namespace bridgelc {

LatestTask::LatestTask(QObject* parent) : QObject(parent) {}

LatestTask::~LatestTask() {
    // Children are destroyed after this body: each BackgroundTask cancels and waits for its job then.
    for (BackgroundTask* task : m_retired)
        task->cancel();
    if (m_current) m_current->cancel();
}

void LatestTask::start(BackgroundTask::Job job) {
    if (m_current) retire(m_current);
    m_current = new BackgroundTask(this);
    BackgroundTask* task = m_current;
    connect(task, &BackgroundTask::finished, this, [this, task] {
        if (task != m_current) return;
        Q_EMIT finished();
        Q_EMIT runningChanged();
    });
    connect(task, &BackgroundTask::canceled, this, [this, task] {
        if (task == m_current) Q_EMIT runningChanged();
    });
    task->start(std::move(job));
    Q_EMIT runningChanged();
}

void LatestTask::retire(BackgroundTask* task) {
    if (!task->isRunning()) {
        task->deleteLater();
        return;
    }
    task->cancel();
    m_retired.insert(task);
    // Deleted only once its job has returned: deleting a running BackgroundTask would wait for it here.
    auto done = [this, task] {
        m_retired.erase(task);
        task->deleteLater();
        Q_EMIT runningChanged();
    };
    connect(task, &BackgroundTask::canceled, this, done);
    connect(task, &BackgroundTask::finished, this, done);
}

void LatestTask::cancel() {
    if (m_current && m_current->isRunning()) {
        retire(m_current);
        m_current = nullptr;
        Q_EMIT runningChanged();
    }
}

bool LatestTask::isRunning() const {
    return m_current && m_current->isRunning();
}

int LatestTask::runningCount() const {
    return int(m_retired.size()) + (isRunning() ? 1 : 0);
}

void LatestTask::waitForFinished() {
    if (m_current) m_current->waitForFinished();
}

}  // namespace bridgelc
