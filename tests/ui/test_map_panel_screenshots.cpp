// Screenshots of the Map tab for the docs, with real results: short MLP runs (2 epochs, one thread) on the
// real 70k LUCAS table, at 1600x1000, offscreen:
//   BRIDGELC_SCREENSHOT_DIR=docs/screenshots ui_test_map_panel_screenshots
// Each shot also checks that the view shows what it claims; those checks run in CI too, where no file is
// written.
#include <QTest>
#include <map>

#include "core/io/run_store.h"
#include "tests/ui/map_panel_fixture.h"
#include "tests/ui/screenshot_output.h"
#include "ui/jobs/metatypes.h"
#include "ui/map/choropleth_layer.h"
#include "ui/map/map_panel_data.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_layer.h"

namespace bridgelc {

class TestMapPanelScreenshots : public QObject {
    Q_OBJECT
    test::ScreenshotOutput m_output;
    DatasetPtr m_dataset;
    RunResult m_extrap;

    void shoot(MapPanel& panel, const QString& name) {
        test::settleMap(panel);
        const QImage image = panel.grab().toImage();
        QCOMPARE(image.size(), QSize(1600, 1000));
        QVERIFY(m_output.save(image, name));
    }

    static void fitLonLat(MapView* view, double lon0, double lat0, double lon1, double lat1) {
        Viewport v = view->viewport();
        v.fit(QRectF(geoToProjected(lon0, lat0), geoToProjected(lon1, lat1)).normalized());
        view->setViewport(v);
    }

    std::int64_t pointNear(double lon, double lat) const {
        std::int64_t best = 0;
        double bestDistance = 1e300;
        for (std::size_t i = 0; i < m_dataset->size(); ++i) {
            const double d = std::hypot(m_dataset->lon[i] - lon, m_dataset->lat[i] - lat);
            if (d < bestDistance) {
                bestDistance = d;
                best = std::int64_t(i);
            }
        }
        return best;
    }

private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        m_dataset = test::loadRealTable();
        m_extrap = test::shortRun(*m_dataset, Scenario::Extrap);
        qInfo("EXTRAP MLP (2 epochs): test weighted F1 %.3f", m_extrap.testMetrics.weightedF1);
    }

    void europeByPredictedClass() {
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        panel.showRun(m_dataset, m_extrap, QStringLiteral("LUCAS 2018 ELC10 · MLP · EXTRAP · seed 7"));
        QVERIFY(test::waitIdle(panel));
        panel.setTestPointsOnly(false);
        QVERIFY(test::waitIdle(panel));
        Q_EMIT panel.mapView()->pointClicked(pointNear(2.35, 48.85), QGeoCoordinate());  // Paris
        shoot(panel, QStringLiteral("map-run-europe-predicted-class.png"));
        QCOMPARE(int(panel.mode()), int(PointColorMode::PredictedClass));
        QVERIFY(!panel.pinnedDetails().empty());
    }

    void errorsInOneCountry() {
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        panel.showRun(m_dataset, m_extrap, QStringLiteral("LUCAS 2018 ELC10 · MLP · EXTRAP · seed 7"));
        QVERIFY(test::waitIdle(panel));
        panel.setMode(PointColorMode::Correctness);
        fitLonLat(panel.mapView(), 14.0, 49.0, 24.2, 54.9);  // Poland
        shoot(panel, QStringLiteral("map-run-errors-poland.png"));
        QVERIFY(panel.countsText().contains(QStringLiteral("wrong")));
    }

    void heldOutRegionWithScores() {
        // One short LORO run per region the paper holds out (2 epochs each), saved as the app saves them.
        QTemporaryDir root;
        RunStore store(root.path().toStdString());
        RunResult shown;
        for (const char* code : {"ALP", "ATL", "BOR", "CON", "MED", "PAN"}) {
            RunResult run = test::shortRun(*m_dataset, Scenario::Loro, code);
            store.save(run, *m_dataset);
            qInfo("LORO %s: test weighted F1 %.3f", code, run.testMetrics.weightedF1);
            if (std::string(code) == "PAN") shown = run;
        }
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        panel.showRun(m_dataset, shown, QStringLiteral("LUCAS 2018 ELC10 · MLP · LORO, PAN held out"));
        panel.showRegionScores(root.path());
        QVERIFY(test::waitIdle(panel));
        panel.setRegionScoresVisible(true);
        panel.setMode(PointColorMode::Correctness);
        fitLonLat(panel.mapView(), -10.0, 35.5, 31.0, 64.0);
        shoot(panel, QStringLiteral("map-loro-held-out-choropleth.png"));
        QCOMPARE(panel.choropleth()->scores().size(), std::size_t(6));
        QCOMPARE(panel.mapView()->renderer()->regions()->heldOutRegion(), QStringLiteral("PAN"));
    }

    void confusionCellOnTheMap() {
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        panel.showRun(m_dataset, m_extrap, QStringLiteral("LUCAS 2018 ELC10 · MLP · EXTRAP · seed 7"));
        QVERIFY(test::waitIdle(panel));
        // Confusion cell "true Grassland, predicted Cropland", Iberian points of it.
        const int grass =
            int(std::find(m_dataset->classNames.begin(), m_dataset->classNames.end(), "Grassland") -
                m_dataset->classNames.begin());
        const int crop =
            int(std::find(m_dataset->classNames.begin(), m_dataset->classNames.end(), "Cropland") -
                m_dataset->classNames.begin());
        std::vector<std::int64_t> cell;
        for (std::size_t i = 0; i < m_extrap.test.rows.size(); ++i) {
            const std::int64_t row = m_extrap.test.rows[i];
            if (m_dataset->label[row] == grass && m_extrap.test.predicted[i] == crop &&
                m_dataset->lon[row] < 3.3 && m_dataset->lat[row] < 43.8)
                cell.push_back(row);
        }
        QVERIFY(cell.size() > 10);
        panel.selectRows(cell);
        shoot(panel, QStringLiteral("map-confusion-cell-selection.png"));
        QCOMPARE(panel.mapView()->selectionCount(), cell.size());
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapPanelScreenshots)
#include "test_map_panel_screenshots.moc"
