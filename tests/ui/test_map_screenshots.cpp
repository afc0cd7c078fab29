// Screenshots of the map for the docs, from the real 70k LUCAS table (1600x1000, offscreen, QWidget::grab):
//   BRIDGELC_SCREENSHOT_DIR=docs/screenshots ui_test_map_screenshots
// Each shot also checks that the view shows what it claims; those checks run in CI too, where no file is
// written.
#include <QTest>

#include "tests/ui/map_test_data.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/basemap_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/point_layer.h"

namespace bridgelc {

class TestMapScreenshots : public QObject {
    Q_OBJECT
    test::ScreenshotOutput m_output;
    std::shared_ptr<const MapPoints> m_points;

    void waitForPoints(MapView& view) {
        QElapsedTimer timer;
        timer.start();
        PointLayer* layer = view.renderer()->pointLayer();
        do {
            view.grab();
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(20);
        } while ((layer->isRendering() || layer->renderCount() == 0 ||
                  view.renderer()->isRenderingBackground() ||
                  view.renderer()->backgroundRenderCount() == 0) &&
                 timer.elapsed() < 30000);
        QCoreApplication::processEvents();
    }

    void shoot(MapView& view, const QString& name) {
        waitForPoints(view);
        const QImage image = view.grab().toImage();
        QCOMPARE(image.size(), QSize(1600, 1000));
        QVERIFY(m_output.save(image, name));
    }

private Q_SLOTS:
    void initTestCase() {
        m_points = test::mapPointsOf(test::realTable());
        QCOMPARE(m_points->size(), std::size_t(69971));
    }

    void pointsLieOnLand() {
        // A cartographer's check behind the pictures: LUCAS points are on land (inland water included), so
        // nearly all fall inside the 1:10m land polygons once both are projected the same way.
        const auto land = BasemapLayer::geometry(BasemapLayer::Detail::Fine10m)->land;
        int outside = 0, tested = 0;
        for (std::size_t i = 0; i < m_points->size(); i += 35, ++tested)
            outside += !land.contains(QPointF(m_points->projected.x[i], m_points->projected.y[i]));
        qInfo("%d of %d sampled points fall outside the 1:10m land polygons", outside, tested);
        QVERIFY(outside * 100 < tested);  // under 1 %: coastal points within the coastline's generalisation
    }

    void europeByTrueClass() {
        MapView view;
        view.resize(1600, 1000);
        view.setPoints(m_points);
        view.show();
        shoot(view, QStringLiteral("map-europe-true-class.png"));
    }

    void oneCountryZoomed() {
        // Portugal: Atlantic coast, the Tagus estuary and the Spanish border test coastline and borders.
        MapView view;
        view.resize(1600, 1000);
        view.setPoints(m_points);
        view.show();
        Viewport v = view.viewport();
        const QPointF sw = geoToProjected(-9.6, 36.9), ne = geoToProjected(-6.1, 42.2);
        v.fit(QRectF(sw, ne).normalized());
        view.setViewport(v);
        QVERIFY(view.viewport().metresPerPixel() < BasemapLayer::kFineBelowMetresPerPixel);  // 1:10m is used
        BasemapLayer::geometry(BasemapLayer::Detail::Fine10m);  // loaded already, so the shot shows it
        shoot(view, QStringLiteral("map-portugal-true-class.png"));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapScreenshots)
#include "test_map_screenshots.moc"
