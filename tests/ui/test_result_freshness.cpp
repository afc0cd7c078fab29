// Views that must never show the wrong thing: the map names and splits the run being trained (not the one
// shown before), the Embeddings view redraws the projection and colouring chosen, the held-out regions'
// scores belong to the shown model on the shown dataset on a fixed scale, the clicked point follows the
// result shown, and a run carries its dataset's warnings while scores that cannot be computed say so.
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRadioButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "core/eval/metrics.h"
#include "core/geo/regions.h"
#include "core/io/run_store.h"
#include "tests/ui/map_panel_fixture.h"
#include "tests/ui/trained_runs.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/choropleth_layer.h"
#include "ui/map/map_panel_data.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/region_layer.h"
#include "ui/views/embedding_scatter.h"
#include "ui/views/embeddings_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/result_banner.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"

namespace bridgelc {

namespace {

bool load(MainWindow& window, const QString& path) {
    QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
    return window.openFile(path) && test::waitForCount(loaded, 1, 120000);
}

void useSettings(int epochs) {
    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = epochs;
    settings.earlyStopping = false;
    AppSettings::setTrainingSettings(settings);
}

QString detail(const std::vector<std::pair<QString, QString>>& details, const QString& name) {
    for (const auto& [key, value] : details)
        if (key == name) return value;
    return QStringLiteral("<missing>");
}

// With BRIDGELC_SCREENSHOT_DIR set, `window` as shown is saved there as `name`.png (to look at, as a user
// would).
void keepScreenshot(QWidget& window, const QString& name) {
    const QString dir = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QTest::qWait(800);  // the map's background and points render off the GUI thread
    window.grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// The banner over the Map tab.
ResultBanner* mapBanner(MainWindow& window) {
    for (ResultBanner* banner : window.findChildren<ResultBanner*>())
        if (banner->parentWidget() == window.mapPanel()->parentWidget()) return banner;
    return nullptr;
}

// What the window shows of `widget` now (the screen, not a fresh render of the widget).
QImage onScreen(QWidget* widget) {
    QWidget* window = widget->window();
    const QImage shot = window->screen()->grabWindow(window->winId()).toImage();
    return shot.copy(QRect(widget->mapTo(window, QPoint(0, 0)), widget->size()));
}

}  // namespace

class TestResultFreshness : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { registerMetaTypes(); }

