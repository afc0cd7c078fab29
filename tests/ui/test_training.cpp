// Training from the GUI: Stop keeps the best model within a second and never touches the previous good model,
// and the GUI thread stays responsive while a run trains and while its results arrive: no event handler, and
// no stretch of handlers between two ticks of a 5 ms timer, takes 50 ms of the GUI thread's CPU.
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <algorithm>
#include <vector>

#include "core/run/training_run.h"
#include "tests/ui/blocked_time.h"
#include "tests/ui/gap_probe.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/training_panel.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"

using namespace bridgelc;

namespace {

TrainingSettings fewEpochs(int epochs) {
    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = epochs;
    settings.earlyStopping = false;
    settings.threads = 1;
    settings.seed = 3;
    return settings;
}

std::vector<std::int64_t> firstRows(std::size_t n) {
    std::vector<std::int64_t> rows(n);
    for (std::size_t i = 0; i < n; ++i)
        rows[i] = std::int64_t(i);
    return rows;
}

}  // namespace

class TestTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        m_window = std::make_unique<MainWindow>();
        m_window->setProperty("confirmClose", false);
        m_window->resize(1600, 1000);
        m_window->show();
        QSignalSpy loaded(m_window->loader(), &DatasetLoader::loaded);
        QVERIFY(m_window->openSample());
        QVERIFY2(test::waitForCount(loaded, 1, 120000), "the built-in sample did not load");
        QVERIFY(m_window->dataset());
        QVERIFY(m_window->dataset()->size() > 1000);
    }

    void stopKeepsBestModelAndLeavesPreviousRunAlone() {
        TrainingController* controller = m_window->controller();
        QSignalSpy finished(controller, &TrainingController::runFinished);
        test::GapProbe probe;
        test::TimedApplication* app = test::TimedApplication::instance();
        QVERIFY(app);
        probe.start();
        app->startRecording();

        m_window->runToolBar()->modelBox()->setCurrentIndex(
            m_window->runToolBar()->modelBox()->findData(QStringLiteral("bridgelc")));
        m_window->runToolBar()->scenarioBox()->setCurrentIndex(0);
        QCOMPARE(m_window->runToolBar()->modelName(), std::string("bridgelc"));

        // A short run to completion: the previous good model.
        AppSettings::setTrainingSettings(fewEpochs(2));
        QVERIFY(m_window->startTraining());
        QVERIFY2(test::waitForCount(finished, 1, 300000), "the first run did not finish");
        QVERIFY(controller->lastGoodRun().has_value());
        const RunResult& first = *controller->lastGoodRun();
        QCOMPARE(int(first.status), int(RunStatus::Completed));
        QVERIFY(first.model);
        const Model* previousModel = first.model.get();
        const auto rows = firstRows(std::min<std::size_t>(200, m_window->dataset()->size()));
        const Predictions before = predict(*first.model, *m_window->dataset(), rows);

        // A long run, stopped after at least three epochs reached the curves. Started as a user would,
        // after the window has shown the first run's result, not within the same pass of the event loop.
        QTest::qWait(100);
        AppSettings::setTrainingSettings(fewEpochs(500));
        QVERIFY(m_window->startTraining());
        QElapsedTimer wait;
        wait.start();
        while (m_window->trainingPanel()->epochsShown() < 3 && wait.elapsed() < 300000)
            QTest::qWait(20);
        QVERIFY2(m_window->trainingPanel()->epochsShown() >= 3, "fewer than 3 epochs reached the curves");
        QCOMPARE(finished.count(), 1);

        QElapsedTimer stopClock;
        stopClock.start();
        m_window->actions()->stop->trigger();
        // The button says so at once, before any event is processed.
        QCOMPARE(m_window->actions()->stop->text(), QStringLiteral("Stopping…"));
        QVERIFY(!m_window->actions()->stop->isEnabled());
        QVERIFY(test::waitForCount(finished, 2, 10000));
        const qint64 stopMs = stopClock.elapsed();
        probe.stop();
        app->stopRecording();
        const double blocked = test::worstBlockedHandlerMs(probe);
        qInfo("stop latency: %lld ms (trainer stopped, best model evaluated, result on the GUI thread)",
              stopMs);
        QVERIFY2(stopMs < 1000, qPrintable(QStringLiteral("Stop took %1 ms").arg(stopMs)));

        const RunResult stopped = finished.at(1).at(0).value<RunResult>();
        QCOMPARE(int(stopped.status), int(RunStatus::Stopped));
        QVERIFY2(stopped.model, "a stopped run keeps its best model");
        QVERIFY(stopped.model.get() != previousModel);
        QVERIFY(stopped.history.size() >= 3);
        QCOMPARE(int(controller->lastRun()->status), int(RunStatus::Stopped));

        // The previous good run is still the one kept, and its model predicts exactly as before.
        QVERIFY(controller->lastGoodRun().has_value());
        QCOMPARE(controller->lastGoodRun()->model.get(), previousModel);
        QCOMPARE(int(controller->lastGoodRun()->status), int(RunStatus::Completed));
        const Predictions after = predict(*controller->lastGoodRun()->model, *m_window->dataset(), rows);
        QCOMPARE(after.predicted, before.predicted);
        QCOMPARE(after.probabilities, before.probabilities);
        QCOMPARE(m_window->actions()->stop->text(), QStringLiteral("&Stop"));
        QVERIFY(m_window->actions()->train->isEnabled());

        qInfo("GUI thread gaps over %zu ticks of a 5 ms timer: worst %.1f ms, p99 %.1f ms, p50 %.1f ms",
              probe.samples(), probe.worst(), probe.percentile(0.99), probe.percentile(0.5));
        qInfo(
            "GUI thread: %.1f %% of a core, at most %.1f ms CPU within one gap; worst gap without waiting "
            "for a "
            "core held by other processes: %.1f ms (run-queue wait %s)",
            100.0 * probe.cpuShare(), probe.worstCpu(), probe.worstWithoutRunQueueWait(),
            probe.runQueueWaitKnown() ? "reported by the kernel" : "unknown");
        QVERIFY(probe.samples() > 100);
        const auto handlers = app->worstHandlers(5);
        qInfo("GUI-thread event handlers: %zu; the most expensive (CPU ms / wall ms):", app->handled());
        for (const test::HandlerCost& h : handlers)
            qInfo("  %6.1f / %6.1f  %s", h.cpuMs, h.wallMs, qPrintable(h.what));
        // What the program itself does on the GUI thread between two ticks of the probe: the CPU time of
        // every event handler in that gap. Unlike the wall-clock gap it leaves out the kernel's scheduling
        // and the test's own code (which runs between events), so it is the same on an idle or a busy
        // machine.
        double worstPass = 0;
        for (const test::GapProbe::CpuGap& gap : probe.busiestGaps(probe.samples())) {
            const double cpu = app->handlerCpuBetween(gap.fromMs, gap.toMs);
            if (cpu <= worstPass) continue;
            worstPass = cpu;
            qInfo("busiest stretch so far: %.1f ms of handlers in a %.1f ms gap", cpu, gap.toMs - gap.fromMs);
            for (const test::HandlerCost& h : app->handlersBetween(gap.fromMs, gap.toMs))
                if (!h.what.isEmpty()) qInfo("  %6.1f / %6.1f  %s", h.cpuMs, h.wallMs, qPrintable(h.what));
        }
        qInfo("worst GUI-thread handler %.1f ms CPU; worst stretch between two ticks %.1f ms CPU",
              handlers.empty() ? 0.0 : handlers.front().cpuMs, worstPass);
        QVERIFY(!handlers.empty());
        QVERIFY2(handlers.front().cpuMs < 50.0,
                 qPrintable(QStringLiteral("a GUI-thread handler took %1 ms").arg(handlers.front().cpuMs)));
        QVERIFY2(worstPass < 50.0,
                 qPrintable(QStringLiteral("the GUI thread was busy %1 ms").arg(worstPass)));
        QVERIFY2(blocked < test::kMaxBlockedHandlerMs,
                 qPrintable(QStringLiteral("a GUI-thread handler was blocked %1 ms").arg(blocked)));
    }

    void cleanupTestCase() {
        QVERIFY(m_window->close());
        QVERIFY(!m_window->controller()->isThreadRunning());
        m_window.reset();
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

BRIDGELC_UI_TEST_MAIN(TestTraining)
#include "test_training.moc"
