#include "ui/jobs/run_queue.h"

#include <QCoreApplication>
#include <QTimer>
#include <cmath>

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
    m_next = m_done = m_completed = m_stopped = m_failed = 0;
    m_current = -1;
    m_durations.clear();
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
        const int index = m_next++;
        m_current = index;
        m_runClock.start();
        const double left = remainingSeconds();
        job.label = QStringLiteral("%1/%2").arg(index + 1).arg(total());
        if (left >= 0) job.label += tr(", about %1 left").arg(durationText(left));
        if (m_controller->start(job)) {
            Q_EMIT jobStarted(index, total(), job);
            return;
        }
        m_current = -1;
        ++m_done;
        ++m_failed;  // the controller refused it (busy or shut down)
    }
    m_running = false;
    Q_EMIT finished(m_cancelled, m_completed, m_failed);
}

void RunQueue::onRunFinished(const RunResult& run) {
    if (!m_running) return;
    ++m_done;
    switch (run.status) {
        case RunStatus::Completed:
            ++m_completed;
            break;
        case RunStatus::Stopped:
            ++m_stopped;
            break;
        case RunStatus::Failed:
            ++m_failed;
            break;
    }
    // A run cut short says nothing about how long a whole one takes.
    if (m_current >= 0 && run.status == RunStatus::Completed)
        m_durations[QString::fromStdString(m_jobs[m_current].modelName)].append(m_runClock.elapsed() /
                                                                                1000.0);
    m_current = -1;
    Q_EMIT progressChanged(m_done, total());
    // Later: every other receiver of this runFinished must see the finished run before the next one starts.
    QTimer::singleShot(0, this, &RunQueue::startNext);
}

double RunQueue::remainingSeconds() const {
    const int first = m_current >= 0 ? m_current : m_next;
    double seconds = 0;
    for (int i = first; i < total(); ++i) {
        const auto it = m_durations.constFind(QString::fromStdString(m_jobs[i].modelName));
        if (it == m_durations.constEnd() || it->isEmpty()) return -1;
        double sum = 0;
        for (double d : *it)
            sum += d;
        double mean = sum / it->size();
        if (i == m_current && m_runClock.isValid())
            mean = std::max(0.0, mean - m_runClock.elapsed() / 1000.0);
        seconds += mean;
    }
    return seconds;
}

QString RunQueue::durationText(double seconds) {
    const auto s = static_cast<qint64>(std::llround(std::max(0.0, seconds)));
    if (s >= 3600) return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
    if (s >= 60) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return tr("%1 s").arg(s);
}

QString RunQueue::countsText() const {
    QStringList parts;
    if (m_completed) parts << tr("%n completed", nullptr, m_completed);
    if (m_stopped) parts << tr("%n stopped", nullptr, m_stopped);
    if (m_failed) parts << tr("%n failed", nullptr, m_failed);
    return parts.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", ")));
}

QString RunQueue::progressText() const {
    QString text = tr("Run all: %1 of %2 runs finished%3").arg(m_done).arg(total()).arg(countsText());
    if (m_done < total()) {
        const double left = remainingSeconds();
        text += left >= 0 ? tr(", about %1 left").arg(durationText(left))
                          : tr(", time left known once each model has finished a run");
    }
    return text;
}

QString RunQueue::summaryText() const {
    QString text = tr("Run all %1: %2 of %3 runs finished%4")
                       .arg(m_cancelled ? tr("cancelled") : tr("finished"))
                       .arg(m_done)
                       .arg(total())
                       .arg(countsText());
    if (notStarted() > 0) text += tr("; %n never started", nullptr, notStarted());
    return text;
}

}  // namespace bridgelc
