// Commands of the main window beyond training itself: the spatial-blocks scenario with its fold, Run all,
// sortable metrics tables, the map figure export, the Help menu (user guide on F1, the shortcut list).
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <vector>

#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/run_all_process.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/runs_view.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/help_dialogs.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/run_all_dialog.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/session_state.h"
#include "ui/window/settings_dialog.h"

using namespace bridgelc;

class TestWindowCommands : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QSignalSpy loaded(m_window->loader(), &DatasetLoader::loaded);
        QVERIFY(m_window->openFile(test::realSample4k()));
        QVERIFY(test::waitForCount(loaded, 1, 120000));
    }

    void blocksScenarioTrainsTheChosenFold() {
        RunToolBar* bar = m_window->runToolBar();
        bar->modelBox()->setCurrentIndex(bar->modelBox()->findData(QStringLiteral("mlp")));
        bar->scenarioBox()->setCurrentIndex(bar->scenarioBox()->findData(QStringLiteral("blocks")));
        QTRY_VERIFY(bar->foldBox()->isVisible());  // the toolbar lays itself out on the next pass
        QVERIFY(!bar->regionBox()->isVisible());
        bar->foldBox()->setCurrentIndex(2);
        QCOMPARE(bar->blockFold(), 2);
        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = 2;
        settings.earlyStopping = false;
        AppSettings::setTrainingSettings(settings);
        QSignalSpy split(m_window->controller(), &TrainingController::splitReady);
        QSignalSpy saved(m_window->controller(), &TrainingController::runSaved);
        QVERIFY(m_window->startTraining());
        QVERIFY(test::waitForCount(saved, 1, 300000));
        QCOMPARE(split.at(0).at(0).toString(), QStringLiteral("BLOCKS-3/5"));
        QCOMPARE(saved.at(0).at(0).value<RunSummary>().scenario, std::string("blocks"));
        QVERIFY(m_window->session()->shown()->whose().contains(QStringLiteral("BLOCKS-3/5")));
        // Remembered for the next start, like the other choices.
        QCOMPARE(AppSettings::blockFold(), 2);
        QCOMPARE(AppSettings::scenario(), QStringLiteral("blocks"));
    }

    void metricsTablesSortByValue() {
        QVERIFY(m_window->session()->shown());
        QTableWidget* classes = nullptr;
        for (auto* table : m_window->metricsView()->findChildren<QTableWidget*>())
            if (table->horizontalHeaderItem(0)->text() == QLatin1String("Class")) classes = table;
        QVERIFY(classes && classes->rowCount() >= 4);
        const int f1 = 3;  // Class, Precision, Recall, F1, Support
        classes->sortItems(f1, Qt::DescendingOrder);
        for (int row = 1; row < classes->rowCount(); ++row)
            QVERIFY2(classes->item(row - 1, f1)->data(Qt::UserRole).toDouble() >=
                         classes->item(row, f1)->data(Qt::UserRole).toDouble(),
                     qPrintable(classes->item(row, 0)->text()));
    }

    void mapFigureExportsWithTheShownRun() {
        m_window->showTab(MainWindow::Tab::Map);
        const QString png = test::testHome().path() + QStringLiteral("/map.png");
        const QString svg = test::testHome().path() + QStringLiteral("/map.svg");
        QVERIFY(m_window->exportMenu()->exportMapFigure(png));
        QVERIFY(m_window->exportMenu()->exportMapFigure(svg));
        const QImage image(png);
        QVERIFY(!image.isNull() && image.width() >= 400);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly) && file.readAll().contains("<svg"));
    }

    void aRasterBecomesAMapLayerAndABadOneIsNamed() {
        const QString bad = test::testHome().path() + QStringLiteral("/not-a-raster.tif");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a tiff");
        file.close();
        QVERIFY(!m_window->addRaster(bad));
        auto* box = m_window->findChild<QMessageBox*>();
        QVERIFY(box && box->text().contains(QStringLiteral("not-a-raster.tif")));
        box->close();

        // 20 x 10 pixels of 1 km in EPSG:3035 over Germany, one class with a colour table.
        const QString path = test::testHome().path() + QStringLiteral("/landcover.tif");
        GDALAllRegister();
        GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            path.toUtf8().constData(), 20, 10, 1, GDT_Byte, nullptr);
        double transform[6] = {4.2e6, 1000, 0, 3.0e6, 0, -1000};
        ds->SetGeoTransform(transform);
        OGRSpatialReference laea;
        laea.importFromEPSG(3035);
        ds->SetSpatialRef(&laea);
        GDALColorTable table;
        const GDALColorEntry red{220, 30, 30, 255};
        table.SetColorEntry(0, &red);
        ds->GetRasterBand(1)->SetColorTable(&table);
        std::vector<unsigned char> zeros(200, 0);
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 20, 10, zeros.data(), 20, 10, GDT_Byte, 0, 0),
                 CE_None);
        GDALClose(ds);
        const auto before = m_window->mapPanel()->mapView()->renderer()->layers().size();
        QVERIFY(m_window->addRaster(path));
        QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::Tab::Map));
        QCOMPARE(m_window->mapPanel()->mapView()->renderer()->layers().size(), before + 1);
        // Framed: the raster's centre is in view.
        const QRectF visible = m_window->mapPanel()->mapView()->viewport().projectedRect();
        QVERIFY(visible.contains(QPointF(4.21e6, 2.995e6)));
    }

    // Run all from the window: the dialog's choice goes to the experiment runner, the status bar counts the
    // finished runs, and each appears in the Runs tab while the others train.
    void runAllFromTheWindowListsItsRuns() {
        qputenv("BRIDGELC_CLI", BRIDGELC_CLI_PATH);
        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = 1;
        settings.earlyStopping = false;
        AppSettings::setTrainingSettings(settings);
        m_window->runsView()->waitForRefresh();  // the run of an earlier test is listed already
        QCoreApplication::processEvents();
        const std::size_t before = m_window->runsView()->runs().size();
        QTimer::singleShot(0, this, [] {
            auto* dialog = qobject_cast<RunAllDialog*>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto* models = dialog->findChild<QListWidget*>();
            for (int i = 0; i < models->count(); ++i) {
                const QString name = models->item(i)->data(Qt::UserRole).toString();
                models->item(i)->setCheckState(
                    name == QStringLiteral("mlp") || name == QStringLiteral("random-forest") ? Qt::Checked
                                                                                             : Qt::Unchecked);
            }
            for (QCheckBox* box : dialog->findChildren<QCheckBox*>())
                box->setChecked(box->text().startsWith(QStringLiteral("EXTRAP")));
            dialog->accept();
        });
        RunAllProcess* runAll = m_window->runAllProcess();
        QSignalSpy progress(runAll, &RunAllProcess::progressChanged);
        QSignalSpy finished(runAll, &RunAllProcess::finished);
        m_window->actions()->runAll->trigger();
        QVERIFY2(runAll->isRunning() || finished.count() == 1, qPrintable(runAll->errorText()));
        QVERIFY(m_window->actions()->stop->isEnabled() || finished.count() == 1);
        QVERIFY(!m_window->actions()->train->isEnabled() || finished.count() == 1);
        QVERIFY(test::waitForCount(progress, 2, 300000));  // the start, then the first finished run
        QVERIFY2(m_window->statusBar()->currentMessage().startsWith(
                     QStringLiteral("Run all: 1 of 2 runs finished")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        // The smallest screen the app supports, while Run all trains: the progress must stay readable there.
        m_window->resize(1366, 768);
        QCoreApplication::processEvents();
        test::ScreenshotOutput().save(m_window->grab().toImage(),
                                      QStringLiteral("run-all-progress-1366x768.png"));
        m_window->resize(1400, 900);
        QVERIFY(test::waitForCount(finished, 1, 300000));
        QCOMPARE(finished.at(0).at(1).toInt(), 2);
        QTRY_VERIFY2_WITH_TIMEOUT(m_window->runsView()->runs().size() == before + 2,
                                  qPrintable(QStringLiteral("%1 runs listed, %2 before")
                                                 .arg(m_window->runsView()->runs().size())
                                                 .arg(before)),
                                  30000);
        QVERIFY(m_window->actions()->train->isEnabled());
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(
            QStringLiteral("Run all finished: 2 of 2 runs finished (2 completed)")));
    }

    // The settings dialog's model preset, accepted, switches the toolbar's model and says so.
    void settingsPresetChoosesTheModel() {
        RunToolBar* bar = m_window->runToolBar();
        const QString before = bar->modelBox()->currentData().toString();
        bar->modelBox()->setCurrentIndex(bar->modelBox()->findData(QStringLiteral("mlp")));
        bool clicked = false;
        QTimer::singleShot(0, this, [&clicked] {
            auto* dialog = qobject_cast<SettingsDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            for (auto* button : dialog->findChildren<QPushButton*>())
                if (button->text() == QStringLiteral("Unseen regions")) {
                    button->click();
                    clicked = true;
                }
            dialog->accept();
        });
        m_window->actions()->settings->trigger();
        QVERIFY(clicked);
        QCOMPARE(bar->modelName(), std::string("aoa-gated"));
        QCOMPARE(AppSettings::trainingSettings().preset, std::string("unseen-regions"));
        QVERIFY2(
            m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Preset \"unseen-regions\"")),
            qPrintable(m_window->statusBar()->currentMessage()));
        AppSettings::setTrainingSettings(TrainingSettings::laptop());
        bar->modelBox()->setCurrentIndex(bar->modelBox()->findData(before));
    }

    void helpShowsTheGuideAndEveryShortcut() {
        QCOMPARE(m_window->actions()->guide->shortcut(), QKeySequence(Qt::Key_F1));
        m_window->actions()->guide->trigger();
        auto* guide = m_window->findChild<UserGuideDialog*>();
        QVERIFY(guide && guide->isVisible());
        QVERIFY(guide->browser()->toPlainText().contains(QStringLiteral("LORO")));
        guide->close();
        m_window->actions()->keys->trigger();
        auto* keys = m_window->findChild<ShortcutsDialog*>();
        QVERIFY(keys && keys->isVisible());
        QStringList rows;
        for (int row = 0; row < keys->table()->rowCount(); ++row)
            rows << keys->table()->item(row, 0)->text() + QLatin1Char('=') +
                        keys->table()->item(row, 1)->text();
        const QString all = rows.join('\n');
        QVERIFY2(all.contains(QStringLiteral("Train=Ctrl+R")) &&
                     all.contains(QStringLiteral("User guide=F1")) &&
                     all.contains(QStringLiteral("Show the Map tab=Alt+1")),
                 qPrintable(all));
        keys->close();
    }

    void cleanupTestCase() {
        AppSettings::setTrainingSettings(TrainingSettings::laptop());
        AppSettings::setScenario(QStringLiteral("extrap"));
        m_window.reset();
    }

private:
    std::unique_ptr<MainWindow> m_window;
};

BRIDGELC_UI_TEST_MAIN(TestWindowCommands)
#include "test_window_commands.moc"
