// Viewport arithmetic: screen <-> EPSG:3035 <-> WGS84 and zooming around the cursor.
#include <QTest>
#include <cmath>

#include "ui/map/viewport.h"

namespace bridgelc {

class TestMapViewport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void screenGeoScreenRoundTripsWithinOnePixel() {
        double worst = 0;
        for (const double mpp : {8000.0, 2500.0, 500.0, 50.0, 5.0, 1.0}) {
            const Viewport v(QPointF(4.3e6, 3.2e6), mpp, QSize(1600, 1000));
            for (int sx = 0; sx <= 1600; sx += 160)
                for (int sy = 0; sy <= 1000; sy += 125) {
                    const QGeoCoordinate geo = v.screenToGeo(QPointF(sx, sy));
                    QVERIFY2(geo.isValid(),
                             qPrintable(QStringLiteral("mpp %1 at %2,%3").arg(mpp).arg(sx).arg(sy)));
                    const QPointF back = v.geoToScreen(geo);
                    worst = std::max({worst, std::abs(back.x() - sx), std::abs(back.y() - sy)});
                }
        }
        QVERIFY(worst < 1.0);
        qInfo("worst screen->geo->screen error over 6 zoom levels: %.2e px", worst);
    }

    void knownPlaceLandsWhereExpected() {
        // The EPSG:3035 origin (10E 52N) sits at the centre of a viewport centred on the false origin.
        const Viewport v(QPointF(4321000, 3210000), 1000, QSize(800, 600));
        const QPointF at = v.geoToScreen(QGeoCoordinate(52.0, 10.0));
        QVERIFY(std::abs(at.x() - 400) < 1e-6 && std::abs(at.y() - 300) < 1e-6);
        // North is up: a more northern place has a smaller y.
        QVERIFY(v.geoToScreen(QGeoCoordinate(60.0, 10.0)).y() < at.y() - 100);
    }

    void wheelZoomKeepsThePointUnderTheCursor() {
        Viewport v(QPointF(4.3e6, 3.2e6), 3000, QSize(1600, 1000));
        const QPointF cursor(1234, 321);
        const QPointF before = v.screenToProjected(cursor);
        for (const double factor : {1.5, 1.5, 4.0, 0.25, 0.1}) {
            v.zoomAround(cursor, factor);
            const QPointF after = v.projectedToScreen(before);
            QVERIFY(std::abs(after.x() - cursor.x()) < 1e-6 && std::abs(after.y() - cursor.y()) < 1e-6);
        }
        QCOMPARE(v.metresPerPixel(), 3000.0 / (1.5 * 1.5 * 4.0 * 0.25 * 0.1));
    }

    void zoomIsClampedAndStillAnchored() {
        Viewport v(QPointF(4.3e6, 3.2e6), 1.0, QSize(1600, 1000));
        const QPointF cursor(100, 100), before = v.screenToProjected(cursor);
        v.zoomAround(cursor, 100);  // would be 0.01 m/px
        QCOMPARE(v.metresPerPixel(), 0.5);
        QVERIFY((v.projectedToScreen(before) - cursor).manhattanLength() < 1e-6);
    }

    void panMovesContentWithTheDrag() {
        Viewport v(QPointF(4.3e6, 3.2e6), 1000, QSize(800, 600));
        const QPointF p = v.screenToProjected(QPointF(100, 100));
        v.panByPixels(QPointF(30, -20));
        const QPointF moved = v.projectedToScreen(p);
        QVERIFY(std::abs(moved.x() - 130) < 1e-9 && std::abs(moved.y() - 80) < 1e-9);
    }

    void homeViewShowsTheEu27() {
        const Viewport v = Viewport::euHome(QSize(1600, 1000));
        const QRectF shown(QPointF(0, 0), QSizeF(1600, 1000));
        // Lisbon, Lapland, Nicosia and Valletta: the corners of the EU-27 mainland and islands.
        for (const auto& [lat, lon] :
             {std::pair{38.72, -9.14}, std::pair{69.0, 27.0}, std::pair{35.17, 33.36}, std::pair{35.9, 14.5}})
            QVERIFY2(shown.contains(v.geoToScreen(QGeoCoordinate(lat, lon))),
                     qPrintable(QString::number(lat)));
        QVERIFY(v.metresPerPixel() > 2000 && v.metresPerPixel() < 6000);
        const QGeoRectangle box = v.geoRect();
        QVERIFY(box.contains(QGeoCoordinate(50.85, 4.35)));  // Brussels
    }

    void fitFramesTheRectangle() {
        Viewport v(QPointF(0, 0), 1, QSize(1000, 500));
        v.fit(QRectF(QPointF(4e6, 3e6), QPointF(4.2e6, 3.4e6)), 20);
        QCOMPARE(v.centre(), QPointF(4.1e6, 3.2e6));
        QCOMPARE(v.metresPerPixel(), 4e5 / 460.0);  // height limits: 400 km on 460 px
    }
};

}  // namespace bridgelc

QTEST_GUILESS_MAIN(bridgelc::TestMapViewport)
#include "test_map_viewport.moc"
