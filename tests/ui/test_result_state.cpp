// The state model: every result is tied to the dataset it came from. Switching datasets marks the old result
// and makes export ask; a failed load leaves nothing half-open; the Runs table tells datasets apart; a saved
// run reopened after a restart shows its confusion matrix and scores again; comparing then deleting runs
// leaves no stale curves.
#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QMessageBox>
#include <memory>

#include "core/io/saved_run.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_view.h"
#include "ui/views/confusion_view.h"
#include "ui/views/curves_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/result_banner.h"
#include "ui/views/run_comparison.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/session_state.h"

using namespace bridgelc;

namespace {

bool load(MainWindow& window, const QString& path) {
    QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
    if (!(path.isEmpty() ? window.openSample() : window.openFile(path))) return false;
    return test::waitForCount(loaded, 1, 120000);
}

/// Trains the toolbar's model (a quick MLP) and waits until the run is shown and saved.
std::optional<RunSummary> trainQuickly(MainWindow& window) {
    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = 2;
    settings.earlyStopping = false;
    AppSettings::setTrainingSettings(settings);
    const int mlp = window.runToolBar()->modelBox()->findData(QStringLiteral("mlp"));
    window.runToolBar()->modelBox()->setCurrentIndex(mlp);
    window.runToolBar()->scenarioBox()->setCurrentIndex(0);
    QSignalSpy saved(window.controller(), &TrainingController::runSaved);
    if (!window.startTraining() || !test::waitForCount(saved, 1, 300000)) return std::nullopt;
    return saved.at(0).at(0).value<RunSummary>();
}

qint64 confusionTotal(const ConfusionView& view, int classes) {
    qint64 total = 0;
    for (int t = 0; t < classes; ++t)
        for (int p = 0; p < classes; ++p)
            total += view.cellText(t, p).remove(QLatin1Char(',')).remove(QChar(0x202f)).toLongLong();
    return total;
}

void closeMessageBoxes(QWidget& window) {
    for (auto* box : window.findChildren<QMessageBox*>())
        box->close();
}

}  // namespace

