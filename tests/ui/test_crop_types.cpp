// Crop types from the application alone, on the real 4,000-point LUCAS sample: choosing "Crop types" shows
// the crop classes (and the codes dropped for too few points), BRIDGE-LC and gradient boosting train on them
// and appear in Runs under their labels, a confusion cell's points are the map's selection, the predictions
// export with crop classes, and a crop-type run reopened over land cover brings its labels back.
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QTreeWidget>

#include "core/io/saved_run.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_view.h"
#include "ui/views/confusion_view.h"
#include "ui/views/dataset_panel.h"
#include "ui/views/result_banner.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/label_selection.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/session_state.h"

using namespace bridgelc;

namespace {

const QStringList kCrops = {QStringLiteral("B11 Common wheat"), QStringLiteral("B13 Barley"),
                            QStringLiteral("B16 Maize")};

/// Chooses the entry of the Labels box with this level as a user does (activated, not only current).
bool chooseLevel(DatasetPanel& panel, int level) {
    QComboBox* box = panel.labelsBox();
    for (int i = 0; i < box->count(); ++i)
        if (box->itemData(i, Qt::UserRole).toInt() == level &&
            box->itemData(i, Qt::UserRole + 1).toString().isEmpty()) {
            box->setCurrentIndex(i);
            Q_EMIT box->activated(i);
            return true;
        }
    return false;
}

QStringList classNames(const Dataset& dataset) {
    QStringList names;
    for (const std::string& name : dataset.classNames)
        names << QString::fromStdString(name);
    return names;
}

std::optional<RunSummary> train(MainWindow& window, const QString& model, int timeoutMs = 120000) {
    const int index = window.runToolBar()->modelBox()->findData(model);
    if (index < 0) return std::nullopt;
    window.runToolBar()->modelBox()->setCurrentIndex(index);
    window.runToolBar()->scenarioBox()->setCurrentIndex(0);  // EXTRAP
    QSignalSpy saved(window.controller(), &TrainingController::runSaved);
    if (!window.startTraining() || !test::waitForCount(saved, 1, timeoutMs)) return std::nullopt;
    return saved.at(0).at(0).value<RunSummary>();
}

}  // namespace

