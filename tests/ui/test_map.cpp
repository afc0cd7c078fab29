// MapView with the real 4k LUCAS sample: selection framing, cached panning, hover and click.
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include "tests/ui/map_test_data.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/point_layer.h"
#include "ui/map/point_raster.h"
#include "ui/map/selection_layer.h"

namespace bridgelc {

namespace {

// Lets background renders and index builds land.
bool settle(MapView& view, int timeoutMs = 20000) {
    QElapsedTimer timer;
    timer.start();
    view.grab();  // paints, which requests a render when needed
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        PointLayer* layer = view.renderer()->pointLayer();
        MapRenderer* renderer = view.renderer();
        if (!layer->isRendering() && layer->isIndexReady() && layer->renderCount() > 0 &&
            !renderer->isRenderingBackground() && renderer->backgroundRenderCount() > 0) {
            view.grab();  // a render may be due for the current view after all
            if (!layer->isRendering() && !renderer->isRenderingBackground()) return true;
        }
        QThread::msleep(5);
    }
    return false;
}

}  // namespace

class TestMap : public QObject {
    Q_OBJECT
    std::shared_ptr<const MapPoints> m_points;

private Q_SLOTS:
    void initTestCase() {
        m_points = test::mapPointsOf(test::realSample4k());
        QCOMPARE(m_points->size(), std::size_t(4000));
        for (std::size_t i = 0; i < m_points->size(); ++i)
            QVERIFY(m_points->projected.valid(i));
    }

    void legendCountsEveryClass() {
        MapView view;
        view.setPoints(m_points);
        const auto& entries = view.renderer()->legend()->entries();
        QCOMPARE(int(entries.size()), m_points->classNames.size());
        std::int64_t total = 0;
        for (const LegendEntry& e : entries) {
            QCOMPARE(e.count, std::int64_t(500));  // the sample is balanced: 500 per class
            total += e.count;
        }
        QCOMPARE(total, std::int64_t(4000));
        QCOMPARE(view.renderer()->legend()->title(), QStringLiteral("lucas2018_elc10_s1s2_sample4k.csv"));
    }

    void zoomToSelectionFramesExactlyTheSelection() {
        MapView view;
        view.resize(1600, 1000);
        view.setPoints(m_points);
        // A "confusion cell": every Wetland point east of 20E (a real, spread-out subset).
        const int wetland = m_points->classNames.indexOf(QStringLiteral("Wetland"));
        QVERIFY(wetland >= 0);
        std::vector<std::int64_t> rows;
        for (std::size_t i = 0; i < m_points->size(); ++i)
            if (m_points->trueClass[i] == wetland &&
                projectedToGeo({m_points->projected.x[i], m_points->projected.y[i]}).x() > 20.0)
                rows.push_back(std::int64_t(i));
        QVERIFY(rows.size() > 20);
        std::vector<std::int64_t> withJunk = rows;
        withJunk.push_back(-1);
        withJunk.push_back(999999);
        withJunk.push_back(rows.front());  // duplicate
        view.setSelection(withJunk);
        QCOMPARE(view.selectionCount(), rows.size());
        QCOMPARE(view.renderer()->selection()->selection(), rows);

        view.zoomToSelection();
        const Viewport& v = view.viewport();
        double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
        for (const std::int64_t row : rows) {
            const QPointF s = v.projectedToScreen({m_points->projected.x[row], m_points->projected.y[row]});
            QVERIFY2(QRectF(0, 0, 1600, 1000).contains(s), "a selected point is off screen");
            minX = std::min(minX, s.x()), maxX = std::max(maxX, s.x());
            minY = std::min(minY, s.y()), maxY = std::max(maxY, s.y());
        }
        // Tight: the selection spans the screen less the 24 px margins in at least one direction, centred.
        QVERIFY(std::abs((maxX - minX) - 1552) < 1.0 || std::abs((maxY - minY) - 952) < 1.0);
        QVERIFY(std::abs((minX + maxX) / 2 - 800) < 1.0 && std::abs((minY + maxY) / 2 - 500) < 1.0);

        view.clearSelection();
        QCOMPARE(view.selectionCount(), std::size_t(0));
    }