    // While a run trains, the map names it (not the run shown before), shows its own test points, hatches
    // its held-out region before any prediction, and scores its test points only.
    void liveMapShowsTheRunBeingTrained() {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(load(window, test::realSample4k()));
        RunToolBar* bar = window.runToolBar();
        bar->modelBox()->setCurrentIndex(bar->modelBox()->findData(QStringLiteral("mlp")));
        bar->scenarioBox()->setCurrentIndex(bar->scenarioBox()->findData(QStringLiteral("extrap")));
        useSettings(2);
        QSignalSpy finished(window.controller(), &TrainingController::runFinished);
        QVERIFY(window.startTraining());
        QVERIFY(test::waitForCount(finished, 1, 300000));
        MapPanel* map = window.mapPanel();
        QTRY_VERIFY_WITH_TIMEOUT(map->data() && map->data()->predicted > 0 && !map->isBusy(), 120000);
        QVERIFY(map->data()->points.title.contains(QStringLiteral("EXTRAP")));

        // The next run: LORO with the Mediterranean held out, long enough to be watched while it trains.
        window.showTab(MainWindow::Tab::Map);
        window.controller()->setSnapshotInterval(300);
        bar->scenarioBox()->setCurrentIndex(bar->scenarioBox()->findData(QStringLiteral("loro")));
        for (int i = 0; i < bar->regionBox()->count(); ++i)
            if (bar->regionBox()->itemData(i, Qt::UserRole + 1).toString() == QLatin1String("MED"))
                bar->regionBox()->setCurrentIndex(i);
        QCOMPARE(bar->heldOutRegion(), regionIndex("MED"));
        useSettings(400);
        const DatasetPtr dataset = window.dataset();
        std::size_t mediterranean = 0;
        for (const int region : dataset->region)
            mediterranean += region == regionIndex("MED");
        QVERIFY(mediterranean > 100);
        QVERIFY(window.startTraining());

        // Its split and held-out region at once, before any prediction.
        QTRY_VERIFY_WITH_TIMEOUT(
            map->data() && map->data()->hasParts() && map->data()->heldOutRegion == QLatin1String("MED"),
            60000);
        const QString title = map->data()->points.title;
        QVERIFY2(title.contains(QStringLiteral("LORO (Mediterranean held out)")), qPrintable(title));
        QVERIFY2(!title.contains(QStringLiteral("EXTRAP")), qPrintable(title));
        QVERIFY2(mapBanner(window)->whose().contains(QStringLiteral("Mediterranean held out")),
                 qPrintable(mapBanner(window)->whose()));
        QCOMPARE(map->mapView()->renderer()->regions()->heldOutRegion(), QStringLiteral("MED"));
        QVERIFY(map->testPointsOnly());
        QCOMPARE(map->data()->partCounts[2], mediterranean);
        if (!map->data()->live) keepScreenshot(window, QStringLiteral("live-training-map-split"));

        // A live snapshot: the same run, the same split, scored on its test points only.
        QTRY_VERIFY_WITH_TIMEOUT(map->data() && map->data()->live && !map->isBusy(), 180000);
        const auto live = map->data();
        QVERIFY2(map->data()->points.title.contains(QStringLiteral("Mediterranean held out")),
                 qPrintable(map->data()->points.title));
        QCOMPARE(live->heldOutRegion, QStringLiteral("MED"));
        QCOMPARE(map->mapView()->renderer()->regions()->heldOutRegion(), QStringLiteral("MED"));
        QCOMPARE(live->predicted, std::int64_t(dataset->size()));
        QVERIFY(live->hasParts());
        std::size_t scored = 0, correct = 0;
        for (std::size_t i = 0; i < dataset->size(); ++i) {
            if (live->partOf(i) != PointPart::Test) continue;
            ++scored;
            correct += live->points.trueClass[i] == live->points.predictedClass[i];
        }
        QCOMPARE(scored, mediterranean);
        const QLocale locale;
        const QString expected =
            QStringLiteral("%1 correct, %2 wrong")
                .arg(locale.toString(qulonglong(correct)), locale.toString(qulonglong(scored - correct)));
        QVERIFY2(map->countsText().contains(expected), qPrintable(map->countsText() + " / " + expected));
        keepScreenshot(window, QStringLiteral("live-training-map"));
        // All points shown: the score still counts test points only.
        map->setTestPointsOnly(false);
        QTRY_VERIFY_WITH_TIMEOUT(map->countsText().contains(locale.toString(qulonglong(dataset->size())) +
                                                            QStringLiteral(" shown")),
                                 30000);
        QVERIFY2(map->countsText().contains(QStringLiteral("test points shown: ")),
                 qPrintable(map->countsText()));

        window.stopTraining();
        QVERIFY(test::waitForCount(finished, 2, 120000));
        QTRY_VERIFY_WITH_TIMEOUT(!map->data()->live && !map->isBusy(), 120000);
        QVERIFY(!map->data()->points.title.startsWith(QStringLiteral("Training")));
    }

    // Choosing t-SNE or colouring by region after t-SNE finished changes the plots on screen at once.
    void embeddingsRedrawWhatIsChosen() {
        const RunResult run = test::smallRun("bridgelc", 4);
        QVERIFY(run.model);
        EmbeddingsView view;
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy tsne(&view, &EmbeddingsView::tsneReady);
        view.showRun(test::smallDataset(), run);
        QVERIFY(tsne.wait(180000));
        QTest::qWait(200);
        QRadioButton* tsneButton = nullptr;
        QRadioButton* regionButton = nullptr;
        for (QRadioButton* button : view.findChildren<QRadioButton*>()) {
            if (button->text() == QLatin1String("t-SNE")) tsneButton = button;
            if (button->text() == QLatin1String("Biogeographical region")) regionButton = button;
        }
        QVERIFY(tsneButton && regionButton && tsneButton->isEnabled());
        const QImage pca = onScreen(view.invariantPanel());
        tsneButton->click();
        QTest::qWait(200);
        QVERIFY(view.invariantPanel()->title().contains(QStringLiteral("t-SNE")));
        const QImage tsneShown = onScreen(view.invariantPanel());
        QVERIFY2(tsneShown != pca, "the screen still shows the PCA plot");
        regionButton->click();
        QTest::qWait(200);
        QVERIFY2(onScreen(view.specificPanel()) != tsneShown, "unchanged");
        QVERIFY2(onScreen(view.invariantPanel()) != tsneShown, "the screen still shows the class colours");
    }

