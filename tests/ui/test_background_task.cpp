// The one background-task helper: the job runs off the GUI thread, its result is applied on the GUI thread,
// a second job waits its turn, and a cancelled job is told so and has nothing of it applied.
#include <QThread>
#include <atomic>
#include <memory>

#include "tests/ui/ui_test_support.h"
#include "ui/jobs/background_task.h"

using namespace bridgelc;

class TestBackgroundTask : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void resultIsAppliedOnTheGuiThread() {
        BackgroundTask task;
        QSignalSpy finished(&task, &BackgroundTask::finished);
        QThread* jobThread = nullptr;
        QThread* applyThread = nullptr;
        int applied = 0;
        QVERIFY(task.start([&jobThread, &applyThread, &applied](TaskFeedback& feedback) {
            jobThread = QThread::currentThread();
            feedback.setProgress(100);
            const int result = 6 * 7;
            return BackgroundTask::Completion([&applyThread, &applied, result] {
                applyThread = QThread::currentThread();
                applied = result;
            });
        }));
        QVERIFY(test::waitForCount(finished, 1, 10000));
        QCOMPARE(applied, 42);
        QVERIFY(jobThread != nullptr);
        QVERIFY(jobThread != QThread::currentThread());
        QCOMPARE(applyThread, QThread::currentThread());
        QVERIFY(!task.isRunning());
    }

    void oneJobAtATime() {
        BackgroundTask task;
        auto release = std::make_shared<std::atomic<bool>>(false);
        QVERIFY(task.start([release](TaskFeedback&) {
            while (!release->load())
                QThread::msleep(1);
            return BackgroundTask::Completion();
        }));
        QVERIFY(task.isRunning());
        QVERIFY(!task.start([](TaskFeedback&) { return BackgroundTask::Completion(); }));
        release->store(true);
        task.waitForFinished();
        QVERIFY(!task.isRunning());
        QVERIFY(task.start([](TaskFeedback&) { return BackgroundTask::Completion(); }));
        task.waitForFinished();
    }

    void cancelledJobSeesItAndNothingIsApplied() {
        BackgroundTask task;
        QSignalSpy finished(&task, &BackgroundTask::finished);
        QSignalSpy canceled(&task, &BackgroundTask::canceled);
        auto started = std::make_shared<std::atomic<bool>>(false);
        auto sawCancel = std::make_shared<std::atomic<bool>>(false);
        bool applied = false;
        QVERIFY(task.start([started, sawCancel, &applied](TaskFeedback& feedback) {
            started->store(true);
            while (!feedback.isCanceled())
                QThread::msleep(1);
            sawCancel->store(true);
            return BackgroundTask::Completion([&applied] { applied = true; });
        }));
        while (!started->load())
            QThread::msleep(1);
        task.cancel();
        QVERIFY(test::waitForCount(canceled, 1, 10000));
        QVERIFY(sawCancel->load());
        QVERIFY(!applied);
        QCOMPARE(finished.count(), 0);
    }
};

BRIDGELC_UI_TEST_MAIN(TestBackgroundTask)
#include "test_background_task.moc"
