// A predicted raster's area-of-applicability mask on the map: an area of applicability built from training
// points of two of the stack's three stripes, its mask written by the same code as `predict-raster --aoa`;
// showing the land-cover raster brings the mask as a layer of its own whose outside cells (the third stripe)
// are hatched, with the land cover visible between the lines, and a legend section naming the threshold.
// With BRIDGELC_SCREENSHOT_DIR set it writes the picture at 1600x1000.
#include <gdal_priv.h>
#include <QFileInfo>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <random>

#include "core/aoa/area_of_applicability.h"
#include "core/raster/applicability_raster.h"
#include "core/train/training_observer.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/stripe_stack.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/raster_layer.h"
#include "ui/map/raster_source.h"
#include "ui/window/main_window.h"

namespace bridgelc {

namespace {

constexpr int kWidth = 192, kHeight = 144;

/// The stripes' classes as a land-cover GeoTIFF on the stack's grid (nodata where the stack has none).
QString writeLandCover(const QString& path) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = driver->Create(path.toUtf8().constData(), kWidth, kHeight, 1, GDT_Byte, nullptr);
    if (!ds) return {};
    double transform[6] = {test::kLeft, test::kPixel, 0, test::kTop, 0, -test::kPixel};
    ds->SetGeoTransform(transform);
    OGRSpatialReference laea;
    laea.importFromEPSG(3035);
    ds->SetSpatialRef(&laea);
    std::vector<unsigned char> classes(std::size_t(kWidth) * kHeight);
    for (int r = 0; r < kHeight; ++r)
        for (int c = 0; c < kWidth; ++c)
            classes[std::size_t(r) * kWidth + c] =
                test::isNoData(c, r, kWidth, kHeight) ? 255 : (unsigned char)test::stripeClass(c, kWidth);
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(255);
    GDALColorTable table;
    const GDALColorEntry a{255, 255, 0, 255}, b{30, 110, 30, 255}, c{70, 130, 230, 255};
    table.SetColorEntry(0, &a);
    table.SetColorEntry(1, &b);
    table.SetColorEntry(2, &c);
    band->SetColorTable(&table);
    const char* names[] = {"Cropland", "Woodland", "Water", nullptr};
    band->SetCategoryNames(const_cast<char**>(names));
    const CPLErr written =
        band->RasterIO(GF_Write, 0, 0, kWidth, kHeight, classes.data(), kWidth, kHeight, GDT_Byte, 0, 0);
    GDALClose(ds);
    return written == CE_None ? path : QString();
}

/// Training points like the stack's first two stripes (class c high on the bands f_j with j % 3 == c).
std::shared_ptr<const AreaOfApplicability> twoStripeApplicability() {
    const std::size_t perClass = 150, features = 6;
    std::mt19937 rng(5);
    std::normal_distribution<float> noise(0.f, 0.5f);
    std::vector<float> rows;
    std::vector<int> folds;
    std::vector<std::string> ids;
    for (int c = 0; c < 2; ++c)
        for (std::size_t i = 0; i < perClass; ++i) {
            for (std::size_t b = 0; b < features; ++b)
                rows.push_back(noise(rng) + (int(b % 3) == c ? 3.0f : 0.0f));
            folds.push_back(int(i % 2));
            ids.push_back("p" + std::to_string(ids.size()));
        }
    return AreaOfApplicability::build(rows.data(), folds.size(), {"f0", "f1", "f2", "f3", "f4", "f5"},
                                      AoaWeights{kWeightsEqual, std::vector<double>(features, 1.0)}, folds,
                                      {"a", "b"}, ids);
}

}  // namespace

class TestAoaRasterLayer : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::ScreenshotOutput m_shots;

private Q_SLOTS:
    void predictedRasterBringsItsMaskHatched() {
        GDALAllRegister();
        const QString stack =
            test::writeStack(m_dir.filePath(QStringLiteral("stack.tif")), kWidth, kHeight, 32);
        QVERIFY(!stack.isEmpty());
        const QString landCover = writeLandCover(m_dir.filePath(QStringLiteral("landcover.tif")));
        QVERIFY(!landCover.isEmpty());
        const auto aoa = twoStripeApplicability();
        TrainingObserver quiet;
        const ApplicabilityRasterResult written =
            writeApplicabilityRasters(*aoa, stack.toStdString(), {}, landCover.toStdString(), quiet);
        QVERIFY(written.completed);
        qInfo("mask: %zu valid pixels, %zu outside (threshold %.3f)", written.valid, written.outside,
              aoa->threshold());

        MainWindow window;
        window.resize(1600, 1000);
        window.show();
        QVERIFY(window.addRaster(landCover));  // frames it on the Map tab
        RasterLayer *classes = nullptr, *mask = nullptr;
        for (MapLayer* layer : window.mapPanel()->mapView()->renderer()->layers())
            if (auto* raster = qobject_cast<RasterLayer*>(layer))
                (raster->isApplicabilityMask() ? mask : classes) = raster;
        QVERIFY(classes);
        QVERIFY2(mask, "the mask beside the land cover is shown as a layer of its own");
        QCOMPARE(QFileInfo(mask->source().path()).fileName(), QStringLiteral("landcover_aoa.tif"));
        QVERIFY(std::abs(mask->source().aoaThreshold() - aoa->threshold()) <= 1e-12);
        QVERIFY(mask->zValue() > classes->zValue());
        const auto legend = mask->legendSection();
        QVERIFY(legend && legend->notes.join(' ').contains(QString::number(aoa->threshold(), 'f', 2)));

        // The mask alone, one screen pixel per raster pixel: per stripe, the share of hatched pixels.
        const QRectF bounds = mask->projectedBounds();
        const Viewport view(bounds.center(), test::kPixel, QSize(kWidth, kHeight));
        mask->setSynchronous(true);
        mask->prepare(view);
        QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            mask->paint(painter, view);
        }
        std::array<int, 3> hatched{}, clear{};
        for (int y = 0; y < kHeight; ++y)
            for (int x = 0; x < kWidth; ++x) {
                if (test::isNoData(x, y, kWidth, kHeight)) continue;
                const QRgb pixel = image.pixel(x, y);
                ++(qAlpha(pixel) > 0 ? hatched : clear)[std::size_t(test::stripeClass(x, kWidth))];
            }
        for (int s = 0; s < 3; ++s)
            qInfo("stripe %d: %d hatched, %d clear pixels", s, hatched[s], clear[s]);
        // The stripe unlike the training data is hatched (about 2 pixels in 6), the other two are clear.
        const double share = double(hatched[2]) / double(hatched[2] + clear[2]);
        QVERIFY2(share > 0.25 && share < 0.42, qPrintable(QString::number(share)));
        QVERIFY(hatched[0] * 50 < hatched[0] + clear[0]);
        QVERIFY(hatched[1] * 50 < hatched[1] + clear[1]);

        // The picture: the land cover as File ▸ Add raster frames it, the mask hatching its third stripe.
        MapView* map = window.mapPanel()->mapView();
        QVERIFY(map->isVisible());
        map->update();
        mask->setSynchronous(false);
        QTRY_VERIFY_WITH_TIMEOUT(classes->imageArea() && mask->imageArea() &&
                                     *classes->imageArea() == map->viewport() &&
                                     *mask->imageArea() == map->viewport(),
                                 60000);
        QVERIFY(m_shots.save(window.grab().toImage(), QStringLiteral("aoa-raster-mask-1600x1000.png")));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestAoaRasterLayer)
#include "test_aoa_raster_layer.moc"
