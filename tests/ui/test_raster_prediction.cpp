// File ▸ Predict a raster with this model: a small synthetic feature stack predicted by the shown model in
// the worker, the result added to the map and framed, hover naming the predicted class; Cancel part-way
// leaves a resumable state and the next prediction resumes it; a stack missing a band or a file GDAL cannot
// read gives a non-blocking message naming it.
// A saved run reopened predicts a stack too: in CI the small run saved to a run folder and the small stack;
// for the docs' screenshot (the window after predicting make_synthetic_stack.py's stack with a saved run of
// the sample) the three variables are set:
//   BRIDGELC_RUN_DIR=runs/x BRIDGELC_STACK=stack.tif BRIDGELC_SCREENSHOT_DIR=docs/screenshots \
//     ui_test_raster_prediction aSavedRunPredictsAStack
#include <gdal_priv.h>
#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <cmath>

#include "core/io/run_store.h"
#include "core/io/saved_run.h"
#include "core/model/model.h"
#include "core/raster/raster_part.h"
#include "tests/ui/gap_probe.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/stripe_stack.h"
#include "tests/ui/trained_runs.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/raster_layer.h"
#include "ui/map/raster_source.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/raster_prediction.h"
#include "ui/window/raster_prediction_status.h"
#include "ui/window/session_state.h"

namespace bridgelc {

using test::isNoData;
using test::kLeft;
using test::kPixel;
using test::kTop;
using test::stripeClass;
using test::writeStack;

namespace {

std::unique_ptr<GDALDataset> openRaster(const QString& path) {
    return std::unique_ptr<GDALDataset>(
        GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
}

RasterLayer* rasterLayerOf(MainWindow& window, const QString& path) {
    for (MapLayer* layer : window.mapPanel()->mapView()->renderer()->layers())
        if (auto* raster = qobject_cast<RasterLayer*>(layer);
            raster && QFileInfo(raster->source().path()) == QFileInfo(path))
            return raster;
    return nullptr;
}

QMessageBox* errorBox(MainWindow& window) {
    return window.findChild<QMessageBox*>(QStringLiteral("rasterPredictionError"));
}

}  // namespace

class TestRasterPrediction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        m_run = test::smallRun("bridgelc", 8);  // 3 epochs agree on ~65 % of the pixels; 8 on ~99 %
        QVERIFY(m_run.model);
        QVERIFY(!writeStack(path("small.tif"), 192, 144, 32).isEmpty());
        QVERIFY(!writeStack(path("large.tif"), 768, 768, 64).isEmpty());
    }

