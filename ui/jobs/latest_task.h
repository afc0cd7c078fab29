#pragma once
#include <QObject>
#include <set>

#include "ui/jobs/background_task.h"

namespace bridgelc {

/// Background jobs of which only the newest counts (e.g. predicting the points of the run just shown):
/// start() cancels a job still running and drops its completion, so a slow old job can never overwrite the
/// result of a newer one. Each job runs on its own BackgroundTask; a superseded one is deleted once it has
/// returned, so the GUI thread never waits for it.
class LatestTask : public QObject {
    Q_OBJECT
public:
    explicit LatestTask(QObject* parent = nullptr);
    /// Cancels every job and waits for them to return (their completions are dropped).
    ~LatestTask() override;

    /// Runs `job` (see BackgroundTask::Job); a job already running is cancelled first.
    void start(BackgroundTask::Job job);
    /// Cancels the newest job; its completion is dropped.
    void cancel();
    /// True while the newest job runs and its completion has not been delivered.
    bool isRunning() const;
    /// Jobs still running, superseded ones included.
    int runningCount() const;
    /// Blocks until the newest job has returned and its completion ran; for tests.
    void waitForFinished();

Q_SIGNALS:
    /// The newest job's completion ran on the GUI thread.
    void finished();
    /// isRunning() or runningCount() changed.
    void runningChanged();

private:
    void retire(BackgroundTask* task);

    BackgroundTask* m_current = nullptr;
    std::set<BackgroundTask*> m_retired;  ///< cancelled, still returning
};

}  // namespace bridgelc