    // The held-out regions' scores are the shown run's model's on the shown dataset, never another model's or
    // dataset's, on a fixed 0.4-1.0 scale.
    void regionScoresBelongToTheShownModelAndDataset() {
        const DatasetPtr shown = test::smallDataset();
        LoadResult other = loadPoints(test::realSample4k().toStdString());
        QVERIFY(other.dataset);
        QTemporaryDir root;
        RunStore store(root.path().toStdString());
        auto save = [&](const Dataset& dataset, const std::string& model, const char* code, double f1) {
            RunResult run;
            run.status = RunStatus::Completed;
            run.modelName = model;
            run.scenario = Scenario::Loro;
            run.heldOutRegion = regionIndex(code);
            run.splitName = std::string("LORO-") + code;
            run.classNames = dataset.classNames;
            run.testMetrics.weightedF1 = f1;
            store.save(run, dataset);
        };
        save(*shown, "mlp", "ATL", 0.53);
        save(*shown, "mlp", "MED", 0.535);
        save(*other.dataset, "bridgelc", "MED", 0.91);
        save(*other.dataset, "mlp", "CON", 0.88);

        MapPanel panel;
        panel.resize(1600, 1000);
        RunResult bridge;
        bridge.modelName = "bridgelc";
        bridge.scenario = Scenario::Extrap;
        panel.showRun(shown, bridge, QStringLiteral("BRIDGE-LC run"));
        panel.showRegionScores(root.path());
        QVERIFY(test::waitIdle(panel));
        // BRIDGE-LC has LORO runs only on the other dataset, MLP only on this one: nothing to show.
        QVERIFY2(panel.choropleth()->scores().empty(), qPrintable(panel.choropleth()->title()));

        RunResult mlp = bridge;
        mlp.modelName = "mlp";
        panel.showRun(shown, mlp, QStringLiteral("MLP run"));
        panel.showRegionScores(root.path());
        QVERIFY(test::waitIdle(panel));
        const auto scores = panel.choropleth()->scores();
        QCOMPARE(scores.size(), std::size_t(2));  // ATL and MED; not the other dataset's CON
        for (const RegionScore& s : scores)
            QVERIFY2(s.code == QLatin1String("ATL") || s.code == QLatin1String("MED"), qPrintable(s.code));
        const QString title = panel.choropleth()->title();
        const QString name = QFileInfo(QString::fromStdString(shown->sourcePath)).fileName();
        QVERIFY2(
            title.contains(QStringLiteral("MLP on ") + name) && title.contains(QStringLiteral("2 LORO runs")),
            qPrintable(title));
        QCOMPARE(panel.choropleth()->range(), std::make_pair(0.4, 1.0));
    }

    // The clicked point's details follow the result shown: a run's part and prediction once it is shown.
    void clickedPointFollowsTheShownResult() {
        LoadResult loaded = loadPoints(test::realSample4k().toStdString());
        QVERIFY(loaded.dataset);
        const DatasetPtr dataset = std::make_shared<const Dataset>(std::move(*loaded.dataset));
        const RunResult run = test::shortRun(*dataset, Scenario::Extrap);
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.showDataset(dataset, QStringLiteral("the sample"));
        QVERIFY(test::waitIdle(panel));
        const std::int64_t row = run.test.rows.front();
        Q_EMIT panel.mapView()->pointClicked(row, QGeoCoordinate());
        QVERIFY(test::waitIdle(panel));
        QCOMPARE(detail(panel.pinnedDetails(), QStringLiteral("Part")), QStringLiteral("no run"));
        QCOMPARE(detail(panel.pinnedDetails(), QStringLiteral("Predicted class")), QStringLiteral("–"));

        panel.showRun(dataset, run, QStringLiteral("the run"));
        QVERIFY(test::waitIdle(panel));
        const auto details = panel.pinnedDetails();
        QCOMPARE(detail(details, QStringLiteral("Part")), QStringLiteral("test"));
        const QString predicted = detail(details, QStringLiteral("Predicted class"));
        QVERIFY2(QStringList(panel.data()->points.classNames).contains(predicted), qPrintable(predicted));
        QCOMPARE(detail(details, QStringLiteral("ID")), QString::fromStdString(dataset->ids[row]));

        panel.clear(QStringLiteral("nothing"));
        QVERIFY(panel.pinnedDetails().empty());
    }

