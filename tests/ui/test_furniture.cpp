// The map's furniture (legend panel, region and score labels, scale bar, attribution, selection marks) on
// the real 70k LUCAS table, at 1600x1000 and at a 1366x768 laptop's size: the home view with points, a
// LORO-Alpine run with its held-out score and the learned location encoding, and a confusion cell of about
// 1,400 points at Europe scale. Every scene asserts that no two pieces of furniture overlap, that the legend
// hides at most 1 % of the points on screen and no region label, and that titles and credits are whole; it
// prints which data each piece covers. With BRIDGELC_SCREENSHOT_DIR set it also writes the PNGs.
#include <QRegularExpression>
#include <QTest>
#include <algorithm>
#include <set>

#include "core/io/run_store.h"
#include "tests/ui/map_panel_fixture.h"
#include "ui/common/class_colors.h"
#include "ui/jobs/metatypes.h"
#include "ui/map/attribution_layer.h"
#include "ui/map/choropleth_layer.h"
#include "ui/map/choropleth_legend_layer.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/pe_layer.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_label_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/scale_bar_layer.h"
#include "ui/map/selection_layer.h"
#include "ui/map/text_wrap.h"

namespace bridgelc {

namespace {

QString squeezed(QString text) {
    text.remove(QChar(0x00B7));  // the " · " between credits may become a line break
    text.remove(QRegularExpression(QStringLiteral("\\s")));
    return text;
}

}  // namespace

class TestFurniture : public QObject {
    Q_OBJECT
    QString m_dir;
    DatasetPtr m_dataset;
    RunResult m_loro;
    QTemporaryDir m_runs;

    /// Checks the furniture of what `panel` shows now and reports what it covers; writes the PNG when asked.
    void check(MapPanel& panel, const QString& name, QSize size) {
        test::settleMap(panel);
        const QImage image = panel.grab().toImage();  // paints every layer, so their boxes are current
        QCOMPARE(image.size(), size);
        MapRenderer* renderer = panel.mapView()->renderer();
        const Viewport viewport = panel.mapView()->viewport();
        const QRectF screen(QPointF(0, 0), viewport.size());
        const auto points = renderer->points();
        QVERIFY(points);
        LegendLayer* legend = renderer->legend();
        const QRectF box = legend->panelRect(), credit = renderer->attribution()->lastBox(),
                     scale = renderer->scaleBar()->lastBox();
        QVERIFY(!box.isEmpty() && !credit.isEmpty() && !scale.isEmpty());
        QVERIFY2(screen.contains(box) && screen.contains(credit) && screen.contains(scale), qPrintable(name));
        // No two pieces of furniture overlap.
        QVERIFY2(!box.intersects(credit), qPrintable(name));
        QVERIFY2(!box.intersects(scale), qPrintable(name));
        QVERIFY2(!credit.intersects(scale), qPrintable(name));
        std::vector<QRectF> labels = renderer->regionLabels()->placed();
        for (MapLayer* layer : renderer->layers())
            if (auto* scores = qobject_cast<ChoroplethLegendLayer*>(layer))
                labels.insert(labels.end(), scores->placedLabels().begin(), scores->placedLabels().end());
        for (std::size_t i = 0; i < labels.size(); ++i) {
            QVERIFY2(!labels[i].intersects(box),
                     qPrintable(name + QStringLiteral(": a label under the legend")));
            QVERIFY2(!labels[i].intersects(credit) && !labels[i].intersects(scale), qPrintable(name));
        }
        const std::vector<QRectF>& regionLabels = renderer->regionLabels()->placed();
        for (std::size_t i = 0; i < regionLabels.size(); ++i)
            for (std::size_t j = i + 1; j < regionLabels.size(); ++j)
                QVERIFY2(!regionLabels[i].intersects(regionLabels[j]),
                         qPrintable(name + QStringLiteral(": two region labels overlap")));
        // Titles and credits whole: wrapped, never cut.
        const std::vector<LegendSection> sections = legend->sections();
        QVERIFY(!sections.empty());
        for (const LegendSection& s : sections) {
            QFont bold;
            bold.setPointSizeF(9);
            bold.setBold(true);
            const QStringList lines = wrapText(s.title, bold, nullptr, box.width() - 16);
            QCOMPARE(squeezed(lines.join(QString())), squeezed(s.title));
        }
        const QStringList creditLines = renderer->attribution()->lines(viewport, nullptr);
        QCOMPARE(squeezed(creditLines.join(QString())), squeezed(renderer->attribution()->text()));
        // The legend hides at most 1 % of the points on screen.
        const std::int64_t onScreen = LegendLayer::pointsUnder(*points, viewport, screen);
        const std::int64_t underLegend = LegendLayer::pointsUnder(*points, viewport, box);
        const std::int64_t underCredit = LegendLayer::pointsUnder(*points, viewport, credit);
        const std::int64_t underScale = LegendLayer::pointsUnder(*points, viewport, scale);
        qInfo(
            "%s: %lld points on screen; legend %.0fx%.0f at (%.0f,%.0f) covers %lld, attribution (%d lines) "
            "%lld, scale bar %lld; %zu region/score labels, none covered",
            qPrintable(name), qlonglong(onScreen), box.width(), box.height(), box.left(), box.top(),
            qlonglong(underLegend), int(creditLines.size()), qlonglong(underCredit), qlonglong(underScale),
            labels.size());
        QVERIFY(onScreen > 1000);
        QVERIFY2(underLegend * 100 <= onScreen, qPrintable(name));
        if (!m_dir.isEmpty()) QVERIFY(image.save(m_dir + QLatin1Char('/') + name));
    }

