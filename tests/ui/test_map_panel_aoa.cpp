// The area of applicability on the map, on LORO with the Mediterranean held out (a 1-epoch MLP on the real
// 4,000-point sample): the "Outside the area of applicability" layer draws exactly the test points whose DI
// is above the run's threshold hollow, in every colour mode, and its legend counts them; the clicked point
// and the hover give the DI and the side of the threshold; runs without an area of applicability disable the
// layer and say why. With BRIDGELC_SCREENSHOT_DIR set it writes the guide's pictures at 1600x1000.
#include <QCheckBox>
#include <QTableWidget>
#include <QTest>
#include <optional>
#include <tuple>

#include "tests/ui/map_panel_fixture.h"
#include "tests/ui/screenshot_output.h"
#include "ui/jobs/metatypes.h"
#include "ui/map/legend_layer.h"
#include "ui/map/point_raster.h"

namespace bridgelc {

class TestMapPanelAoa : public QObject {
    Q_OBJECT
    DatasetPtr m_sample;
    RunResult m_loroMed;
    test::ScreenshotOutput m_shots;

    static QCheckBox* outsideSwitch(MapPanel& panel) {
        for (QCheckBox* box : panel.findChildren<QCheckBox*>())
            if (box->text() == QStringLiteral("Outside the area of applicability")) return box;
        return nullptr;
    }

    static QString detail(const std::vector<std::pair<QString, QString>>& rows, const QString& name) {
        for (const auto& [key, value] : rows)
            if (key == name) return value;
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        LoadResult sample = loadPoints(test::realSample4k().toStdString());
        QVERIFY(sample.dataset);
        m_sample = std::make_shared<const Dataset>(std::move(*sample.dataset));
        m_loroMed = test::shortRun(*m_sample, Scenario::Loro, "MED", "mlp", 1);
    }

    void hollowMarkersAreRingsInTheirColour() {
        // Two points 40 px apart at 200 m/px (radius 3): the one outside is a ring with an empty centre.
        MapPoints points;
        points.projected.x = {4.0e6, 4.0e6 + 8000};
        points.projected.y = {3.0e6, 3.0e6};
        points.di = {0.1f, 0.9f};
        points.diThreshold = 0.5;
        points.markOutside = true;
        const QRgb colour = qRgb(200, 30, 30);
        const Viewport area(QPointF(4.0e6 + 4000, 3.0e6), 200.0, QSize(100, 40));
        PointRasterStats stats;
        const QImage image = rasterizePoints(points, {colour, colour}, area, nullptr, 0, &stats);
        QCOMPARE(stats.filled, std::int64_t(1));
        QCOMPARE(stats.hollow, std::int64_t(1));
        const QPointF inside = area.projectedToScreen(QPointF(points.projected.x[0], points.projected.y[0]));
        const QPointF outside = area.projectedToScreen(QPointF(points.projected.x[1], points.projected.y[1]));
        auto at = [&](QPointF p, int dx, int dy) { return image.pixel(int(p.x()) + dx, int(p.y()) + dy); };
        QCOMPARE(at(inside, 0, 0), colour);
        // A hole at least as wide as a dot, the point's colour around it, a darker rim outside.
        const int r = pointRadiusFor(200.0), rh = hollowRadiusFor(200.0);
        for (int d = 0; d <= r; ++d) {
            QCOMPARE(qAlpha(at(outside, d, 0)), 0);
            QCOMPARE(qAlpha(at(outside, 0, -d)), 0);
        }
        QCOMPARE(at(outside, rh - 1, 0), colour);
        QCOMPARE(at(outside, 0, -(rh - 1)), colour);
        QCOMPARE(at(outside, rh, 0), qRgb(100, 15, 15));
        QCOMPARE(qAlpha(at(outside, rh + 1, 0)), 0);
        // Without the layer both are dots.
        points.markOutside = false;
        const QImage plain = rasterizePoints(points, {colour, colour}, area, nullptr, 0, &stats);
        QCOMPARE(stats.filled, std::int64_t(2));
        QCOMPARE(stats.hollow, std::int64_t(0));
        QCOMPARE(plain.pixel(int(outside.x()), int(outside.y())), colour);
    }