class TestCropTypes : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = 5;
        settings.earlyStopping = false;
        settings.threads = 1;
        settings.seed = 1;
        AppSettings::setTrainingSettings(settings);
        LabelSelection::setRememberedLevel(1);
    }

    void cropTypesFromTheApplication() {
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openFile(test::realSample4k()));
        QVERIFY(test::waitForCount(loaded, 1, 120000));
        QCOMPARE(window.dataset()->classNames.size(), std::size_t(8));

        // Crop types: the three crop codes with at least 20 points, the others named as dropped.
        DatasetPanel* panel = window.datasetPanel();
        QVERIFY(chooseLevel(*panel, 2));
        QCOMPARE(window.labelSelection()->choice().level, 2);
        QCOMPARE(classNames(*window.dataset()), kCrops);
        QCOMPARE(window.dataset()->size(), std::size_t(67));
        QCOMPARE(panel->classRowCount(), 3);
        QVERIFY2(panel->droppedNote().contains(QStringLiteral("B81 Olive groves (10)")),
                 qPrintable(panel->droppedNote()));
        QVERIFY(window.session()->datasetIdentity().name.contains(QStringLiteral("crop types")));
        QCOMPARE(LabelSelection::rememberedLevel(), 2);

        const auto bridge = train(window, QStringLiteral("bridgelc"));
        QVERIFY2(bridge, "BRIDGE-LC did not train and save");
        const auto boosting = train(window, QStringLiteral("gradient-boosting"));
        QVERIFY2(boosting, "gradient boosting did not train and save");
        for (const RunSummary* run : {&*bridge, &*boosting}) {
            QCOMPARE(run->labels.level, 2);
            QCOMPARE(QString::fromStdString(run->datasetFingerprint),
                     window.session()->datasetIdentity().fingerprint);
        }
        const auto& shown = window.session()->shown();
        QVERIFY(shown);
        QCOMPARE(shown->run.modelName, std::string("gradient-boosting"));
        QCOMPARE(int(shown->run.classNames.size()), 3);
        QVERIFY(window.confusionBanner()->whose().contains(QStringLiteral("crop types")));

        // Both runs in Runs, labelled as crop types.
        RunsView* runs = window.runsView();
        runs->refresh();
        runs->waitForRefresh();
        int listed = 0;
        for (const RunSummary& run : runs->runs())
            if (run.id == bridge->id || run.id == boosting->id) {
                ++listed;
                QCOMPARE(run.labels.level, 2);
            }
        QCOMPARE(listed, 2);

        // A confusion cell's points are exactly the map's selection, and they are crop points of that class.
        QTRY_VERIFY_WITH_TIMEOUT(!window.mapPanel()->isBusy(), 60000);
        ConfusionView* confusion = window.confusionView();
        int fullest = 0;
        for (int t = 0; t < 3; ++t)
            if (confusion->rowsOf(t, t).size() > confusion->rowsOf(fullest, fullest).size()) fullest = t;
        const QVector<qint64> cell = confusion->rowsOf(fullest, fullest);
        QVERIFY(!cell.isEmpty());
        for (qint64 row : cell)
            QCOMPARE(window.dataset()->label[std::size_t(row)], fullest);
        QTest::mouseClick(confusion->heatmapWidget(), Qt::LeftButton, {},
                          confusion->cellRect(fullest, fullest).center());
        QTRY_COMPARE_WITH_TIMEOUT(qint64(window.mapPanel()->mapView()->selectionCount()), qint64(cell.size()),
                                  30000);

        // Exported predictions hold the test points with crop classes.
        QSignalSpy exported(window.exportMenu(), &ExportMenu::exported);
        const QString path = test::testHome().path() + QStringLiteral("/crops.csv");
        QVERIFY(window.exportMenu()->exportPredictions(path));
        QVERIFY(test::waitForCount(exported, 1, 60000));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(qsizetype(lines.size() - 1), qsizetype(shown->run.test.rows.size()));
        QVERIFY2(lines.front().contains(QStringLiteral("p_b11_common_wheat")), qPrintable(lines.front()));
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY2(lines[i].contains(QStringLiteral(",B1")), qPrintable(lines[i]));

        // Back to land cover; reopening the BRIDGE-LC run brings crop types back and locates its points.
        QVERIFY(chooseLevel(*panel, 1));
        QCOMPARE(window.dataset()->classNames.size(), std::size_t(8));
        QSignalSpy reopened(runs, &RunsView::savedRunLoaded);
        runs->openRun(QString::fromStdString(bridge->id));
        QVERIFY(test::waitForCount(reopened, 2, 60000));
        QCOMPARE(reopened.last().at(1).toBool(), true);
        QCOMPARE(window.labelSelection()->choice().level, 2);
        QCOMPARE(panel->labelsBox()->currentData(Qt::UserRole).toInt(), 2);
        QCOMPARE(classNames(*window.dataset()), kCrops);
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->shown() && window.session()->shown()->reopened, 10000);
        QCOMPARE(window.session()->shown()->run.modelName, std::string("bridgelc"));
        QVERIFY(window.session()->shownMatchesDataset());
        QVERIFY(window.session()->shown()->points);
        QVERIFY(window.confusionBanner()->whose().contains(QStringLiteral("crop types")));
        for (auto* box : window.findChildren<QMessageBox*>())
            box->close();
    }

    // On a 1366x768 laptop the class list shows its "%" column whole, inside the Dataset dock, at both
    // levels.
    void classListFitsALaptopScreen() {
        QSettings().remove(QStringLiteral("window"));  // a first start: no layout saved by the windows above
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openFile(test::realSample4k()));
        QVERIFY(test::waitForCount(loaded, 1, 120000));
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("datasetDock"));
        QVERIFY(dock);
        auto* area = qobject_cast<QScrollArea*>(dock->widget());
        QVERIFY(area);
        auto* classes = window.datasetPanel()->findChild<QTreeWidget*>(QStringLiteral("classList"));
        QVERIFY(classes);
        for (int level : {1, 2}) {
            QVERIFY(chooseLevel(*window.datasetPanel(), level));
            QTest::qWait(100);
            QHeaderView* header = classes->header();
            const int percentRight = header->sectionViewportPosition(2) + header->sectionSize(2);
            QVERIFY2(percentRight <= classes->viewport()->width(),
                     qPrintable(QStringLiteral("level %1: %% column ends at %2 of %3")
                                    .arg(level)
                                    .arg(percentRight)
                                    .arg(classes->viewport()->width())));
            const int treeRight = classes->mapTo(area->viewport(), QPoint(classes->width(), 0)).x();
            QVERIFY2(treeRight <= area->viewport()->width(),
                     qPrintable(QStringLiteral("level %1: the class list ends at %2, the dock shows %3")
                                    .arg(level)
                                    .arg(treeRight)
                                    .arg(area->viewport()->width())));
            QVERIFY(!classes->horizontalScrollBar()->isVisible());
        }
    }

    // The guide's pictures: gradient boosting on the crop types of the real table (25 classes) when writing
    // them, the same steps and checks on the 4k sample otherwise.
    void cropTypeScreenshots() {
        const test::ScreenshotOutput output;
        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openFile(output.writing() ? test::realTable() : test::realSample4k()));
        QVERIFY(test::waitForCount(loaded, 1, 300000));
        QVERIFY(chooseLevel(*window.datasetPanel(), 2));
        std::size_t kept = 0;
        for (const CropCodeCount& code : window.labelSelection()->cropCodes())
            kept += code.kept ? 1 : 0;
        QCOMPARE(window.dataset()->classNames.size(), kept);
        QCOMPARE(window.datasetPanel()->classRowCount(), int(kept));
        if (output.writing()) QCOMPARE(kept, std::size_t(25));

        // The real table's 25 crop types take gradient boosting minutes on a loaded machine.
        const auto run =
            train(window, QStringLiteral("gradient-boosting"), output.writing() ? 900000 : 120000);
        QVERIFY(run);
        const auto& shown = window.session()->shown();
        QVERIFY(shown);
        QCOMPARE(shown->run.classNames.size(), kept);
        window.showTab(MainWindow::Tab::Confusion);
        QTest::qWait(300);
        QVERIFY(output.save(window.grab().toImage(), QStringLiteral("crop-types-confusion.png")));

        ConfusionView* confusion = window.confusionView();
        int fullest = 0;
        for (int t = 0; t < int(kept); ++t)
            if (confusion->rowsOf(t, t).size() > confusion->rowsOf(fullest, fullest).size()) fullest = t;
        QTest::mouseClick(confusion->heatmapWidget(), Qt::LeftButton, {},
                          confusion->cellRect(fullest, fullest).center());
        window.showTab(MainWindow::Tab::Map);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(window.mapPanel()->mapView()->selectionCount()),
                                  qint64(confusion->rowsOf(fullest, fullest).size()), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!window.mapPanel()->isBusy(), 60000);
        QTest::qWait(500);
        QVERIFY(output.save(window.grab().toImage(), QStringLiteral("crop-types-map.png")));
    }
};

BRIDGELC_UI_TEST_MAIN(TestCropTypes)
#include "test_crop_types.moc"