    std::unique_ptr<MapPanel> panelOf(QSize size, const RunResult* run, const QString& whose) {
        auto panel = test::shownMapPanel(size);
        if (run)
            panel->showRun(m_dataset, *run, whose);
        else
            panel->showDataset(m_dataset, whose);
        [&] { QVERIFY(test::waitIdle(*panel)); }();
        return panel;
    }

private Q_SLOTS:
    void initTestCase() {
        m_dir = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR");
        if (!m_dir.isEmpty()) QDir().mkpath(m_dir);
        registerMetaTypes();
        m_dataset = test::loadRealTable();
        // The location encoding needs a model that learns one: MLP + learned PE, the cheapest such.
        m_loro = test::shortRun(*m_dataset, Scenario::Loro, "ALP", "mlp-learned-pe", 1);
        RunStore(m_runs.path().toStdString()).save(m_loro, *m_dataset);
        qInfo("LORO ALP MLP + learned PE (1 epoch): test weighted F1 %.3f", m_loro.testMetrics.weightedF1);
    }

    void homeViewWithPoints_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1600x1000") << QSize(1600, 1000);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }
    void homeViewWithPoints() {
        QFETCH(QSize, size);
        auto panel = panelOf(size, nullptr, QStringLiteral("lucas2018_elc10_s1s2.csv"));
        check(*panel, QStringLiteral("furniture-home-%1x%2.png").arg(size.width()).arg(size.height()), size);
        // Boreal's label on Finland, not in Russia under the legend.
        for (const RegionLayer::Region& region : RegionLayer::regions())
            if (region.code == QLatin1String("BOR")) {
                const QPointF lonLat = projectedToGeo(region.labelPoint);
                QVERIFY2(lonLat.x() > 20 && lonLat.x() < 31.6 && lonLat.y() > 59.8,
                         qPrintable(QString::number(lonLat.x())));
            }
    }

    void loroAlpineWithScoresAndEncoding_data() { homeViewWithPoints_data(); }
    void loroAlpineWithScoresAndEncoding() {
        QFETCH(QSize, size);
        auto panel = panelOf(size, &m_loro,
                             QStringLiteral("MLP + learned PE · LORO (Alpine held out) · seed 7 · "
                                            "lucas2018_elc10_s1s2.csv"));
        panel->showRegionScores(m_runs.path());
        QVERIFY(test::waitIdle(*panel));
        panel->setRegionScoresVisible(true);
        panel->setMode(PointColorMode::Correctness);
        PeLayer* encoding = PeLayer::create(m_loro.model);
        QVERIFY(encoding);
        encoding->waitForReady();
        panel->addOverlay(encoding, QStringLiteral("Learned location encoding"));
        encoding->setVisible(true);
        check(*panel, QStringLiteral("furniture-loro-alpine-%1x%2.png").arg(size.width()).arg(size.height()),
              size);
        LegendLayer* legend = panel->mapView()->renderer()->legend();
        QCOMPARE(int(legend->sections().size()), 3);  // points, region scores, encoding: one panel
        // Colour-blind-safe correct / wrong in the legend.
        const auto& entries = legend->entries();
        QCOMPARE(int(entries.size()), 2);
        QCOMPARE(entries[0].color, correctColor());
        QCOMPARE(entries[1].color, wrongColor());
        // The held-out Scandinavian mountains stay visible.
        const QPointF mountains = panel->mapView()->viewport().geoToScreen(QGeoCoordinate(66.0, 15.5));
        QVERIFY(!legend->panelRect().contains(mountains));
    }

