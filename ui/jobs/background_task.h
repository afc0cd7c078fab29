#pragma once
#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <functional>
#include <memory>

class QTimer;

namespace bridgelc {

/// What a background job sees of the GUI (QGIS's QgsFeedback): where to report progress and whether it
/// should stop. Shared between the job and the GUI thread; every member is thread-safe.
class TaskFeedback {
public:
    /// 0..100; the task forwards it to the GUI as progressChanged().
    void setProgress(double percent) { m_progress.store(percent); }
    double progress() const { return m_progress.load(); }
    /// Polled by the job between steps of its work; a cancelled job may stop early with any result.
    bool isCanceled() const { return m_canceled.load(); }
    void cancel() { m_canceled.store(true); }

private:
    std::atomic<double> m_progress{0};
    std::atomic<bool> m_canceled{false};
};

/// One job at a time on Qt's global thread pool, its result handed back on the GUI thread (QGIS's QgsTask:
/// run() in the worker, finished() on the main thread). The job is a function of its feedback that returns
/// what to do with the result on the GUI thread; nothing but values crosses, and the GUI thread never waits
/// for it except in waitForFinished() (tests) and the destructor (which cancels first).
class BackgroundTask : public QObject {
    Q_OBJECT
public:
    /// What the job hands back: a function that runs on the GUI thread with the job's result captured.
    using Completion = std::function<void()>;
    using Job = std::function<Completion(TaskFeedback&)>;

    explicit BackgroundTask(QObject* parent = nullptr);
    /// Cancels a running job and waits for it to return; its completion is dropped.
    ~BackgroundTask() override;

    /// Starts `job`; false (and nothing started) while another job runs.
    bool start(Job job);
    /// From start() until the job's completion has run on this thread (or the task was canceled).
    bool isRunning() const { return m_pending; }
    /// Asks the running job to stop; its completion is dropped and canceled() is emitted instead of
    /// finished().
    void cancel();
    /// Blocks until the running job has returned and its completion ran; for tests.
    void waitForFinished();

Q_SIGNALS:
    /// The running job reported progress (0..100); at most every 100 ms.
    void progressChanged(double percent);
    /// A job's completion ran on the GUI thread.
    void finished();
    /// A cancelled job returned; nothing of it was applied.
    void canceled();

private:
    void onFinished();

    QFutureWatcher<Completion> m_watcher;
    bool m_pending = false;  ///< started, and its completion not yet delivered
    std::shared_ptr<TaskFeedback> m_feedback;
    QTimer* m_progressTimer;
};

}  // namespace bridgelc
