// A land-cover GeoTIFF as a map layer: classes in the file's colours, nodata and outside transparent, the
// overview GDAL picks for a zoomed-out view, reads off the GUI thread with stale ones dropped, and the hover
// text (class and confidence).
// The docs' screenshot of a predicted raster on the map (1600x1000); CI checks the same view of the small
// test raster without writing it:
//   BRIDGELC_RASTER=landcover.tif BRIDGELC_SCREENSHOT_DIR=docs/screenshots ui_test_map_raster_layer
#include <gdal_priv.h>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QToolTip>

#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/attribution_layer.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/raster_layer.h"
#include "ui/map/raster_source.h"

namespace bridgelc {

namespace {

// 40 x 30 pixels of 1 km in EPSG:3035, top-left at (4,000,000 E, 3,000,000 N): classes 0 (left half) and 1
// (right half), nodata in the bottom-right 10 x 10; confidence = 50 + column.
constexpr double kLeft = 4.0e6, kTop = 3.0e6, kPixel = 1000.0;
constexpr int kWidth = 40, kHeight = 30;

QPointF centreOf(int col, int row) {
    return {kLeft + (col + 0.5) * kPixel, kTop - (row + 0.5) * kPixel};
}

QString writeLandCover(const QString& dir) {
    const QString path = dir + QStringLiteral("/landcover.tif");
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = driver->Create(path.toUtf8().constData(), kWidth, kHeight, 2, GDT_Byte, nullptr);
    double transform[6] = {kLeft, kPixel, 0, kTop, 0, -kPixel};
    ds->SetGeoTransform(transform);
    OGRSpatialReference laea;
    laea.importFromEPSG(3035);
    ds->SetSpatialRef(&laea);
    std::vector<unsigned char> classes(kWidth * kHeight), confidence(kWidth * kHeight);
    for (int r = 0; r < kHeight; ++r)
        for (int c = 0; c < kWidth; ++c) {
            const bool nodata = r >= 20 && c >= 30;
            classes[r * kWidth + c] = nodata ? 255 : (c < 20 ? 0 : 1);
            confidence[r * kWidth + c] = nodata ? 255 : static_cast<unsigned char>(50 + c);
        }
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(255);
    GDALColorTable table;
    const GDALColorEntry red{220, 30, 30, 255}, blue{30, 60, 220, 255}, none{0, 0, 0, 0};
    table.SetColorEntry(0, &red);
    table.SetColorEntry(1, &blue);
    table.SetColorEntry(255, &none);
    band->SetColorTable(&table);
    const char* names[] = {"Artificial land", "Water", nullptr};
    band->SetCategoryNames(const_cast<char**>(names));
    [[maybe_unused]] CPLErr e =
        band->RasterIO(GF_Write, 0, 0, kWidth, kHeight, classes.data(), kWidth, kHeight, GDT_Byte, 0, 0);
    GDALRasterBand* conf = ds->GetRasterBand(2);
    conf->SetDescription("confidence");
    conf->SetNoDataValue(255);
    e = conf->RasterIO(GF_Write, 0, 0, kWidth, kHeight, confidence.data(), kWidth, kHeight, GDT_Byte, 0, 0);
    int levels[] = {2, 4};
    e = ds->BuildOverviews("NEAREST", 2, levels, 0, nullptr, nullptr, nullptr);
    // Mark the 4x overview as all class 1, so a view that reads it is told apart from one reading full res.
    GDALRasterBand* coarse = band->GetOverview(1);
    std::vector<unsigned char> ones(coarse->GetXSize() * coarse->GetYSize(), 1);
    e = coarse->RasterIO(GF_Write, 0, 0, coarse->GetXSize(), coarse->GetYSize(), ones.data(),
                         coarse->GetXSize(), coarse->GetYSize(), GDT_Byte, 0, 0);
    GDALClose(ds);
    return path;
}

/// The layer alone, painted on transparent.
QImage layerImage(RasterLayer& layer, const Viewport& viewport) {
    QImage image(viewport.size(), QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    layer.paint(painter, viewport);
    return image;
}

QRgb at(const QImage& image, const Viewport& viewport, QPointF projected) {
    const QPointF s = viewport.projectedToScreen(projected);
    return image.pixel(static_cast<int>(s.x()), static_cast<int>(s.y()));
}

}  // namespace

class TestMapRasterLayer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { m_path = writeLandCover(m_dir.path()); }

    void badFilesAreClearErrors() {
        QString error;
        QVERIFY(RasterLayer::open(m_dir.path() + QStringLiteral("/missing.tif"), &error) == nullptr);
        QVERIFY2(error.contains(QStringLiteral("missing.tif")), qPrintable(error));
        const QString text = m_dir.path() + QStringLiteral("/not_a_raster.tif");
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello");
        file.close();
        QVERIFY(RasterLayer::open(text, &error) == nullptr);
        QVERIFY2(error.startsWith(text), qPrintable(error));
    }

