// Saved runs: "Run all" on the command line's experiment runner (progress, cancel, same scores as the app),
// the Runs tab (list, compare, delete) and the exports of a finished run (predictions in three formats,
// checkpoint copy, figures).
#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <memory>
#include <optional>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include "core/data/point_reader.h"
#include "core/io/checkpoint.h"
#include "core/io/run_store.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/run_all_process.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/confusion_view.h"
#include "ui/views/curves_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/run_all_dialog.h"

using namespace bridgelc;

class TestRuns : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        qputenv("BRIDGELC_CLI", BRIDGELC_CLI_PATH);
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
        QCOMPARE(RunAllProcess::plannedRuns(*m_dataset, 2, true, true), 2 * (1 + foldRegions));
        QCOMPARE(RunAllProcess::plannedRuns(*m_dataset, 1, true, false), 1);
        QCOMPARE(RunAllProcess::plannedRuns(*m_dataset, 3, false, true), 3 * foldRegions);
        // The open file, its labels and the chosen runs become the experiment's command line.
        RunAllRequest request = runAllRequest({QStringLiteral("mlp"), QStringLiteral("bridgelc")});
        request.labels.labelColumn = "lc1";
        request.settings.seed = 7;
        const QStringList args = RunAllProcess::arguments(request, QStringLiteral("s.json"));
        const auto after = [&](const QString& option) {
            const int i = int(args.indexOf(option));
            return i >= 0 && i + 1 < args.size() ? args[i + 1] : QString();
        };
        QCOMPARE(args.front(), QStringLiteral("experiment"));
        QCOMPARE(args[1], test::realSample4k());
        QCOMPARE(after(QStringLiteral("--models")), QStringLiteral("mlp,bridgelc"));
        QCOMPARE(after(QStringLiteral("--scenarios")), QStringLiteral("extrap"));
        QCOMPARE(after(QStringLiteral("--seeds")), QStringLiteral("7"));
        QCOMPARE(after(QStringLiteral("--loro-seeds")), QStringLiteral("7"));
        QCOMPARE(after(QStringLiteral("--label-column")), QStringLiteral("lc1"));
        QCOMPARE(after(QStringLiteral("--settings")), QStringLiteral("s.json"));
        QCOMPARE(after(QStringLiteral("--save-runs")), m_root);
        request.dataPath.clear();  // the built-in sample
        QVERIFY(
            RunAllProcess::arguments(request, QStringLiteral("s.json")).contains(QStringLiteral("--sample")));
    }

    // Run all trains on the command line's experiment runner, several runs at once in processes of their own,
    // and saves each into the Runs folder with the same scores as the app's own one-at-a-time training.
    void runAllTrainsInProcessesAndSavesEveryRun() {
        QVERIFY2(!RunAllProcess::commandLinePath().isEmpty(), "the bridgelc command line was not found");
        RunAllProcess runAll;
        QSignalSpy progress(&runAll, &RunAllProcess::progressChanged);
        QSignalSpy runFinished(&runAll, &RunAllProcess::runFinished);
        QSignalSpy finished(&runAll, &RunAllProcess::finished);
        const RunAllRequest request = runAllRequest(
            {QStringLiteral("mlp"), QStringLiteral("random-forest"), QStringLiteral("gradient-boosting")});
        QVERIFY2(runAll.start(request), qPrintable(runAll.errorText()));
        QVERIFY(!runAll.start(request));  // one at a time
        QVERIFY(test::waitForCount(finished, 1, 600000));
        QVERIFY2(!finished.at(0).at(0).toBool() && finished.at(0).at(1).toInt() == 3,
                 qPrintable(runAll.summaryText()));
        QCOMPARE(runAll.total(), 3);
        QCOMPARE(runFinished.count(), 3);
        QCOMPARE(progress.last().at(0).toInt(), 3);
        QVERIFY2(runAll.summaryText().startsWith(
                     QStringLiteral("Run all finished: 3 of 3 runs finished (3 completed); tables in ")),
                 qPrintable(runAll.summaryText()));
        QVERIFY(QFileInfo::exists(request.experimentDirectory + QStringLiteral("/results.md")));

        const std::vector<RunSummary> runs = RunStore(m_root.toStdString()).list();
        std::optional<RunSummary> mlp;
        for (const auto& signal : runFinished) {
            const QString id = signal.at(0).toString();
            QVERIFY2(!id.isEmpty() && signal.at(1).toBool(), "every run completed and was saved");
            const auto summary = std::find_if(runs.begin(), runs.end(),
                                              [&](const RunSummary& s) { return s.id == id.toStdString(); });
            QVERIFY2(summary != runs.end(), qPrintable(id));
            m_saved.push_back(*summary);
            if (summary->modelName == "mlp") mlp = *summary;
        }
        QVERIFY(mlp);

        // The same run trained by the app one at a time gives the same scores.
        TrainingController controller;
        QSignalSpy done(&controller, &TrainingController::runFinished);
        TrainingRequest alone = m_base;
        alone.modelName = "mlp";
        alone.runsRoot.clear();
        QVERIFY(controller.start(alone));
        QVERIFY(test::waitForCount(done, 1, 300000));
        const RunResult one = done.at(0).at(0).value<RunResult>();
        QCOMPARE(one.status, RunStatus::Completed);
        QCOMPARE(mlp->weightedF1, one.testMetrics.weightedF1);
        QCOMPARE(mlp->overallAccuracy, one.testMetrics.overallAccuracy);
    }

    void cancellingRunAllStopsItsJobsAndKeepsNothingHalfDone() {
        RunAllProcess runAll;
        QSignalSpy finished(&runAll, &RunAllProcess::finished);
        RunAllRequest slow = runAllRequest({QStringLiteral("bridgelc")});
        slow.loro = true;
        slow.settings.epochs = 500;
        slow.runsRoot = test::testHome().path() + QStringLiteral("/cancelled-runs");
        slow.experimentDirectory += QStringLiteral("-cancelled");
        slow.plannedRuns = RunAllProcess::plannedRuns(*m_dataset, 1, true, true);
        QVERIFY2(runAll.start(slow), qPrintable(runAll.errorText()));
        // Cancel once its jobs train: their logs appear when they start.
        const QString logs = slow.experimentDirectory + QStringLiteral("/logs");
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(logs).entryList(QDir::Files).isEmpty() || !runAll.isRunning(), 120000);
        QVERIFY(runAll.isRunning());
        runAll.cancel();
        QVERIFY(test::waitForCount(finished, 1, 60000));
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(runAll.done(), 0);
        QCOMPARE(runAll.summaryText(), QStringLiteral("Run all cancelled: 0 of %1 runs finished; %1 not run; "
                                                      "tables in %2")
                                           .arg(slow.plannedRuns)
                                           .arg(QDir::toNativeSeparators(slow.experimentDirectory)));
        QVERIFY(!runAll.isRunning());
        // No run was saved and no job counts as finished, so nothing half-trained is ever shown.
        QVERIFY(QDir(slow.runsRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        QVERIFY(QDir(slow.experimentDirectory + QStringLiteral("/jobs")).entryList(QDir::Files).isEmpty());
    }

    void runAllDialogSaysHowTheRunsTrain() {
        RunAllDialog dialog(m_dataset);
        dialog.resize(560, 520);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QLabel* count = nullptr;
        for (QLabel* label : dialog.findChildren<QLabel*>())
            if (label->text().contains(QStringLiteral("run(s)")) ||
                label->text().contains(QStringLiteral(" runs ")))
                count = label;
        QVERIFY(count);
        const int planned = RunAllProcess::plannedRuns(*m_dataset, int(dialog.models().size()), true, true);
        QVERIFY2(count->text().startsWith(
                     QStringLiteral("%1 runs with the current training settings").arg(planned)),
                 qPrintable(count->text()));
        QVERIFY2(count->text().contains(QStringLiteral("experiment runner")), qPrintable(count->text()));
        auto* run = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(run->isEnabled());
        QVERIFY(test::ScreenshotOutput().save(dialog.grab().toImage(), QStringLiteral("run-all-dialog.png")));
        // Nothing chosen, nothing to run.
        for (QCheckBox* box : dialog.findChildren<QCheckBox*>())
            box->setChecked(false);
        QVERIFY2(count->text().startsWith(QStringLiteral("0 runs")), qPrintable(count->text()));
        QVERIFY(!run->isEnabled());
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
            QCOMPARE(run.modelName, saved->modelName);
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
    // Run all of `models` on EXTRAP of the 4k sample with m_base's settings, saved into m_root.
    RunAllRequest runAllRequest(const QStringList& models) const {
        RunAllRequest request;
        request.dataPath = test::realSample4k();
        request.models = models;
        request.extrap = true;
        request.loro = false;
        request.settings = m_base.settings;
        request.runsRoot = m_root;
        request.experimentDirectory = test::testHome().path() + QStringLiteral("/experiments/run-all");
        request.threads = 2;
        request.plannedRuns = int(models.size());
        return request;
    }

    TrainingRequest m_base;
    std::vector<RunSummary> m_saved;
};

BRIDGELC_UI_TEST_MAIN(TestRuns)
#include "test_runs.moc"