    void outsideLayerDrawsPointsBeyondTheThresholdHollow() {
        QVERIFY2(m_loroMed.aoa, m_loroMed.aoaMessage.c_str());
        const double threshold = m_loroMed.aoa->threshold();
        QCOMPARE(m_loroMed.testDi.size(), m_loroMed.test.rows.size());
        std::int64_t outside = 0;
        std::int64_t outsideRow = -1, insideRow = -1;
        double outsideDi = 0, insideDi = 0;
        for (std::size_t i = 0; i < m_loroMed.testDi.size(); ++i) {
            const bool out = m_loroMed.testDi[i] > threshold;
            outside += out;
            (out ? outsideRow : insideRow) = m_loroMed.test.rows[i];
            (out ? outsideDi : insideDi) = m_loroMed.testDi[i];
        }
        const auto tested = std::int64_t(m_loroMed.test.rows.size());
        qInfo("LORO MED: %lld test points, %lld outside the area of applicability (threshold %.3f)",
              qlonglong(tested), qlonglong(outside), threshold);
        QVERIFY(outside > 0 && outside < tested);

        auto panel = test::shownMapPanel(QSize(1600, 1000));
        panel->showRun(
            m_sample, m_loroMed,
            QStringLiteral(
                "MLP · LORO (Mediterranean held out) · seed 7 · lucas2018_elc10_s1s2_sample4k.csv"));
        QVERIFY(test::waitIdle(*panel));
        QCheckBox* box = outsideSwitch(*panel);
        QVERIFY(box);
        QVERIFY(box->isEnabled());
        MapRenderer* renderer = panel->mapView()->renderer();
        PointLayer* layer = renderer->pointLayer();
        auto outsideSection = [&]() -> std::optional<LegendSection> {
            for (const LegendSection& s : renderer->legend()->sections())
                if (s.title == QStringLiteral("Outside the area of applicability")) return s;
            return std::nullopt;
        };

        // Coloured by DI, without the layer: every point a dot.
        panel->setMode(PointColorMode::Dissimilarity);
        test::settleMap(*panel);
        QCOMPARE(layer->lastRenderStats().hollow, std::int64_t(0));
        QCOMPARE(layer->lastRenderStats().filled, tested);
        QVERIFY(!outsideSection());
        // The threshold's swatch is an inside colour, apart from the outside one.
        const auto& rows = renderer->legend()->entries();
        QCOMPARE(int(rows.size()), 4);
        QVERIFY(rows[2].color != rows[3].color);
        QVERIFY(m_shots.save(panel->grab().toImage(), QStringLiteral("aoa-di-1600x1000.png")));

        // The layer on, in every colour mode: exactly the run's test points beyond the threshold are rings.
        box->click();
        QVERIFY(panel->outsideAoaVisible());
        for (const PointColorMode mode :
             {PointColorMode::Dissimilarity, PointColorMode::PredictedClass, PointColorMode::Correctness,
              PointColorMode::Confidence, PointColorMode::TrueClass}) {
            panel->setMode(mode);
            test::settleMap(*panel);
            const auto points = renderer->points();
            QVERIFY(points->markOutside);
            const PointRasterStats stats = layer->lastRenderStats();
            qInfo("mode %d: %lld filled, %lld hollow", int(mode), qlonglong(stats.filled),
                  qlonglong(stats.hollow));
            QCOMPARE(stats.hollow, outside);
            QCOMPARE(stats.filled, tested - outside);
            const auto section = outsideSection();
            QVERIFY(section);
            QCOMPARE(int(section->entries.size()), 2);
            QVERIFY(section->entries[0].hollow);
            QCOMPARE(section->entries[0].count, outside);
            QCOMPARE(section->entries[1].count, tested - outside);
            QVERIFY(section->notes.join(' ').contains(QString::number(threshold, 'f', 2)));
            if (mode == PointColorMode::PredictedClass)
                QVERIFY(m_shots.save(panel->grab().toImage(),
                                     QStringLiteral("aoa-outside-predicted-1600x1000.png")));
        }

        // The clicked point says its DI and on which side of the threshold it lies.
        for (const auto& [row, di, side] : {std::tuple(outsideRow, outsideDi, QStringLiteral("outside")),
                                            std::tuple(insideRow, insideDi, QStringLiteral("inside"))}) {
            Q_EMIT panel->mapView()->pointClicked(row, QGeoCoordinate());
            QVERIFY(test::waitIdle(*panel));
            const auto details = panel->pinnedDetails();
            bool parsed = false;
            const double shownDi = detail(details, QStringLiteral("DI")).toDouble(&parsed);
            QVERIFY(parsed);
            QVERIFY2(std::abs(shownDi - di) <= 1e-3, qPrintable(detail(details, QStringLiteral("DI"))));
            const QString applicability = detail(details, QStringLiteral("Area of applicability"));
            QVERIFY2(applicability.startsWith(side + QStringLiteral(" (threshold")),
                     qPrintable(applicability));
            QVERIFY(applicability.contains(QString::number(threshold, 'f', 3)));
        }
        // The hover tooltip of a point says it too.
        const auto points = renderer->points();
        MapView* view = panel->mapView();
        QTRY_VERIFY(layer->isIndexReady());
        const QPointF at = view->viewport().projectedToScreen(QPointF(
            points->projected.x[std::size_t(outsideRow)], points->projected.y[std::size_t(outsideRow)]));
        const QString hover = view->hoverText(at);
        QVERIFY2(hover.contains(
                     QStringLiteral("the area of applicability (threshold %1)").arg(threshold, 0, 'f', 3)),
                 qPrintable(hover));

        // The picture: coloured by DI, the outside layer on, a point outside clicked.
        panel->setMode(PointColorMode::Dissimilarity);
        Q_EMIT panel->mapView()->pointClicked(outsideRow, QGeoCoordinate());
        test::settleMap(*panel);
        QCOMPARE(layer->lastRenderStats().hollow, outside);
        auto* table = panel->findChild<QTableWidget*>();
        QVERIFY(table);
        const auto found = table->findItems(QStringLiteral("Area of applicability"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        table->scrollToItem(found.front(), QAbstractItemView::PositionAtCenter);
        QVERIFY(m_shots.save(panel->grab().toImage(), QStringLiteral("aoa-outside-1600x1000.png")));

        // Off again: dots only.
        box->click();
        test::settleMap(*panel);
        QCOMPARE(layer->lastRenderStats().hollow, std::int64_t(0));
        QVERIFY(!outsideSection());
    }

    void runsWithoutAreaOfApplicabilitySayWhy() {
        RunResult stopped = m_loroMed;
        stopped.aoa.reset();
        stopped.testDi.clear();
        stopped.aoaMessage = "no area of applicability: the run was stopped before it was computed";
        RunResult old = stopped;
        old.aoaMessage.clear();
        auto panel = test::shownMapPanel(QSize(1366, 768));
        panel->setOutsideAoaVisible(true);
        for (const auto& [run, why] : {std::pair(&stopped, QStringLiteral("stopped before")),
                                       std::pair(&old, QStringLiteral("saved before"))}) {
            panel->showRun(m_sample, *run, QStringLiteral("MLP · LORO (Mediterranean held out) · no AOA"));
            test::settleMap(*panel);
            QCheckBox* box = outsideSwitch(*panel);
            QVERIFY(box);
            QVERIFY(!box->isEnabled());
            QVERIFY2(box->toolTip().contains(why), qPrintable(box->toolTip()));
            QVERIFY(!panel->mapView()->renderer()->points()->markOutside);
            QCOMPARE(panel->mapView()->renderer()->pointLayer()->lastRenderStats().hollow, std::int64_t(0));
            Q_EMIT panel->mapView()->pointClicked(run->test.rows.front(), QGeoCoordinate());
            QVERIFY(test::waitIdle(*panel));
            QCOMPARE(detail(panel->pinnedDetails(), QStringLiteral("Area of applicability")),
                     QStringLiteral("none for this run"));
            QVERIFY(detail(panel->pinnedDetails(), QStringLiteral("DI")).isEmpty());
        }
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapPanelAoa)
#include "test_map_panel_aoa.moc"