    // A run on a table of soil-chemistry columns carries the dataset's warning into metrics.json and the
    // result banner.
    void datasetWarningsTravelWithTheRun() {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("soil.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("POINT_ID,lon,lat,lc1_name,pH_H2O,OC,clay\n");
        const char* classes[] = {"Cropland", "Woodland", "Grassland"};
        for (int i = 0; i < 300; ++i) {
            const int c = i % 3;
            file.write(QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                           .arg(i + 1)
                           .arg(2.0 + 0.05 * (i % 200))
                           .arg(44.0 + 0.03 * (i % 150))
                           .arg(QLatin1String(classes[c]))
                           .arg(5.0 + c + 0.01 * (i % 17))
                           .arg(10.0 * (c + 1) + (i % 7))
                           .arg(20 + 3 * c + (i % 5))
                           .toUtf8());
        }
        for (int i = 0; i < 5; ++i)
            file.write(
                QStringLiteral("%1,%2,45.5,Water,7.0,2,5\n").arg(1000 + i).arg(3.0 + 0.1 * i).toUtf8());
        file.close();

        MainWindow window;
        window.show();
        QVERIFY(load(window, file.fileName()));
        RunToolBar* bar = window.runToolBar();
        bar->modelBox()->setCurrentIndex(bar->modelBox()->findData(QStringLiteral("mlp")));
        bar->scenarioBox()->setCurrentIndex(bar->scenarioBox()->findData(QStringLiteral("extrap")));
        useSettings(2);
        QSignalSpy saved(window.controller(), &TrainingController::runSaved);
        QVERIFY(window.startTraining());
        QVERIFY(test::waitForCount(saved, 1, 300000));
        const RunSummary summary = saved.at(0).at(0).value<RunSummary>();
        QFile metrics(QString::fromStdString(summary.directory) + QStringLiteral("/metrics.json"));
        QVERIFY(metrics.open(QIODevice::ReadOnly));
        const QJsonArray warnings =
            QJsonDocument::fromJson(metrics.readAll()).object()[QStringLiteral("warnings")].toArray();
        bool soil = false, water = false;
        for (const QJsonValue& warning : warnings) {
            soil = soil || warning.toString().contains(QStringLiteral("soil chemistry"));
            water = water || warning.toString().contains(QStringLiteral("'Water'"));
        }
        QVERIFY2(soil && water, qPrintable(QJsonDocument(warnings).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.confusionBanner()->warnings().isEmpty(), 10000);
        QVERIFY2(window.confusionBanner()->warnings().join(' ').contains(QStringLiteral("soil chemistry")),
                 qPrintable(window.confusionBanner()->warnings().join('\n')));
    }

    // A class without test points has no recall or F1 ("–", not 0.0); a region scored on 17 points of one
    // class says why its 100 % and kappa 0 mean nothing.
    void undefinedScoresSayNoScore() {
        RunResult run;
        run.modelName = "mlp";
        run.splitName = "EXTRAP";
        run.classNames = {"Cropland", "Woodland", "Water"};
        ConfusionMatrix confusion(3);
        confusion.add(0, 0, 40);
        confusion.add(0, 1, 5);
        confusion.add(1, 1, 50);
        run.testConfusion = confusion;
        run.testMetrics = computeMetrics(confusion);
        run.testMetricsPerRegion.assign(biogeographicalRegions().size(), Metrics{});
        ConfusionMatrix few(3);
        few.add(0, 0, 17);
        run.testMetricsPerRegion[std::size_t(regionIndex("PAN"))] = computeMetrics(few);
        run.testMetricsPerRegion[std::size_t(regionIndex("CON"))] = computeMetrics(confusion);
        MetricsView view;
        view.setResult(run);
        QTableWidget *classes = nullptr, *regions = nullptr;
        for (auto* table : view.findChildren<QTableWidget*>()) {
            const QString first = table->horizontalHeaderItem(0)->text();
            if (first == QLatin1String("Class")) classes = table;
            if (first == QLatin1String("Region")) regions = table;
        }
        QVERIFY(classes && regions);
        int water = -1;
        for (int r = 0; r < classes->rowCount(); ++r)
            if (classes->item(r, 0)->text() == QLatin1String("Water")) water = r;
        QVERIFY(water >= 0);
        for (int c = 1; c <= 3; ++c)
            QCOMPARE(classes->item(water, c)->text(), QStringLiteral("–"));
        QCOMPARE(classes->item(water, 4)->text(), QStringLiteral("0"));
        QVERIFY(classes->item(0, 1)->text() != QLatin1String("–"));
        QString pannonian, continental;
        for (int r = 0; r < regions->rowCount(); ++r) {
            const QString name = regions->item(r, 0)->text();
            const QString note = regions->item(r, regions->columnCount() - 1)->text();
            if (name.startsWith(QLatin1String("PAN"))) pannonian = note;
            if (name.startsWith(QLatin1String("CON"))) continental = note;
        }
        QVERIFY2(
            pannonian.contains(QStringLiteral("17 points")) && pannonian.contains(QStringLiteral("kappa")),
            qPrintable(pannonian));
        QVERIFY2(continental.isEmpty(), qPrintable(continental));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestResultFreshness)
#include "test_result_freshness.moc"