    void classesColouredNodataTransparentOnAMapView() {
        QString error;
        RasterLayer* layer = RasterLayer::open(m_path, &error);
        QVERIFY2(layer, qPrintable(error));
        QCOMPARE(layer->source().overviewCount(), 2);
        QVERIFY(std::abs(layer->projectedBounds().left() - kLeft) < 1 &&
                std::abs(layer->projectedBounds().top() - (kTop - kHeight * kPixel)) < 1);
        MapView view;
        view.resize(300, 200);
        view.renderer()->addLayer(layer);
        const Viewport viewport(QPointF(kLeft + 20 * kPixel, kTop - 15 * kPixel), 250.0, QSize(300, 200));
        view.setViewport(viewport);

        QSignalSpy changed(layer, &MapLayer::changed);
        layer->prepare(viewport);  // off the GUI thread: nothing yet
        QVERIFY(!layer->imageArea().has_value());
        QVERIFY(changed.wait(20000));
        QVERIFY(layer->imageArea().has_value() && *layer->imageArea() == viewport);
        qInfo("read and warp of a %dx%d view: %.1f ms", viewport.size().width(), viewport.size().height(),
              layer->lastReadMilliseconds());

        const QImage own = layerImage(*layer, viewport);
        QCOMPARE(at(own, viewport, centreOf(5, 5)), qRgba(220, 30, 30, 255));
        QCOMPARE(at(own, viewport, centreOf(25, 5)), qRgba(30, 60, 220, 255));
        QCOMPARE(qAlpha(at(own, viewport, centreOf(35, 25))), 0);                           // nodata
        QCOMPARE(qAlpha(at(own, viewport, QPointF(kLeft - 5000, kTop - 10 * kPixel))), 0);  // outside

        // On the whole map: the classes over the basemap, the basemap through the nodata hole. The legend
        // panel and credits, which take much of a 300x200 view, are hidden so both probes see the basemap.
        view.renderer()->legend()->setVisible(false);
        view.renderer()->attribution()->setVisible(false);
        const QImage map = view.renderer()->toImage(viewport);
        QCOMPARE(at(map, viewport, centreOf(5, 5)) & 0xffffff, qRgb(220, 30, 30) & 0xffffff);
        const QRgb hole = at(map, viewport, centreOf(35, 25));
        QVERIFY(hole != qRgb(220, 30, 30) && hole != qRgb(30, 60, 220));
        QCOMPARE(hole, at(map, viewport, QPointF(kLeft - 5000, kTop - 25 * kPixel)));
    }

    void legendNamesTheRasterAndItsClasses() {
        // A predicted raster on the map has its own section in the legend panel: its file and each class
        // in the colour of the file's colour table.
        MapRenderer renderer;
        RasterLayer* layer = RasterLayer::open(m_path);
        QVERIFY(layer);
        renderer.addLayer(layer);
        const auto section = layer->legendSection();
        QVERIFY(section);
        QVERIFY(section->title.contains(QStringLiteral("landcover.tif")));
        QVERIFY(section->squareSwatches);
        QCOMPARE(int(section->entries.size()), 2);
        QCOMPARE(section->entries[0].label, QStringLiteral("Artificial land"));
        QCOMPARE(section->entries[0].color, QColor(220, 30, 30));
        QCOMPARE(section->entries[1].label, QStringLiteral("Water"));
        QCOMPARE(section->entries[1].color, QColor(30, 60, 220));
        bool inPanel = false;
        for (const LegendSection& s : renderer.legend()->sections())
            inPanel |= s.title == section->title;
        QVERIFY(inPanel);
        layer->setVisible(false);  // a hidden layer leaves the legend
        for (const LegendSection& s : renderer.legend()->sections())
            QVERIFY(s.title != section->title);
    }

    void zoomedOutReadsTheOverview() {
        RasterLayer* layer = RasterLayer::open(m_path);
        QVERIFY(layer);
        layer->setSynchronous(true);
        // 4 km per pixel: GDAL picks the 4x overview, which this file marks as all class 1.
        const Viewport far(QPointF(kLeft + 20 * kPixel, kTop - 15 * kPixel), 4000.0, QSize(60, 40));
        layer->prepare(far);
        QCOMPARE(at(layerImage(*layer, far), far, centreOf(5, 5)), qRgba(30, 60, 220, 255));
        const Viewport near(far.centre(), 1000.0, QSize(60, 40));
        layer->prepare(near);
        QCOMPARE(at(layerImage(*layer, near), near, centreOf(5, 5)), qRgba(220, 30, 30, 255));
        delete layer;
    }

