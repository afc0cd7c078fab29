// The learned location encoding layer: made for every model with a learned PE and for no other (acceptance
// 5), computed off the GUI thread into an image that colours land only, deterministic, and drawn over the
// basemap with its caption.
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <set>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/ui/trained_runs.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/pe_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

class TestPeLayer : public QObject {
    Q_OBJECT

    /// The pixel of the grid image at lon/lat.
    static QRgb gridPixel(const PeLayer& layer, double lon, double lat) {
        const QPointF p = geoToProjected(lon, lat);
        const auto& grid = layer.grid();
        const double metres = grid.extent.width() / grid.image.width();
        return grid.image.pixel(int((p.x() - grid.extent.left()) / metres),
                                int((grid.extent.bottom() - p.y()) / metres));
    }

private Q_SLOTS:
    void madeForEveryModelWithALearnedPeOnly() {
        for (const ModelInfo& info : availableModels()) {
            if (info.name == "gradient-boosting") continue;  // a tree model like the forest; saves time
            const RunResult run = test::smallRun(info.name, 1);
            QVERIFY2(run.model, info.name.c_str());
            std::unique_ptr<PeLayer> layer(PeLayer::create(run.model));
            const bool learned = info.name == "bridgelc" || info.name == "bridgelc-no-supcon" ||
                                 info.name == "mlp-learned-pe" || info.name == "bridgelc-region-dropout" ||
                                 info.name == "bridgelc-adversarial" || info.name == "bridgelc-numeric";
            QVERIFY2(bool(layer) == learned, info.name.c_str());
        }
        QVERIFY(!PeLayer::create(nullptr));
        std::shared_ptr<const Model> untrained = createModel("bridgelc");
        QVERIFY(!PeLayer::create(untrained));
    }

    void colourMapOfLandOnlyComputedInTheBackground() {
        const RunResult run = test::smallRun("bridgelc");
        std::unique_ptr<PeLayer> layer(PeLayer::create(run.model));
        QVERIFY(layer);
        // create() returns at once; the grid is computed by a worker.
        QVERIFY(layer->isComputing());
        QVERIFY(!layer->isReady());
        QVERIFY(layer->caption().contains(QStringLiteral("computing")));
        QSignalSpy ready(layer.get(), &PeLayer::ready);
        QVERIFY(ready.wait(120000));
        QVERIFY(layer->isReady());
        const auto& grid = layer->grid();
        qInfo(
            "PE grid: %d cells of %.0f km evaluated, coloured and masked in %.2f s; PC1-3 explain %.0f, "
            "%.0f, "
            "%.0f %%",
            grid.cells, PeLayer::kCellMetres / 1000, grid.seconds, 100 * grid.explained[0],
            100 * grid.explained[1], 100 * grid.explained[2]);
        QVERIFY(grid.cells > 30000);  // Europe's land at 10 km: about 80,000 cells
        QVERIFY(grid.explained[0] >= grid.explained[1] && grid.explained[1] >= grid.explained[2]);
        QVERIFY(grid.explained[0] + grid.explained[1] + grid.explained[2] <= 1.0 + 1e-9);
        // Land coloured, sea untouched: central Germany, the Po plain, Lapland against the Bay of Biscay, the
        // North Sea and the Tyrrhenian Sea.
        for (const QPointF land : {QPointF(10, 51), QPointF(10.5, 45.2), QPointF(25, 67)})
            QCOMPARE(qAlpha(gridPixel(*layer, land.x(), land.y())), 255);
        for (const QPointF sea : {QPointF(-5, 46), QPointF(3, 55), QPointF(11.5, 40)})
            QCOMPARE(qAlpha(gridPixel(*layer, sea.x(), sea.y())), 0);
        // The encoding varies over the continent: many different colours on land.
        std::set<QRgb> colours;
        for (int y = 0; y < grid.image.height(); y += 8)
            for (int x = 0; x < grid.image.width(); x += 8)
                if (qAlpha(grid.image.pixel(x, y)) == 255) colours.insert(grid.image.pixel(x, y));
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
        // A valid premultiplied image (no channel above alpha): anything else paints as stray bright specks.
        QCOMPARE(grid.image.format(), QImage::Format_ARGB32_Premultiplied);
        int invalid = 0;
        for (int y = 0; y < grid.image.height(); ++y)
            for (int x = 0; x < grid.image.width(); ++x) {
                const QRgb p = grid.image.pixel(x, y);
                invalid += qRed(p) > qAlpha(p) || qGreen(p) > qAlpha(p) || qBlue(p) > qAlpha(p);
            }
        QCOMPARE(invalid, 0);
        QVERIFY(layer->caption().startsWith(QStringLiteral("Learned location encoding, PC1–3 as RGB")));
        QVERIFY(layer->caption().contains(QStringLiteral("BRIDGE-LC")));

        // Deterministic: the same model gives the same picture.
        std::unique_ptr<PeLayer> again(PeLayer::create(run.model));
        again->waitForReady();
        QVERIFY(again->isReady());
        QCOMPARE(again->grid().image, grid.image);
    }

    void drawnOverTheBasemapOnLandOnly() {
        const RunResult run = test::smallRun("bridgelc");
        const Viewport viewport = Viewport::euHome(QSize(800, 600));
        MapRenderer plain;
        const QImage before = plain.toImage(viewport);
        MapRenderer withLayer;
        PeLayer* layer = PeLayer::create(run.model);
        layer->waitForReady();
        withLayer.addLayer(layer);
        QCOMPARE(withLayer.layers().size(), plain.layers().size() + 1);
        const QImage after = withLayer.toImage(viewport);
        const auto at = [&](const QImage& image, double lon, double lat) {
            return image.pixel(viewport.geoToScreen(QGeoCoordinate(lat, lon)).toPoint());
        };
        QVERIFY(at(after, 10, 51) != at(before, 10, 51));  // Germany coloured
        QCOMPARE(at(after, -5, 46), at(before, -5, 46));   // Bay of Biscay untouched
        QCOMPARE(at(after, 3, 55), at(before, 3, 55));     // North Sea untouched
        // The caption joins the legend panel as its own section.
        QVERIFY(withLayer.legend()->sections().size() == plain.legend()->sections().size() + 1);
        QVERIFY(!withLayer.legend()->panelRect().isEmpty());

        // What paint() costs the GUI thread at the docs' size (reported, not asserted: machines differ).
        const Viewport large = Viewport::euHome(QSize(1600, 1000));
        QImage frame(large.size(), QImage::Format_ARGB32_Premultiplied);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 20; ++i) {
            frame.fill(Qt::white);
            QPainter painter(&frame);
            layer->paint(painter, large);
        }
        qInfo("PE layer paint at 1600x1000 (EU-27 view): %.1f ms", timer.nsecsElapsed() / 20e6);
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestPeLayer)
#include "test_pe_layer.moc"