    void panningReusesTheCachedImage() {
        MapView view;
        view.resize(1600, 1000);
        view.setPoints(m_points);
        QVERIFY(settle(view));
        PointLayer* layer = view.renderer()->pointLayer();
        const int renders = layer->renderCount();
        const int backgrounds = view.renderer()->backgroundRenderCount();
        // Drag by 200 px in steps, as a user would: every frame comes from the cached image.
        QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(800, 500));
        for (int step = 1; step <= 10; ++step) {
            QMouseEvent move(QEvent::MouseMove, QPointF(800 + 20 * step, 500 + 10 * step),
                             view.mapToGlobal(QPointF(800 + 20 * step, 500 + 10 * step)), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&view, &move);
            view.grab();
            QVERIFY2(!layer->isRendering(), "a pan inside the cached area started a render");
            QVERIFY2(!view.renderer()->isRenderingBackground(), "a pan redrew the basemap");
        }
        QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(1000, 600));
        QCOMPARE(layer->renderCount(), renders);
        QCOMPARE(view.renderer()->backgroundRenderCount(), backgrounds);

        // What the cache shows after the pan equals a fresh full render of the same view.
        QImage fromCache(view.size(), QImage::Format_ARGB32_Premultiplied);
        fromCache.fill(Qt::transparent);
        {
            QPainter painter(&fromCache);
            layer->paint(painter, view.viewport());
        }
        const QImage fresh =
            rasterizePoints(*m_points, pointColors(*m_points, PointColorMode::TrueClass), view.viewport());
        int differing = 0, drawn = 0;
        for (int y = 0; y < fresh.height(); ++y)
            for (int x = 0; x < fresh.width(); ++x) {
                drawn += qAlpha(fresh.pixel(x, y)) != 0;
                differing += fromCache.pixel(x, y) != fresh.pixel(x, y);
            }
        QVERIFY(drawn > 3000);
        QVERIFY2(differing < drawn / 100,
                 qPrintable(QStringLiteral("%1 of %2 pixels differ").arg(differing).arg(drawn)));

        // A zoom changes the scale: exactly one new render replaces the image.
        view.zoomIn();
        QVERIFY(settle(view));
        QCOMPARE(layer->renderCount(), renders + 1);
    }

    void hoverAndClickFindTheRightPoint() {
        MapView view;
        view.resize(1600, 1000);
        view.setPoints(m_points);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(settle(view));
        const Viewport& v = view.viewport();
        // A point with no neighbour within 12 px: hovering near it must name exactly it.
        std::int64_t target = -1;
        for (std::size_t i = 0; i < m_points->size() && target < 0; i += 37) {
            const QPointF s = v.projectedToScreen({m_points->projected.x[i], m_points->projected.y[i]});
            if (!QRectF(50, 50, 1500, 900).contains(s)) continue;
            bool alone = true;
            for (std::size_t j = 0; j < m_points->size() && alone; ++j)
                if (j != i && (v.projectedToScreen({m_points->projected.x[j], m_points->projected.y[j]}) - s)
                                      .manhattanLength() < 17)
                    alone = false;
            if (alone) target = std::int64_t(i);
        }
        QVERIFY(target >= 0);
        const QPointF s = v.projectedToScreen({m_points->projected.x[target], m_points->projected.y[target]});
        QCOMPARE(view.pointAt(s + QPointF(3, -2)), target);
        QCOMPARE(view.pointAt(s + QPointF(12, 0)), std::int64_t(-1));

        QSignalSpy hovered(&view, &MapView::pointHovered);
        QTest::mouseMove(&view, (s + QPointF(2, 2)).toPoint());
        QVERIFY(!hovered.isEmpty());
        QCOMPARE(hovered.last().at(0).toLongLong(), qlonglong(target));

        QSignalSpy clicked(&view, &MapView::pointClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, s.toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().at(0).toLongLong(), qlonglong(target));
        QCOMPARE(view.renderer()->selection()->pinned(), target);

        // Off the points, inside Germany's Continental region.
        QSignalSpy region(&view, &MapView::regionClicked);
        view.setPoints(std::make_shared<const MapPoints>());
        QTest::mouseClick(&view, Qt::LeftButton, {}, v.geoToScreen(QGeoCoordinate(51.0, 12.5)).toPoint());
        QCOMPARE(region.count(), 1);
        QCOMPARE(region.first().at(0).toString(), QStringLiteral("CON"));
    }

    void keysAndDoubleClickMoveTheView() {
        MapView view;
        view.resize(800, 600);
        QSignalSpy changed(&view, &MapView::viewportChanged);
        const double home = view.viewport().metresPerPixel();
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.viewport().metresPerPixel(), home / 2);
        const QPointF centre = view.viewport().centre();
        QTest::keyClick(&view, Qt::Key_Right);
        QVERIFY(view.viewport().centre().x() > centre.x());
        QTest::mouseDClick(&view, Qt::LeftButton, {}, QPoint(100, 100));
        QCOMPARE(view.viewport().metresPerPixel(), home / 4);
        QTest::keyClick(&view, Qt::Key_Home);
        QCOMPARE(view.viewport().metresPerPixel(), home);
        QVERIFY(changed.count() >= 4);
        QVERIFY(changed.last().at(0).value<QGeoRectangle>().contains(QGeoCoordinate(48.85, 2.35)));  // Paris
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMap)
#include "test_map.moc"