    void staleReadsAreDropped() {
        RasterLayer* layer = RasterLayer::open(m_path);
        QVERIFY(layer);
        QSignalSpy changed(layer, &MapLayer::changed);
        const QPointF centre(kLeft + 20 * kPixel, kTop - 15 * kPixel);
        for (double mpp : {2000.0, 1500.0, 1000.0, 700.0, 500.0})
            layer->prepare(Viewport(centre, mpp, QSize(120, 90)));
        QVERIFY(changed.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(layer->imageArea() && layer->imageArea()->metresPerPixel() == 500.0, 20000);
        QTest::qWait(200);
        QVERIFY2(changed.count() <= 2, "only the first read and the latest view may reach the screen");
        delete layer;
    }

    void hoverNamesClassAndConfidence() {
        std::unique_ptr<RasterLayer> layer(RasterLayer::open(m_path));
        QVERIFY(layer);
        QCOMPARE(layer->describe(centreOf(5, 9)), QStringLiteral("Artificial land — confidence 55 %"));
        QCOMPARE(layer->describe(centreOf(31, 2)), QStringLiteral("Water — confidence 81 %"));
        QCOMPARE(layer->describe(centreOf(35, 25)), QStringLiteral("No data"));
        QVERIFY(layer->describe(QPointF(kLeft - 5000, kTop)).isEmpty());
    }

    void mapTooltipNamesTheClassUnderThePointer() {
        RasterLayer* layer = RasterLayer::open(m_path);
        QVERIFY(layer);
        MapView view;
        view.resize(300, 200);
        view.renderer()->addLayer(layer);
        const Viewport viewport(QPointF(kLeft + 20 * kPixel, kTop - 15 * kPixel), 250.0, QSize(300, 200));
        view.setViewport(viewport);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto hover = [&](QPointF projected) {
            const QPointF screen = viewport.projectedToScreen(projected);
            QMouseEvent move(QEvent::MouseMove, screen, view.mapToGlobal(screen), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QCoreApplication::sendEvent(&view, &move);
            return view.hoverText(screen);
        };
        // Off any point, the tooltip is the raster's: its file and the class and confidence of that pixel.
        const QString left = hover(centreOf(5, 9));
        QVERIFY2(left.contains(QStringLiteral("landcover.tif")), qPrintable(left));
        QVERIFY2(left.contains(QStringLiteral("Artificial land — confidence 55 %")), qPrintable(left));
        QCOMPARE(QToolTip::text(), left);
        const QString right = hover(centreOf(31, 2));
        QVERIFY2(right.contains(QStringLiteral("Water — confidence 81 %")), qPrintable(right));
        QCOMPARE(QToolTip::text(), right);  // the text follows the pointer from pixel to pixel
        QVERIFY(hover(centreOf(35, 25)).contains(QStringLiteral("No data")));
        QVERIFY(hover(QPointF(kLeft - 50 * kPixel, kTop)).isEmpty());  // off the raster: nothing to say
        // On a point: the point's values, then the raster's class there.
        auto points = std::make_shared<MapPoints>();
        points->projected.x = {centreOf(25, 8).x()};
        points->projected.y = {centreOf(25, 8).y()};
        points->ids = {QStringLiteral("P-42")};
        view.setPoints(points);
        QTRY_VERIFY_WITH_TIMEOUT(view.pointAt(viewport.projectedToScreen(centreOf(25, 8))) == 0, 20000);
        const QString both = hover(centreOf(25, 8));
        const auto id = both.indexOf(QStringLiteral("P-42"));
        QVERIFY2(id >= 0 && id < both.indexOf(QStringLiteral("Water — confidence 75 %")), qPrintable(both));
        QCOMPARE(QToolTip::text(), both);
        layer->setVisible(false);  // a hidden layer says nothing
        QVERIFY(view.hoverText(viewport.projectedToScreen(centreOf(5, 9))).isEmpty());
        QVERIFY(!hover(centreOf(25, 8)).contains(QStringLiteral("Water")));
    }

    void screenshot() {
        const QString raster = qEnvironmentVariable("BRIDGELC_RASTER", m_path);
        QString error;
        RasterLayer* layer = RasterLayer::open(raster, &error);
        QVERIFY2(layer, qPrintable(error));
        MapView view;
        view.resize(1600, 1000);
        view.renderer()->addLayer(layer);
        Viewport viewport(QPointF(), 1.0, QSize(1600, 1000));
        viewport.fit(layer->projectedBounds().adjusted(-60e3, -40e3, 60e3, 40e3));
        view.setViewport(viewport);
        QSignalSpy changed(layer, &MapLayer::changed);
        view.grab();  // the first frame starts the read
        QVERIFY(changed.wait(30000));
        QElapsedTimer timer;
        timer.start();
        while ((view.renderer()->isRenderingBackground() || view.renderer()->backgroundRenderCount() == 0) &&
               timer.elapsed() < 30000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(20);
        }
        qInfo("read and warp of the 1600x1000 view (%.0f m per pixel): %.1f ms", viewport.metresPerPixel(),
              layer->lastReadMilliseconds());
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), QSize(1600, 1000));
        // The raster's centre shows one of its classes' colours.
        const QRgb centre = at(image, viewport, layer->projectedBounds().center()) | 0xff000000;
        bool isClassColour = false;
        for (int c = 0; c < layer->source().classNames().size(); ++c)
            isClassColour |= centre == (layer->source().colour(c) | 0xff000000);
        QVERIFY(isClassColour);
        if (qEnvironmentVariableIsEmpty("BRIDGELC_RASTER"))  // the docs show a real prediction only
            qInfo("raster-layer.png checked on the test raster, not written (BRIDGELC_RASTER unset)");
        else
            QVERIFY(test::ScreenshotOutput().save(image, QStringLiteral("raster-layer.png")));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapRasterLayer)
#include "test_map_raster_layer.moc"
