// Saved runs: the "Run all" queue through the controller (progress, cancel), the Runs tab (list, compare,
// delete) and the exports of a finished run (predictions in three formats, checkpoint copy, figures).
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <memory>

#include "core/data/point_reader.h"
#include "core/io/checkpoint.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/run_queue.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/confusion_view.h"
#include "ui/views/curves_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"

using namespace bridgelc;

class TestRuns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        LoadResult loaded = loadPoints(test::realSample4k().toStdString());
        QVERIFY2(loaded.dataset, loaded.report.fatalMessage().c_str());
        m_dataset = std::make_shared<const Dataset>(std::move(*loaded.dataset));
        m_root = test::testHome().path() + QStringLiteral("/runs");
        m_base.dataset = m_dataset;
        m_base.settings = TrainingSettings::laptop();
        m_base.settings.epochs = 1;
        m_base.settings.earlyStopping = false;
        m_base.runsRoot = m_root;
    }

    void planCoversEveryModelAndEveryLoroFold() {
        int foldRegions = 0;
        const auto counts = m_dataset->regionCounts();
        for (std::size_t r = 0; r + 1 < counts.size(); ++r)
            foldRegions += counts[r] >= 100 ? 1 : 0;
        QVERIFY(foldRegions >= 2);
        const auto jobs =
            RunQueue::plan(m_base, {QStringLiteral("mlp"), QStringLiteral("bridgelc")}, true, true);
        QCOMPARE(jobs.size(), 2 * (1 + foldRegions));
        QCOMPARE(jobs.front().scenario, std::string("extrap"));
        QCOMPARE(jobs.front().modelName, std::string("mlp"));
        QCOMPARE(jobs[1].scenario, std::string("loro"));
        QVERIFY(counts[std::size_t(jobs[1].heldOutRegion)] >= 100);
        QCOMPARE(jobs.back().modelName, std::string("bridgelc"));
        QCOMPARE(RunQueue::plan(m_base, {QStringLiteral("mlp")}, true, false).size(), 1);
    }

    void queueRunsEveryJobAndSavesThem() {
        TrainingController controller;
        RunQueue queue(&controller);
        QSignalSpy started(&queue, &RunQueue::jobStarted);
        QSignalSpy progress(&queue, &RunQueue::progressChanged);
        QSignalSpy finished(&queue, &RunQueue::finished);
        QSignalSpy saved(&controller, &TrainingController::runSaved);
        auto jobs = RunQueue::plan(m_base, {QStringLiteral("mlp")}, true, true).mid(0, 3);
        QVERIFY(queue.start(jobs));
        QVERIFY(!queue.start(jobs));  // one queue at a time
        QVERIFY(test::waitForCount(finished, 1, 300000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(finished.at(0).at(1).toInt(), 3);  // completed
        QCOMPARE(started.count(), 3);
        QCOMPARE(progress.last().at(0).toInt(), 3);
        QCOMPARE(queue.summaryText(), QStringLiteral("Run all finished: 3 of 3 runs finished (3 completed)"));
        // Nothing to estimate from before the first run; after it, the model's runs have a time left.
        QCOMPARE(started.at(0).at(2).value<TrainingRequest>().label, QStringLiteral("1/3"));
        const QString second = started.at(1).at(2).value<TrainingRequest>().label;
        QVERIFY2(second.startsWith(QStringLiteral("2/3, about ")) && second.endsWith(QStringLiteral(" left")),
                 qPrintable(second));
        QVERIFY(test::waitForCount(saved, 3, 60000));
        for (const auto& signal : saved)
            m_saved.push_back(signal.at(0).value<RunSummary>());
        QVERIFY(!controller.isBusy());
    }

    void cancellingTheQueueStopsTheRunAndDropsTheRest() {
        TrainingController controller;
        RunQueue queue(&controller);
        QSignalSpy finished(&queue, &RunQueue::finished);
        QSignalSpy epochs(&controller, &TrainingController::epochReady);
        TrainingRequest slow = m_base;
        slow.settings.epochs = 500;
        slow.runsRoot.clear();
        QVERIFY(queue.start(RunQueue::plan(slow, {QStringLiteral("bridgelc")}, true, true)));
        QVERIFY(test::waitForCount(epochs, 1, 120000));
        queue.cancel();
        QCOMPARE(controller.state(), TrainingController::State::Stopping);
        QVERIFY(test::waitForCount(finished, 1, 10000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(queue.done(), 1);
        // Every run accounted for: the one stopped, none completed, the rest never started.
        QCOMPARE(queue.stopped(), 1);
        QCOMPARE(queue.completed(), 0);
        QCOMPARE(queue.notStarted(), queue.total() - 1);
        QCOMPARE(queue.summaryText(),
                 QStringLiteral("Run all cancelled: 1 of %1 runs finished (1 stopped); %2 never "
                                "started")
                     .arg(queue.total())
                     .arg(queue.total() - 1));
        QVERIFY(!queue.isRunning());
        QVERIFY(!controller.isBusy());
    }

    void runsViewListsComparesAndDeletes() {
        RunsView view;
        view.setProperty("confirmDelete", false);
        QSignalSpy refreshed(&view, &RunsView::refreshed);
        view.setRoot(m_root);
        QVERIFY(test::waitForCount(refreshed, 1, 30000));
        QCOMPARE(int(view.runs().size()), 3);
        // Exactly the runs the queue saved, with the scores they were saved with.
        QStringList ids;
        for (const RunSummary& run : view.runs()) {
            ids << QString::fromStdString(run.id);
            auto saved = std::find_if(m_saved.begin(), m_saved.end(),
                                      [&](const RunSummary& s) { return s.id == run.id; });
            QVERIFY(saved != m_saved.end());
            QCOMPARE(run.modelName, std::string("mlp"));
            QCOMPARE(run.splitName, saved->splitName);
            QCOMPARE(run.overallAccuracy, saved->overallAccuracy);
            QCOMPARE(run.weightedF1, saved->weightedF1);
        }
        view.selectIds(ids.mid(0, 2));
        QCOMPARE(view.selectedIds().size(), 2);
        QCOMPARE(view.comparedRuns(), 2);
        QCOMPARE(view.removeRuns({ids.front()}), 1);
        view.waitForRefresh();
        QCOMPARE(int(view.runs().size()), 2);
        QVERIFY(!QFileInfo::exists(m_root + QLatin1Char('/') + ids.front()));
    }

    void exportsWritePredictionsModelAndFigures() {
        TrainingController controller;
        QSignalSpy finished(&controller, &TrainingController::runFinished);
        QSignalSpy saved(&controller, &TrainingController::runSaved);
        TrainingRequest request = m_base;
        request.modelName = "bridgelc";
        QVERIFY(controller.start(request));
        QVERIFY(test::waitForCount(saved, 1, 120000));
        const RunResult run = finished.at(0).at(0).value<RunResult>();
        QVERIFY(run.model);

        CurvesView curves;
        ConfusionView confusion;
        MetricsView metrics;
        curves.setHistory(run.history);
        confusion.setResult(run, *m_dataset);
        metrics.setResult(run);
        ExportMenu menu(&curves, &confusion, &metrics);
        menu.setRun(run, m_dataset);
        menu.setSavedRun(saved.at(0).at(0).value<RunSummary>());
        QSignalSpy exported(&menu, &ExportMenu::exported);
        QSignalSpy failed(&menu, &ExportMenu::exportFailed);
        const QString dir = test::testHome().path() + QStringLiteral("/export");
        QVERIFY(QDir().mkpath(dir));
        for (const QString& name :
             {QStringLiteral("p.gpkg"), QStringLiteral("p.geojson"), QStringLiteral("p.csv")}) {
            QVERIFY(menu.exportPredictions(dir + QLatin1Char('/') + name));
            QVERIFY(test::waitForCount(exported, exported.count() + 1, 60000));
            QVERIFY(QFileInfo(dir + QLatin1Char('/') + name).size() > 1000);
        }
        QFile csv(dir + QStringLiteral("/p.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        int lines = 0;
        while (!csv.readLine().isEmpty())
            ++lines;
        QCOMPARE(lines, int(run.test.rows.size()) + 1);

        const QString model = dir + QStringLiteral("/copy.bridgelc");
        QVERIFY(menu.exportCheckpoint(model));
        const LoadedCheckpoint checkpoint = loadCheckpoint(model.toStdString());
        QVERIFY(checkpoint.model);
        QVERIFY(curves.exportImage(dir + QStringLiteral("/curves.svg")));
        QVERIFY(confusion.exportImage(dir + QStringLiteral("/confusion.png")));
        QCOMPARE(failed.count(), 0);
        QVERIFY(!menu.exportPredictions(dir + QStringLiteral("/p.xyz")) ||
                test::waitForCount(failed, 1, 30000));
    }

private:
    DatasetPtr m_dataset;
    QString m_root;
    TrainingRequest m_base;
    std::vector<RunSummary> m_saved;
};

BRIDGELC_UI_TEST_MAIN(TestRuns)
#include "test_runs.moc"
