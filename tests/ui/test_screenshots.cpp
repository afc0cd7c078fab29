// Every tab with real results: opens a dataset, trains three runs for a few epochs (MLP on EXTRAP, BRIDGE-LC
// with the Atlantic region held out, BRIDGE-LC on EXTRAP), checks and grabs every tab at 1600x1000 and the
// settings dialog, then a second dataset and a saved run reopened after a restart. CI runs every check with 2
// epochs; the PNG files (8 epochs) are written only for the docs:
//   BRIDGELC_SCREENSHOT_DIR=docs/screenshots [BRIDGELC_SCREENSHOT_DATA=sample|<file>]
//   [BRIDGELC_SCREENSHOT_PREFIX=sample-] [BRIDGELC_SCREENSHOT_EPOCHS=8] ui_test_screenshots
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QTabWidget>

#include "core/geo/regions.h"
#include "core/io/run_store.h"
#include "core/model/model_registry.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/map_panel.h"
#include "ui/views/runs_view.h"
#include "ui/views/training_panel.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_window.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/settings_dialog.h"

using namespace bridgelc;

class TestScreenshots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        m_data = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DATA", QStringLiteral("sample"));
        m_prefix =
            qEnvironmentVariable("BRIDGELC_SCREENSHOT_PREFIX",
                                 m_data == QStringLiteral("sample") ? QStringLiteral("sample-") : QString());
        m_epochs = qEnvironmentVariableIntValue("BRIDGELC_SCREENSHOT_EPOCHS");
        if (m_epochs <= 0) m_epochs = m_output.writing() ? 8 : 2;
    }

    void everyTab() {
        MainWindow window;
        window.setProperty("confirmClose", false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(m_data == QStringLiteral("sample") ? window.openSample() : window.openFile(m_data));
        QVERIFY(test::waitForCount(loaded, 1, 300000));
        window.showTab(MainWindow::Tab::Training);
        save(window, QStringLiteral("dataset"));

        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = m_epochs;
        settings.earlyStopping = false;
        settings.preset = "custom";
        AppSettings::setTrainingSettings(settings);
        train(window, "mlp", -1);
        train(window, "bridgelc", regionIndex("ATL"));  // the same model on a region it never saw
        train(window, "bridgelc", -1, true);
        window.showTab(MainWindow::Tab::Training);
        save(window, QStringLiteral("training"));
        window.showTab(MainWindow::Tab::Confusion);
        save(window, QStringLiteral("confusion"));
        window.showTab(MainWindow::Tab::Metrics);
        save(window, QStringLiteral("metrics"));
        window.showTab(MainWindow::Tab::Map);
        QTRY_VERIFY_WITH_TIMEOUT(!window.mapPanel()->isBusy(), 120000);
        save(window, QStringLiteral("map"));
        RunsView* runs = window.runsView();
        runs->waitForRefresh();
        QTest::qWait(300);
        runs->waitForRefresh();
        QVERIFY(runs->runs().size() >= 3);
        QStringList ids;
        for (std::size_t i = 0; i < 3; ++i)
            ids << QString::fromStdString(runs->runs()[i].id);
        runs->selectIds(ids);
        window.tabs()->setCurrentWidget(runs);
        save(window, QStringLiteral("runs"));

        SettingsDialog dialog(AppSettings::trainingSettings(), &window);
        dialog.show();
        QTest::qWait(300);
        QVERIFY(m_output.save(checkedGrab(dialog), m_prefix + QStringLiteral("settings.png")));
    }

    /// A run on a second dataset, so the Runs table holds two; then a restart and a saved run reopened.
    void savedRunsAfterARestart() {
        std::string reopenId;
        {
            MainWindow window;
            window.setProperty("confirmClose", false);
            window.resize(1600, 1000);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            RunsView* runs = window.runsView();
            runs->waitForRefresh();
            QTRY_VERIFY_WITH_TIMEOUT(!runs->runs().empty(), 30000);
            for (const RunSummary& run : runs->runs())
                if (run.modelName == "bridgelc" && !run.heldOutRegion.empty()) reopenId = run.id;
            QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
            const QString other = m_data == QStringLiteral("sample") ? test::realSample4k() : QString();
            QVERIFY(other.isEmpty() ? window.openSample() : window.openFile(other));
            QVERIFY(test::waitForCount(loaded, 1, 300000));
            train(window, "mlp", -1);
            runs->waitForRefresh();
            QTest::qWait(300);
            runs->waitForRefresh();
            QStringList mlpRuns;  // the same model on the two datasets, compared class by class
            for (const RunSummary& run : runs->runs())
                if (run.modelName == "mlp" && mlpRuns.size() < 2) mlpRuns << QString::fromStdString(run.id);
            runs->selectIds(mlpRuns);
            runs->waitForRefresh();
            window.tabs()->setCurrentWidget(runs);
            save(window, QStringLiteral("runs-two-datasets"));
        }
        QVERIFY(!reopenId.empty());
        MainWindow window;  // what a restart leaves: nothing shown
        window.setProperty("confirmClose", false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(m_data == QStringLiteral("sample") ? window.openSample() : window.openFile(m_data));
        QVERIFY(test::waitForCount(loaded, 1, 300000));
        RunsView* runs = window.runsView();
        runs->waitForRefresh();
        QSignalSpy opened(runs, &RunsView::savedRunLoaded);
        runs->selectIds({QString::fromStdString(reopenId)});
        QVERIFY(test::waitForCount(opened, 1, 120000));
        window.showTab(MainWindow::Tab::Confusion);
        save(window, QStringLiteral("reopened-confusion"));
        window.showTab(MainWindow::Tab::Metrics);
        save(window, QStringLiteral("reopened-metrics"));
        window.showTab(MainWindow::Tab::Map);
        QTRY_VERIFY_WITH_TIMEOUT(!window.mapPanel()->isBusy(), 120000);
        save(window, QStringLiteral("reopened-map"));
    }

private:
    void train(MainWindow& window, const std::string& model, int region, bool grabLive = false) {
        RunToolBar* bar = window.runToolBar();
        bar->modelBox()->setCurrentIndex(bar->modelBox()->findData(QString::fromStdString(model)));
        bar->scenarioBox()->setCurrentIndex(region < 0 ? 0 : 1);
        if (region >= 0) bar->regionBox()->setCurrentIndex(bar->regionBox()->findData(region));
        QCOMPARE(bar->heldOutRegion(), region);
        QSignalSpy finished(window.controller(), &TrainingController::runFinished);
        QSignalSpy saved(window.controller(), &TrainingController::runSaved);
        QVERIFY(window.startTraining());
        if (grabLive) {
            QElapsedTimer timer;
            timer.start();
            while (window.trainingPanel()->epochsShown() < std::min(3, m_epochs - 1) &&
                   timer.elapsed() < 600000)
                QTest::qWait(50);
            save(window, QStringLiteral("training-live"));
        }
        QVERIFY(test::waitForCount(finished, 1, 1800000));
        QVERIFY(test::waitForCount(saved, 1, 120000));
    }

    void save(MainWindow& window, const QString& name) {
        QTest::qWait(400);  // let charts and layouts settle
        QVERIFY2(m_output.save(checkedGrab(window), m_prefix + name + QStringLiteral(".png")),
                 qPrintable(name));
    }

    /// The widget as the user sees it; fails the test when it drew nothing (a single colour everywhere).
    static QImage checkedGrab(QWidget& widget) {
        const QImage image = widget.grab().toImage();
        bool drawn = false;
        const QRgb first = image.isNull() ? 0 : image.pixel(0, 0);
        for (int y = 0; y < image.height() && !drawn; y += 7)
            for (int x = 0; x < image.width() && !drawn; x += 7)
                drawn = image.pixel(x, y) != first;
        if (!drawn) qWarning("%s drew nothing", widget.metaObject()->className());
        return drawn ? image : QImage();
    }

    test::ScreenshotOutput m_output;
    QString m_data, m_prefix;
    int m_epochs = 8;
};

BRIDGELC_UI_TEST_MAIN(TestScreenshots)
#include "test_screenshots.moc"