class TestResultState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        AppSettings::setTrainingSettings(TrainingSettings::laptop());
    }

    void switchingDatasetsMarksTheOldResultAndExportAsks() {
        MainWindow window;
        window.show();
        QVERIFY(load(window, test::realSample4k()));
        const auto summary = trainQuickly(window);
        QVERIFY(summary);
        m_firstRun = *summary;
        const auto& shown = window.session()->shown();
        QVERIFY(shown);
        const QString whose = window.confusionBanner()->whose();
        QVERIFY2(whose.contains(QStringLiteral("MLP")) && whose.contains(QStringLiteral("sample4k")),
                 qPrintable(whose));
        QVERIFY(window.session()->shownMatchesDataset());
        QVERIFY(window.confusionBanner()->warnings().isEmpty());
        const int classes = int(shown->run.classNames.size());
        const qint64 testPoints = qint64(shown->run.test.rows.size());
        QCOMPARE(confusionTotal(*window.confusionView(), classes), testPoints);

        // A confusion cell's points are exactly the map's selection.
        QTRY_VERIFY_WITH_TIMEOUT(!window.mapPanel()->isBusy(), 60000);
        int fullest = 0;
        for (int t = 0; t < classes; ++t)
            if (window.confusionView()->rowsOf(t, t).size() >
                window.confusionView()->rowsOf(fullest, fullest).size())
                fullest = t;
        const qint64 cellPoints = window.confusionView()->rowsOf(fullest, fullest).size();
        QVERIFY(cellPoints > 0);
        QTest::mouseClick(window.confusionView()->heatmapWidget(), Qt::LeftButton, {},
                          window.confusionView()->cellRect(fullest, fullest).center());
        QTRY_COMPARE_WITH_TIMEOUT(qint64(window.mapPanel()->mapView()->selectionCount()), cellPoints, 30000);

        // Another dataset: the result stays visible but every view says it belongs to the first one.
        QVERIFY(load(window, QString()));
        QVERIFY(!window.session()->shownMatchesDataset());
        for (ResultBanner* banner : {window.confusionBanner(), window.metricsBanner()}) {
            QVERIFY(banner->whose().contains(QStringLiteral("sample4k")));
            QVERIFY2(banner->warnings().join(' ').contains(QStringLiteral("not on the open dataset")),
                     qPrintable(banner->warnings().join(' ')));
        }
        QCOMPARE(confusionTotal(*window.confusionView(), classes), testPoints);

        // Export refuses without the user's yes, and says why; with it, it writes the first dataset's points.
        QSignalSpy failed(window.exportMenu(), &ExportMenu::exportFailed);
        QSignalSpy exported(window.exportMenu(), &ExportMenu::exported);
        const QString path = test::testHome().path() + QStringLiteral("/switched.csv");
        QVERIFY(!window.exportMenu()->exportPredictions(path));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("sample4k")));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(window.exportMenu()->exportPredictions(path, true));
        QVERIFY(test::waitForCount(exported, 1, 60000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()).count(QLatin1Char('\n')) - 1, testPoints);

        // Back on the first data, the result is its own again.
        QVERIFY(load(window, test::realSample4k()));
        QVERIFY(window.session()->shownMatchesDataset());
        QVERIFY(window.confusionBanner()->warnings().isEmpty());
    }

    void aFailedLoadLeavesNoHalfState() {
        MainWindow window;
        window.show();
        QVERIFY(load(window, test::realSample4k()));
        QVERIFY(window.actions()->train->isEnabled());
        const QString empty = test::testHome().path() + QStringLiteral("/empty.csv");
        QFile(empty).open(QIODevice::WriteOnly);
        QSignalSpy failed(window.loader(), &DatasetLoader::failed);
        QVERIFY(window.openFile(empty));
        QVERIFY(test::waitForCount(failed, 1, 30000));
        closeMessageBoxes(window);
        QVERIFY(!window.dataset());
        QVERIFY(!window.session()->datasetIdentity().isKnown());
        QCOMPARE(window.windowTitle(), QStringLiteral("BRIDGE-LC Explorer"));
        QVERIFY(!window.actions()->train->isEnabled());
        QVERIFY(!window.actions()->runAll->isEnabled());
        QVERIFY(!window.startTraining());
    }

    void runsTableTellsDatasetsApartAndFilters() {
        MainWindow window;
        window.show();
        QVERIFY(load(window, QString()));
        const auto onSample = trainQuickly(window);
        QVERIFY(onSample);
        RunsView* runs = window.runsView();
        runs->refresh();
        runs->waitForRefresh();
        QTRY_VERIFY_WITH_TIMEOUT(runs->runs().size() >= 2, 30000);
        QSet<QString> fingerprints;
        for (const RunSummary& run : runs->runs())
            fingerprints.insert(QString::fromStdString(run.datasetFingerprint));
        QCOMPARE(fingerprints.size(), 2);
        QVERIFY(fingerprints.contains(QString::fromStdString(m_firstRun.datasetFingerprint)));
        // The filter offers "all" plus each dataset, and filtering leaves only that dataset's runs.
        QCOMPARE(runs->datasetFilter()->count(), 3);
        const int all = runs->visibleRuns();
        runs->setDatasetFilter(QString::fromStdString(onSample->datasetFingerprint));
        QCOMPARE(runs->visibleRuns(), 1);
        runs->setDatasetFilter(QString());
        QCOMPARE(runs->visibleRuns(), all);
    }

    void aSavedRunReopensWholeAfterARestart() {
        // A new window is what a restart leaves: nothing shown until a saved run is picked.
        MainWindow window;
        window.show();
        QVERIFY(!window.session()->shown());
        QVERIFY(load(window, test::realSample4k()));
        RunsView* runs = window.runsView();
        runs->waitForRefresh();
        QTRY_VERIFY_WITH_TIMEOUT(!runs->runs().empty(), 30000);
        QSignalSpy opened(runs, &RunsView::savedRunLoaded);
        runs->selectIds({QString::fromStdString(m_firstRun.id)});
        QVERIFY(test::waitForCount(opened, 1, 60000));
        QVERIFY2(opened.at(0).at(1).toBool(), "the run's test points are found in the open dataset");
        const auto& shown = window.session()->shown();
        QVERIFY(shown && shown->reopened);
        QVERIFY(window.confusionBanner()->whose().contains(QStringLiteral("saved run")));
        QVERIFY(window.session()->shownMatchesDataset());
        QCOMPARE(shown->run.testMetrics.weightedF1, m_firstRun.weightedF1);
        // The matrix is back with the saved counts, and its cells point at dataset rows again.
        const int classes = int(shown->run.classNames.size());
        const qint64 saved = qint64(shown->run.testConfusion.total());
        QVERIFY(saved > 0);
        QCOMPARE(confusionTotal(*window.confusionView(), classes), saved);
        QCOMPARE(qint64(shown->run.test.rows.size()), saved);
        qint64 located = 0;
        for (int t = 0; t < classes; ++t)
            located += window.confusionView()->rowsOf(t, t).size();
        QVERIFY(located > 0);
        QVERIFY(window.metricsView()->asText().contains(QStringLiteral("Weighted F1")));
        QVERIFY(window.exportMenu()->exportCheckpoint(test::testHome().path() +
                                                      QStringLiteral("/back.bridgelc")));
    }

    void comparingThenSelectingOneOrDeletingLeavesNoStaleCurves() {
        RunsView view;
        view.setProperty("confirmDelete", false);
        QSignalSpy refreshed(&view, &RunsView::refreshed);
        view.setRoot(AppSettings::runsRoot());
        QVERIFY(test::waitForCount(refreshed, 1, 30000));
        QVERIFY(view.runs().size() >= 2);
        QStringList ids;
        for (const RunSummary& run : view.runs())
            ids << QString::fromStdString(run.id);
        view.selectIds(ids);
        view.waitForRefresh();
        QCOMPARE(view.comparedRuns(), int(ids.size()));
        auto dashed = [&view] {
            int count = 0;
            for (const QString& name : view.overlayView()->visibleSeriesNames())
                count += name.startsWith(QLatin1Char('#')) ? 1 : 0;
            return count;
        };
        QCOMPARE(dashed(), 2 * int(ids.size()));
        // Class by class: one F1 row per class after the headline rows.
        QVERIFY(view.comparison()->rowCount() > RunComparison::headlineRows());

        view.selectIds({ids.front()});
        view.waitForRefresh();
        QCOMPARE(dashed(), 0);
        QVERIFY(view.overlayView()->pointCount(view.overlayView()->visibleSeriesNames().value(0)) > 0);

        view.selectIds(ids);
        view.waitForRefresh();
        QCOMPARE(view.removeRuns(ids.mid(1)), int(ids.size()) - 1);
        view.waitForRefresh();
        QTRY_COMPARE_WITH_TIMEOUT(int(view.runs().size()), 1, 30000);
        view.waitForRefresh();
        QCOMPARE(dashed(), 0);
        QCOMPARE(view.comparedRuns(), 1);
    }

    void nonsenseResultsCarryTheirWarningWhereTheyAreShown() {
        const QString dir = test::testHome().path();
        const QString fivePath = test::writeFivePointFile(dir);
        const QString onePath = test::writeOneClassFile(dir);
        QVERIFY(!fivePath.isEmpty() && !onePath.isEmpty());

        MainWindow window;
        window.show();
        QVERIFY(load(window, fivePath));
        QVERIFY(trainQuickly(window));
        QStringList warnings = window.confusionBanner()->warnings();
        QVERIFY2(warnings.join(' ').contains(QStringLiteral("validation part")) &&
                     warnings.join(' ').contains(QStringLiteral("The scores rest on")),
                 qPrintable(warnings.join('\n')));
        QCOMPARE(window.metricsBanner()->warnings(), warnings);  // the same where the scores are read

        QVERIFY(load(window, onePath));
        QVERIFY(trainQuickly(window));
        warnings = window.confusionBanner()->warnings();
        QVERIFY2(
            warnings.join(' ').contains(QStringLiteral("Every scored point is of one class ('Cropland')")),
            qPrintable(warnings.join('\n')));
        // Saved with the run: a restart shows the same warning.
        const auto summary = window.session()->shown()->savedDirectory;
        QVERIFY(!summary.isEmpty());
        QVERIFY(loadSavedRun(summary.toStdString()).result.warnings ==
                window.session()->shown()->run.warnings);
    }

private:
    RunSummary m_firstRun;
};

BRIDGELC_UI_TEST_MAIN(TestResultState)
#include "test_result_state.moc"