    void largeSelectionAtEuropeScale_data() { homeViewWithPoints_data(); }
    void largeSelectionAtEuropeScale() {
        QFETCH(QSize, size);
        // 1,368 points over Spain and Portugal, as the confusion cell that once turned Spain into one blob:
        // the Iberian Cropland points, evenly thinned.
        const int crop =
            int(std::find(m_dataset->classNames.begin(), m_dataset->classNames.end(), "Cropland") -
                m_dataset->classNames.begin());
        std::vector<std::int64_t> iberian;
        for (std::size_t i = 0; i < m_dataset->size(); ++i)
            if (m_dataset->label[i] == crop && m_dataset->lon[i] < 3.3 && m_dataset->lat[i] < 43.8)
                iberian.push_back(std::int64_t(i));
        QVERIFY(iberian.size() >= 1368);
        std::vector<std::int64_t> cell;
        for (std::size_t k = 0; k < 1368; ++k)
            cell.push_back(iberian[k * iberian.size() / 1368]);
        auto panel = panelOf(size, &m_loro, QStringLiteral("MLP + learned PE · LORO (Alpine held out)"));
        panel->setTestPointsOnly(false);
        QVERIFY(test::waitIdle(*panel));
        panel->selectRows(cell);
        MapView* view = panel->mapView();
        view->homeView();  // Europe scale, whatever the panel framed
        check(*panel, QStringLiteral("furniture-selection-%1x%2.png").arg(size.width()).arg(size.height()),
              size);
        QCOMPARE(view->selectionCount(), cell.size());
        // Marks one pixel larger than a point at this scale, larger when zoomed in.
        const double mpp = view->viewport().metresPerPixel();
        QVERIFY(SelectionLayer::markRadius(mpp) <= 3.0);
        QVERIFY(SelectionLayer::markRadius(200.0) > SelectionLayer::markRadius(mpp));
        // The selected points are drawn on top, undimmed: at each one the screen shows the colour of a
        // selected point (a neighbour's where marks overlap), never a dimmed one: the veil leaves no pure
        // colour below it.
        const QImage image = view->grab().toImage();
        const auto colours = view->renderer()->pointLayer()->colors();
        QVERIFY(colours);
        std::set<QRgb> selectedColours;
        for (const std::int64_t row : cell)
            selectedColours.insert((*colours)[std::size_t(row)]);
        const auto points = view->renderer()->points();
        int onTop = 0;
        for (const std::int64_t row : cell) {
            const QPoint at = view->viewport()
                                  .projectedToScreen({points->projected.x[std::size_t(row)],
                                                      points->projected.y[std::size_t(row)]})
                                  .toPoint();
            // Within two pixels: the centre may fall on the outline of a neighbour drawn over it.
            bool found = false;
            for (int dx = -2; dx <= 2 && !found; ++dx)
                for (int dy = -2; dy <= 2 && !found; ++dy)
                    found = selectedColours.count(image.pixel(at + QPoint(dx, dy)) | 0xff000000u) > 0;
            onTop += found;
        }
        qInfo("%d of %zu selected points show a selected point's colour", onTop, cell.size());
        QVERIFY(onTop * 10 >= int(cell.size()) * 9);
        // Unselected points are dimmed: a Finnish point (far from the selection) is paler than its own
        // colour.
        std::size_t finnish = 0;
        while (finnish < m_dataset->size() &&
               !(m_dataset->lon[finnish] > 24 && m_dataset->lat[finnish] > 62 &&
                 m_dataset->lon[finnish] < 28 && m_dataset->lat[finnish] < 65))
            ++finnish;
        QVERIFY(finnish < m_dataset->size());
        const QPoint far =
            view->viewport()
                .projectedToScreen({points->projected.x[finnish], points->projected.y[finnish]})
                .toPoint();
        QVERIFY(QColor(image.pixel(far)).lightness() > QColor((*colours)[finnish]).lightness());
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestFurniture)
#include "test_furniture.moc"