    void enabledOnlyWhileAModelIsShown() {
        MainWindow window;
        window.setProperty("confirmClose", false);
        QAction* action = window.actions()->predictRaster;
        QVERIFY(!action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
        QVERIFY(!window.rasterPrediction()->start(path("small.tif"), path("none.tif")));
        QVERIFY(errorBox(window) && errorBox(window)->text().contains(QStringLiteral("small.tif")));
        show(window);
        QVERIFY(action->isEnabled());
        window.session()->clearShown();
        QVERIFY(!action->isEnabled());
    }

    void predictsAStackIntoAFramedMapLayerWithoutBlockingTheWindow() {
        MainWindow window;
        window.setProperty("confirmClose", false);
        show(window);
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(1000);  // the first frames of the map (basemap, regions) are not the prediction's
        const QString out = path("small_landcover.tif");
        QSignalSpy predicted(window.rasterPrediction(), &RasterPrediction::predicted);
        test::GapProbe probe;
        probe.start();
        QVERIFY(window.rasterPrediction()->start(path("small.tif"), out));
        // start() returned before the work was done: it runs in the worker.
        QVERIFY(window.rasterPrediction()->isRunning());
        QVERIFY(!window.actions()->predictRaster->isEnabled());
        QVERIFY(window.rasterPrediction()->status()->isVisibleTo(&window));
        QVERIFY(predicted.wait(120000));
        probe.stop();
        QCOMPARE(predicted.takeFirst().at(0).toString(), out);
        QVERIFY(!window.rasterPrediction()->status()->isVisibleTo(&window));
        QVERIFY(window.actions()->predictRaster->isEnabled());
        const RasterPredictionOutcome& outcome = window.rasterPrediction()->lastOutcome();
        QVERIFY(outcome.ok && outcome.part.completed);
        QCOMPARE(outcome.part.pixels, std::size_t(192 * 144));
        QCOMPARE(outcome.part.predicted, std::size_t(192 * 144 - 20 * 20));
        qInfo(
            "predicted %zu pixels in %.2f s (%.0f pixels/s), GeoTIFF written in %.2f s; longest GUI gap %.1f "
            "ms "
            "(%.1f ms without run-queue wait), %zu samples",
            outcome.part.pixels, outcome.part.seconds, outcome.part.pixelsPerSecond(), outcome.writeSeconds,
            probe.worst(), probe.worstWithoutRunQueueWait(), probe.samples());
        QVERIFY2(probe.samples() > 2, "the event loop ran while the raster was predicted");
        for (const auto& gap : probe.busiestGaps(3))
            qInfo("busy gap: %.1f ms CPU in %.1f ms", gap.cpuMs, gap.toMs - gap.fromMs);

        // The output: the stack's size, the class colour table, parts cleaned up.
        const auto ds = openRaster(out);
        QVERIFY(ds);
        QCOMPARE(ds->GetRasterXSize(), 192);
        QCOMPARE(ds->GetRasterYSize(), 144);
        QVERIFY(ds->GetRasterBand(1)->GetColorTable() != nullptr);
        QVERIFY(!QFileInfo::exists(QString::fromStdString(RasterPart::partsDirectory(out.toStdString()))));
        std::vector<unsigned char> classes(192 * 144);
        QCOMPARE(
            ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 192, 144, classes.data(), 192, 144, GDT_Byte, 0, 0),
            CE_None);
        std::size_t agree = 0, land = 0;
        for (int r = 0; r < 144; ++r)
            for (int c = 0; c < 192; ++c) {
                const unsigned char v = classes[static_cast<std::size_t>(r) * 192 + c];
                QCOMPARE(v == 255, isNoData(c, r, 192, 144));
                if (v == 255) continue;
                ++land;
                agree += m_run.model->meta().classNames[v] == "class " + std::to_string(stripeClass(c, 192));
            }
        const double agreement = double(agree) / double(land);
        qInfo("agreement with the stripes: %.1f %% of %zu pixels", 100 * agreement, land);
        QVERIFY2(agreement > 0.8, "the model learned the classes; the stack's stripes are those classes");

        // On the map, framed, and the tooltip names the class the file holds under the pointer.
        RasterLayer* layer = rasterLayerOf(window, out);
        QVERIFY(layer);
        QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::Tab::Map));
        MapView* view = window.mapPanel()->mapView();
        QVERIFY(view->viewport().projectedRect().contains(layer->projectedBounds().center()));
        QVERIFY(view->viewport().projectedRect().width() < 10 * layer->projectedBounds().width());
        for (const int col : {20, 100, 170}) {
            const int row = 30;
            const QPointF centre(kLeft + (col + 0.5) * kPixel, kTop - (row + 0.5) * kPixel);
            const QString text = view->hoverText(view->viewport().projectedToScreen(centre));
            const QString name =
                QString::fromStdString(m_run.model->meta().classNames[classes[std::size_t(row) * 192 + col]]);
            QVERIFY2(text.contains(name + QStringLiteral(" — confidence")), qPrintable(text));
        }
        // Predicting into the same file again replaces the layer instead of stacking a second one.
        QVERIFY(window.rasterPrediction()->start(path("small.tif"), out));
        QVERIFY(predicted.wait(120000));
        int layers = 0;
        for (MapLayer* l : view->renderer()->layers())
            layers += qobject_cast<RasterLayer*>(l) != nullptr;
        QCOMPARE(layers, 1);
    }

    void theFileDialogsRememberTheirFolders() {
        MainWindow window;
        window.setProperty("confirmClose", false);
        show(window);
        QVERIFY(QDir().mkpath(path("outputs")));
        const QString out = path("outputs/chosen.tif");
        // Answers the modal file dialogs the action opens: the stack, then the output.
        QStringList answers = {path("small.tif"), out}, titles, folders, suggested;
        QTimer answer;
        answer.setInterval(20);
        connect(&answer, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible()) return;
            titles << dialog->windowTitle();
            folders << dialog->directory().absolutePath();
            suggested << dialog->selectedFiles().value(0);
            if (answers.isEmpty()) {
                dialog->reject();
                return;
            }
            // Typed as a user would: selectFile() leaves the name box alone while it has the focus.
            auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            QVERIFY(name);
            name->setText(answers.takeFirst());
            // done(), not accept(): accept() checks the file in a model filled by another thread, and its
            // "file not found" box raced that thread.
            static_cast<QDialog*>(dialog)->done(QDialog::Accepted);
        });
        answer.start();
        QSignalSpy predicted(window.rasterPrediction(), &RasterPrediction::predicted);
        window.actions()->predictRaster->trigger();
        QVERIFY(predicted.wait(120000));
        QCOMPARE(predicted.takeFirst().at(0).toString(), out);
        QCOMPARE(titles.size(), 2);
        QVERIFY2(suggested.value(1).endsWith(QStringLiteral("small_landcover.tif")),
                 qPrintable(suggested.join(' ')));
        QCOMPARE(folders.value(1), QFileInfo(path("small.tif")).absolutePath());  // beside the stack
        // The next time, each dialog opens in the folder chosen last (the first is cancelled: nothing runs).
        titles.clear();
        folders.clear();
        window.actions()->predictRaster->trigger();
        QCOMPARE(titles.size(), 1);
        QCOMPARE(folders.value(0), QFileInfo(path("small.tif")).absolutePath());
        QCOMPARE(QSettings().value(QStringLiteral("export/lastFolder")).toString(),
                 QFileInfo(out).absolutePath());
        QVERIFY(!window.rasterPrediction()->isRunning());
    }

    void cancelStopsPartWayAndThePredictionResumes() {
        const QString stack = path("large.tif");
        MainWindow window;
        window.setProperty("confirmClose", false);
        show(window);
        const QString out = path("large_landcover.tif");
        RasterPrediction* prediction = window.rasterPrediction();
        QSignalSpy canceled(prediction, &RasterPrediction::canceled);
        QSignalSpy predicted(prediction, &RasterPrediction::predicted);
        QVERIFY(prediction->start(stack, out));
        // Cancel once the status bar shows blocks done, as a user would.
        QTRY_VERIFY_WITH_TIMEOUT(prediction->status()->text().contains(QStringLiteral("pixels/s")) &&
                                     !prediction->status()->text().contains(QStringLiteral("–")),
                                 120000);
        const QString running = prediction->status()->text();
        qInfo("status while predicting: %s", qPrintable(running));
        QVERIFY2(running.contains(QStringLiteral("left")) && running.contains(QStringLiteral("large.tif")),
                 qPrintable(running));
        QElapsedTimer stopping;
        stopping.start();
        QTest::mouseClick(prediction->status()->cancelButton(), Qt::LeftButton);
        QVERIFY(canceled.wait(60000));
        const double stopMs = double(stopping.nsecsElapsed()) / 1e6;
        QVERIFY(predicted.isEmpty());
        const RasterPartResult first = prediction->lastOutcome().part;
        qInfo("cancel took effect after %.0f ms, %zu of %zu blocks done (%.0f pixels/s)", stopMs,
              first.blocksDone, first.blocksTotal, first.pixelsPerSecond());
        QVERIFY(!first.completed);
        QVERIFY(first.blocksDone > 0 && first.blocksDone < first.blocksTotal);
        QVERIFY(!QFileInfo::exists(out));
        const QString parts = QString::fromStdString(RasterPart::partsDirectory(out.toStdString()));
        QVERIFY(QFileInfo::exists(QString::fromStdString(RasterPart().manifestPath(parts.toStdString()))));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("resume")));
        // The window is usable: the action is back, and the same prediction resumes where it stopped.
        QVERIFY(window.actions()->predictRaster->isEnabled());
        QVERIFY(!prediction->status()->isVisibleTo(&window));
        QVERIFY(prediction->start(stack, out));
        QVERIFY(predicted.wait(300000));
        const RasterPartResult second = prediction->lastOutcome().part;
        QCOMPARE(second.blocksResumed, first.blocksDone);
        QCOMPARE(second.pixels + first.pixels, std::size_t(768 * 768));
        const auto ds = openRaster(out);
        QVERIFY(ds && ds->GetRasterXSize() == 768 && ds->GetRasterYSize() == 768);
        QVERIFY(rasterLayerOf(window, out));
    }

    void closingTheWindowWhilePredictingStopsTheWorker() {
        const QString out = path("closed_landcover.tif");
        auto window = std::make_unique<MainWindow>();
        window->setProperty("confirmClose", false);
        show(*window);
        QVERIFY(window->rasterPrediction()->start(path("large.tif"), out));
        // Blocks are being predicted.
        QTRY_VERIFY_WITH_TIMEOUT(window->rasterPrediction()->status()->text().contains(QStringLiteral("%")),
                                 120000);
        QElapsedTimer closing;
        closing.start();
        window.reset();  // cancels the job and waits for the block in progress
        const double busyMs = double(closing.nsecsElapsed()) / 1e6;
        auto idle = std::make_unique<MainWindow>();
        idle->setProperty("confirmClose", false);
        closing.restart();
        idle.reset();
        qInfo("window destroyed in %.0f ms while predicting, %.0f ms idle", busyMs,
              double(closing.nsecsElapsed()) / 1e6);
        const QString parts = QString::fromStdString(RasterPart::partsDirectory(out.toStdString()));
        const auto manifest = RasterPart::read(RasterPart().manifestPath(parts.toStdString()));
        QVERIFY(manifest && manifest->blocksDone < manifest->blocksTotal);  // stopped part-way, resumable
        QVERIFY(!QFileInfo::exists(out));
    }

    void aStackMissingABandGivesAMessageNamingIt() {
        const QString stack = writeStack(path("five_bands.tif"), 64, 64, 32, 5);
        QVERIFY(!stack.isEmpty());
        MainWindow window;
        window.setProperty("confirmClose", false);
        show(window);
        QSignalSpy failed(window.rasterPrediction(), &RasterPrediction::failed);
        QVERIFY(window.rasterPrediction()->start(stack, path("five_bands_landcover.tif")));
        QVERIFY(failed.wait(60000));
        const QString message = failed.takeFirst().at(0).toString();
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(stack) && message.contains(QStringLiteral("f5")), qPrintable(message));
        QMessageBox* box = errorBox(window);
        QVERIFY(box && box->isVisible() && box->text() == message);
        QCOMPARE(box->windowModality(), Qt::WindowModal);  // open(), not exec(): this line was reached
        QVERIFY(window.actions()->predictRaster->isEnabled());
        QVERIFY(!rasterLayerOf(window, path("five_bands_landcover.tif")));
        box->close();

        // A file GDAL cannot read: named too.
        const QString text = path("not_a_raster.tif");
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello");
        file.close();
        QVERIFY(window.rasterPrediction()->start(text, path("x.tif")));
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.takeFirst().at(0).toString().startsWith(text), "the message names the file");
    }

    void aSavedRunPredictsAStack() {
        QString runDir = qEnvironmentVariable("BRIDGELC_RUN_DIR");
        QString stack = qEnvironmentVariable("BRIDGELC_STACK");
        const bool docs = !runDir.isEmpty() && !stack.isEmpty();
        if (!docs) {  // the small run saved as the app saves it, and the small stack
            runDir = QString::fromStdString(
                RunStore::saveTo(m_run, *test::smallDataset(), path("runs/small").toStdString()).directory);
            stack = path("small.tif");
        }
        MainWindow window;
        window.setProperty("confirmClose", false);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The run's dataset open (the sample for the docs) and the saved run shown, as after picking it on
        // the Runs tab.
        DatasetPtr points = test::smallDataset();
        if (docs) {
            QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
            QVERIFY(window.openSample());
            QVERIFY(loaded.wait(120000));
            points = window.dataset();
        }
        SavedRun saved = loadSavedRun(runDir.toStdString());
        QVERIFY2(saved.result.model, saved.modelProblem.c_str());
        QVERIFY(bindToDataset(saved, *points));
        ShownResult shown;
        shown.run = saved.result;
        shown.reopened = true;
        shown.savedDirectory = runDir;
        if (docs) shown.dataset = window.session()->datasetIdentity();
        shown.points = points;
        window.session()->setShown(shown);
        QSignalSpy predicted(window.rasterPrediction(), &RasterPrediction::predicted);
        const QString out = path("synthetic_landcover.tif");
        QVERIFY(window.rasterPrediction()->start(stack, out));
        QVERIFY(predicted.wait(600000));
        const RasterPredictionOutcome& outcome = window.rasterPrediction()->lastOutcome();
        qInfo("predicted %zu pixels in %.2f s (%.0f pixels/s), GeoTIFF in %.2f s", outcome.part.pixels,
              outcome.part.seconds, outcome.part.pixelsPerSecond(), outcome.writeSeconds);
        RasterLayer* layer = rasterLayerOf(window, out);
        QVERIFY(layer);
        QSignalSpy changed(layer, &MapLayer::changed);
        QVERIFY(changed.wait(30000) || layer->imageArea().has_value());
        QTest::qWait(1500);  // the basemap's background render
        const QImage image = window.grab().toImage();
        if (docs) {
            QVERIFY(test::ScreenshotOutput().save(image, QStringLiteral("raster-predicted-in-app.png")));
            return;
        }
        // The reopened model predicts what the model did before it was saved: the stripes' classes.
        auto predictedFile = openRaster(out);
        QVERIFY(predictedFile);
        QCOMPARE(predictedFile->GetRasterXSize(), 192);
        std::vector<unsigned char> classes(std::size_t(192) * 144);
        QCOMPARE(predictedFile->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, 192, 144, classes.data(), 192, 144,
                                                           GDT_Byte, 0, 0),
                 CE_None);
        std::size_t agree = 0, valid = 0;
        for (int row = 0; row < 144; ++row)
            for (int col = 0; col < 192; ++col) {
                const unsigned char v = classes[std::size_t(row) * 192 + col];
                QCOMPARE(v == 255, isNoData(col, row, 192, 144));
                if (v == 255) continue;
                ++valid;
                agree += saved.result.model->meta().classNames[v] ==
                         "class " + std::to_string(stripeClass(col, 192));
            }
        QVERIFY(valid > 0);
        QVERIFY2(agree * 10 > valid * 8, qPrintable(QStringLiteral("%1 of %2 pixels").arg(agree).arg(valid)));
    }

private:
    QString path(const QString& name) const { return m_dir.path() + QLatin1Char('/') + name; }

    /// Shows the small trained run as the window's result (its model is the one the raster is predicted
    /// with).
    void show(MainWindow& window) {
        ShownResult shown;
        shown.run = m_run;
        window.session()->setShown(shown);
    }

    QTemporaryDir m_dir;
    RunResult m_run;
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestRasterPrediction)
#include "test_raster_prediction.moc"
