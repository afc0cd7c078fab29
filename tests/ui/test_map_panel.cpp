// The Map tab on the real LUCAS table: a run's every point predicted in the background with the parts of its
// split, stale work cancelled, a confusion cell's points selected and framed, a clicked point's values, the
// held-out regions' scores, and the GUI thread never busy 50 ms while 300,000 points are predicted and drawn
// or while live snapshots of a training model refresh the map.
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <map>
#include <random>

#include "core/io/run_store.h"
#include "tests/ui/blocked_time.h"
#include "tests/ui/gap_probe.h"
#include "tests/ui/map_panel_fixture.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/choropleth_layer.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_panel_data.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/selection_layer.h"

namespace bridgelc {

namespace {

std::size_t shownCount(const MapPoints& points) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < points.size(); ++i)
        n += points.isShown(i);
    return n;
}

// The worst GUI-thread CPU of one handler and of all handlers between two ticks of the probe.
std::pair<double, double> worstGuiStretch(const test::GapProbe& probe) {
    test::TimedApplication* app = test::TimedApplication::instance();
    const auto handlers = app->worstHandlers(5);
    for (const test::HandlerCost& h : handlers)
        qInfo("  handler %6.1f ms CPU / %6.1f ms wall  %s", h.cpuMs, h.wallMs, qPrintable(h.what));
    double worstPass = 0;
    for (const test::GapProbe::CpuGap& gap : probe.busiestGaps(probe.samples()))
        worstPass = std::max(worstPass, app->handlerCpuBetween(gap.fromMs, gap.toMs));
    // Blocked, not busy: a handler asleep on a worker fails however little CPU it uses.
    const double blocked = test::worstBlockedHandlerMs(probe);
    if (blocked >= test::kMaxBlockedHandlerMs)
        QTest::qFail(qPrintable(QStringLiteral("a GUI-thread handler was blocked %1 ms").arg(blocked)),
                     __FILE__, __LINE__);
    return {handlers.empty() ? 0.0 : handlers.front().cpuMs, worstPass};
}

}  // namespace

class TestMapPanel : public QObject {
    Q_OBJECT
    DatasetPtr m_dataset;
    RunResult m_extrap, m_loro;

private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        m_dataset = test::loadRealTable();
        QCOMPARE(m_dataset->size(), std::size_t(69971));
        m_extrap = test::shortRun(*m_dataset, Scenario::Extrap);
        m_loro = test::shortRun(*m_dataset, Scenario::Loro, "PAN");
    }

    void showRunPredictsEveryPointWithItsSplit() {
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        QVERIFY(test::waitIdle(panel));  // the countries it reads once at the start
        QSignalSpy busy(&panel, &MapPanel::busyChanged);
        panel.showRun(m_dataset, m_extrap, QStringLiteral("real table · MLP · EXTRAP"));
        QVERIFY(panel.isBusy());  // the work is in the background, not done in the call
        QVERIFY(test::waitIdle(panel));
        QVERIFY(busy.count() >= 2);
        QCOMPARE(busy.first().at(0).toBool(), true);
        QCOMPARE(busy.last().at(0).toBool(), false);
        const auto data = panel.data();
        QVERIFY(data);
        QCOMPARE(data->predicted, std::int64_t(m_dataset->size()));
        qInfo("predicted all %zu points of the real table in %.2f s in the background", m_dataset->size(),
              data->predictSeconds);
        // The parts are the split the run used.
        ScenarioOptions options;
        options.seed = m_extrap.settings.seed;
        const Split split = scenarioSplits(*m_dataset, options).front();
        QCOMPARE(data->partCounts[0], split.train.size());
        QCOMPARE(data->partCounts[1], split.validation.size());
        QCOMPARE(data->partCounts[2], split.test.size());
        std::size_t counted[3] = {0, 0, 0};
        for (const signed char p : data->part)
            if (p >= 0) ++counted[p];
        QCOMPARE(counted[0], split.train.size());
        QCOMPARE(counted[1], split.validation.size());
        QCOMPARE(counted[2], split.test.size());
        QVERIFY(data->note.isEmpty());
        // The run's own test predictions are what the map shows for its test points.
        for (std::size_t i = 0; i < m_extrap.test.rows.size(); i += 97)
            QCOMPARE(data->points.predictedClass[m_extrap.test.rows[i]], m_extrap.test.predicted[i]);
        // Test points only by default; all on request.
        QCOMPARE(int(panel.mode()), int(PointColorMode::PredictedClass));
        QCOMPARE(shownCount(*panel.mapView()->renderer()->points()), split.test.size());
        panel.setTestPointsOnly(false);
        QVERIFY(test::waitIdle(panel));
        QCOMPARE(shownCount(*panel.mapView()->renderer()->points()), m_dataset->size());
        QVERIFY(panel.countsText().contains(QStringLiteral("test")));
        QCOMPARE(panel.mapView()->renderer()->legend()->title(), QStringLiteral("real table · MLP · EXTRAP"));
    }

    void loroRunMarksItsHeldOutRegion() {
        MapPanel panel;
        panel.showRun(m_dataset, m_loro, QStringLiteral("LORO PAN"));
        QVERIFY(test::waitIdle(panel));
        QCOMPARE(panel.mapView()->renderer()->regions()->heldOutRegion(), QStringLiteral("PAN"));
        const int pan = regionIndex("PAN");
        std::size_t inRegion = 0;
        for (std::size_t i = 0; i < m_dataset->size(); ++i)
            if (m_dataset->region[i] == pan) {
                ++inRegion;
                QCOMPARE(int(panel.data()->partOf(i)), int(PointPart::Test));
            }
        QCOMPARE(panel.data()->partCounts[2], inRegion);
    }

    void runWithoutModelShowsItsTestPredictions() {
        RunResult run = m_extrap;
        run.model.reset();
        MapPanel panel;
        panel.showRun(m_dataset, run, QStringLiteral("saved run"));
        QVERIFY(test::waitIdle(panel));
        QCOMPARE(panel.data()->predicted, std::int64_t(run.test.rows.size()));
        QCOMPARE(panel.data()->partCounts[2], run.test.rows.size());
    }

    void newerCallsCancelStaleWork() {
        MapPanel panel;
        panel.showRun(m_dataset, m_extrap, QStringLiteral("first"));
        panel.showRun(m_dataset, m_loro, QStringLiteral("second"));
        panel.showDataset(m_dataset, QStringLiteral("dataset only"));
        QVERIFY(test::waitIdle(panel));
        QCOMPARE(panel.pendingTasks(), 0);
        QCOMPARE(panel.data()->points.title, QStringLiteral("dataset only"));
        QCOMPARE(panel.data()->predicted, std::int64_t(0));
        QVERIFY(panel.mapView()->renderer()->regions()->heldOutRegion().isEmpty());
        QCOMPARE(int(panel.mode()), int(PointColorMode::TrueClass));
        panel.clear(QStringLiteral("closed"));
        QVERIFY(!panel.data());
        QVERIFY(!panel.mapView()->renderer()->points());
    }

    void confusionCellSelectionIsExactAndFramed() {
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        panel.showRun(m_dataset, m_extrap, QStringLiteral("run"));
        QVERIFY(test::waitIdle(panel));
        // The largest off-diagonal cell of the run's confusion: its dataset rows.
        std::map<std::pair<int, int>, std::vector<std::int64_t>> cells;
        for (std::size_t i = 0; i < m_extrap.test.rows.size(); ++i) {
            const std::int64_t row = m_extrap.test.rows[i];
            const int truth = m_dataset->label[row], predicted = m_extrap.test.predicted[i];
            if (truth != predicted) cells[{truth, predicted}].push_back(row);
        }
        auto cell = std::max_element(cells.begin(), cells.end(), [](const auto& a, const auto& b) {
                        return a.second.size() < b.second.size();
                    })->second;
        // A small cell too: one region's share of it, so that framing means zooming in.
        std::vector<std::int64_t> local;
        const int med = regionIndex("PAN");
        for (const std::int64_t row : cell)
            if (m_dataset->region[row] == med) local.push_back(row);
        for (const auto& rows : {cell, local}) {
            if (rows.empty()) continue;
            panel.selectRows(rows);
            QVERIFY(test::waitIdle(panel));
            QCOMPARE(panel.mapView()->selectionCount(), rows.size());
            QCOMPARE(panel.mapView()->renderer()->selection()->selection().size(), rows.size());
            const QRectF visible = panel.mapView()->viewport().projectedRect();
            const QRectF bounds = panel.mapView()->renderer()->selection()->selectionBounds();
            const auto points = panel.mapView()->renderer()->points();
            for (const std::int64_t row : rows)
                QVERIFY(visible.contains(QPointF(points->projected.x[row], points->projected.y[row])));
            // Framed: the selection fills the view in one direction at least.
            QVERIFY(bounds.width() > 0.6 * visible.width() || bounds.height() > 0.6 * visible.height());
            qInfo("selected %zu points; they span %.0f x %.0f km of a %.0f x %.0f km view", rows.size(),
                  bounds.width() / 1e3, bounds.height() / 1e3, visible.width() / 1e3, visible.height() / 1e3);
        }
        QVERIFY(panel.countsText().contains(QStringLiteral("selected")));
        panel.selectRows({});
        QCOMPARE(panel.mapView()->selectionCount(), std::size_t(0));
    }

    void clickedPointShowsAllItsValues() {
        MapPanel panel;
        panel.showRun(m_dataset, m_extrap, QStringLiteral("run"));
        QVERIFY(test::waitIdle(panel));
        // A point in Portugal (LUCAS ids are plain numbers; pick by coordinates).
        std::int64_t row = -1;
        for (std::size_t i = 0; i < m_dataset->size() && row < 0; ++i)
            if (m_dataset->lon[i] > -8.2 && m_dataset->lon[i] < -7.8 && m_dataset->lat[i] > 39.4 &&
                m_dataset->lat[i] < 39.8)
                row = std::int64_t(i);
        QVERIFY(row >= 0);
        QSignalSpy pinned(&panel, &MapPanel::pointPinned);
        Q_EMIT panel.mapView()->pointClicked(row, QGeoCoordinate());
        QCOMPARE(pinned.count(), 1);
        QVERIFY(test::waitIdle(panel));
        const auto details = panel.pinnedDetails();
        auto value = [&](const QString& name) {
            for (const auto& [key, text] : details)
                if (key == name) return text;
            return QStringLiteral("<missing>");
        };
        QCOMPARE(value(QStringLiteral("ID")), QString::fromStdString(m_dataset->ids[row]));
        QCOMPARE(value(QStringLiteral("Country")), QStringLiteral("Portugal"));
        QVERIFY(value(QStringLiteral("Region")).startsWith(QStringLiteral("MED")) ||
                value(QStringLiteral("Region")).startsWith(QStringLiteral("ATL")));
        QVERIFY(QStringList({QStringLiteral("train"), QStringLiteral("validation"), QStringLiteral("test")})
                    .contains(value(QStringLiteral("Part"))));
        for (const std::string& feature : m_dataset->featureNames)
            QVERIFY2(value(QString::fromStdString(feature)) != QStringLiteral("<missing>"), feature.c_str());
        QVERIFY(details.size() >= 10 + m_dataset->featureCount());
    }

    void choroplethColoursEachScoredRegion() {
        QTemporaryDir root;
        RunStore store(root.path().toStdString());
        const double scores[] = {0.62, 0.81, 0.74};
        const char* codes[] = {"ATL", "MED", "PAN"};
        for (int i = 0; i < 3; ++i)
            for (int seed = 0; seed < 2; ++seed) {
                RunResult run;
                run.status = RunStatus::Completed;
                run.modelName = "mlp";
                run.scenario = Scenario::Loro;
                run.heldOutRegion = regionIndex(codes[i]);
                run.splitName = std::string("LORO-") + codes[i];
                run.settings.seed = std::uint64_t(seed);
                run.classNames = m_dataset->classNames;
                run.testMetrics.weightedF1 = scores[i] + (seed ? 0.02 : -0.02);
                store.save(run, *m_dataset);
            }
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.showDataset(m_dataset, QStringLiteral("real table"));
        panel.showRegionScores(root.path());
        QVERIFY(test::waitIdle(panel));
        const auto got = panel.choropleth()->scores();
        QCOMPARE(got.size(), std::size_t(3));
        for (const RegionScore& s : got) {
            const int i = int(std::find_if(std::begin(codes), std::end(codes),
                                           [&](const char* c) { return s.code == QLatin1String(c); }) -
                              std::begin(codes));
            QVERIFY(i < 3);
            QVERIFY(std::abs(s.value - scores[i]) < 1e-9);  // mean of the two seeds
            QCOMPARE(s.runs, 2);
        }
        panel.setRegionScoresVisible(true);
        QVERIFY(panel.choropleth()->isVisible());
        MapRenderer* renderer = panel.mapView()->renderer();
        renderer->pointLayer()->setVisible(false);
        const Viewport view = Viewport::euHome(QSize(1600, 1000));
        const QImage image = renderer->toImage(view);
        // Inland points of scored regions carry their ramp colour; a region without a score does not.
        // The commonest colour of an 11x11 block: a label, outline or graticule line does not decide it.
        auto pixel = [&](double lon, double lat) {
            const QPoint at = view.projectedToScreen(geoToProjected(lon, lat)).toPoint();
            std::map<QRgb, int> votes;
            for (int dx = -5; dx <= 5; ++dx)
                for (int dy = -5; dy <= 5; ++dy)
                    ++votes[image.pixel(at + QPoint(dx, dy))];
            return QColor(std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                              return a.second < b.second;
                          })->first);
        };
        const QColor land(250, 249, 245);
        auto expected = [&](const QString& code) {
            const QColor ramp = panel.choropleth()->colorOf(code);
            const double a = 190 / 255.0;
            return QColor(int(ramp.red() * a + land.red() * (1 - a)),
                          int(ramp.green() * a + land.green() * (1 - a)),
                          int(ramp.blue() * a + land.blue() * (1 - a)));
        };
        auto near = [](QColor a, QColor b) {
            return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                       std::abs(a.blue() - b.blue()) <
                   30;
        };
        const QColor france = pixel(-0.3, 47.2), hungary = pixel(20.2, 46.3), spain = pixel(-3.2, 39.6),
                     finland = pixel(26.5, 62.6);
        QVERIFY2(near(france, expected(QStringLiteral("ATL"))), qPrintable(france.name()));
        QVERIFY2(near(hungary, expected(QStringLiteral("PAN"))), qPrintable(hungary.name()));
        QVERIFY2(near(spain, expected(QStringLiteral("MED"))), qPrintable(spain.name()));
        QVERIFY2(!panel.choropleth()->colorOf(QStringLiteral("BOR")).isValid(), "BOR has no score");
        QVERIFY2(near(finland, land), qPrintable(finland.name()));
        // The legend panel, wherever it hides the least.
        const QColor legend = image.pixelColor(renderer->legend()->panelRect().bottomLeft().toPoint() +
                                               QPoint(4, -4));
        QVERIFY2(legend.red() > 240 && legend.green() > 240 && legend.blue() > 240,
                 qPrintable(legend.name()));
        panel.setRegionScoresVisible(false);
        QVERIFY(!panel.choropleth()->isVisible());
    }

    void guiThreadStaysFreeWhile300kPointsArePredictedAndDrawn() {
        // 300,000 points: the real table's rows repeated with a jitter of up to 2 km.
        std::vector<std::int64_t> rows(300000);
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = std::int64_t(i % m_dataset->size());
        auto big = std::make_shared<Dataset>(m_dataset->subset(rows));
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> jitter(-0.02, 0.02);
        for (std::size_t i = m_dataset->size(); i < big->size(); ++i) {
            big->lon[i] += jitter(rng);
            big->lat[i] += jitter(rng);
        }
        DatasetPtr dataset = big;
        RunResult run = m_extrap;
        run.test.rows.clear();  // its split is not this dataset's: parts fall back, nothing else changes
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        test::GapProbe probe;
        test::TimedApplication* app = test::TimedApplication::instance();
        probe.start();
        app->startRecording();
        panel.showRun(dataset, run, QStringLiteral("300,000 points"));
        QVERIFY(test::waitIdle(panel, 300000));
        // Redraws: zoom and pan steps, each answered from the cache or by a background render.
        MapView* view = panel.mapView();
        for (int step = 0; step < 12; ++step) {
            if (step % 3 == 0) view->zoomIn();
            if (step % 3 == 1) view->zoomOut();
            if (step % 3 == 2)
                panel.setMode(step % 2 ? PointColorMode::Confidence : PointColorMode::Correctness);
            QTest::qWait(150);
            // On a loaded machine a 150 ms step can pass before the last render lands and renders coalesce;
            // waiting for each step keeps the count of renders a property of the map, not of the load.
            QVERIFY(test::waitIdle(panel));
        }
        QVERIFY(test::waitIdle(panel));
        probe.stop();
        app->stopRecording();
        QCOMPARE(panel.data()->predicted, std::int64_t(300000));
        QVERIFY(view->renderer()->pointLayer()->renderCount() > 3);
        qInfo("predicted 300,000 points in %.2f s in the background; %d point renders",
              panel.data()->predictSeconds, view->renderer()->pointLayer()->renderCount());
        const auto [handler, stretch] = worstGuiStretch(probe);
        qInfo(
            "300k: worst GUI-thread handler %.1f ms CPU; worst stretch between two ticks %.1f ms CPU; %zu "
            "ticks",
            handler, stretch, probe.samples());
        QVERIFY(probe.samples() > 100);
        QVERIFY2(handler < 50.0, qPrintable(QStringLiteral("a GUI-thread handler took %1 ms").arg(handler)));
        QVERIFY2(stretch < 50.0, qPrintable(QStringLiteral("the GUI thread was busy %1 ms").arg(stretch)));
    }

    void liveSnapshotsRefreshThePredictionMap() {
        TrainingController controller;
        controller.setSnapshotInterval(400);
        MapPanel panel;
        panel.resize(1600, 1000);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.showDataset(m_dataset, QStringLiteral("real table"));
        QVERIFY(test::waitIdle(panel));
        QSignalSpy snapshots(&controller, &TrainingController::modelSnapshot);
        QSignalSpy finished(&controller, &TrainingController::runFinished);
        connect(&controller, &TrainingController::modelSnapshot, &panel,
                [&panel](std::shared_ptr<const Model> model, int) { panel.showLiveModel(std::move(model)); });
        TrainingRequest request;
        request.dataset = m_dataset;
        request.modelName = "mlp";
        request.settings = test::shortSettings(6);
        test::GapProbe probe;
        test::TimedApplication* app = test::TimedApplication::instance();
        probe.start();
        app->startRecording();
        QVERIFY(controller.start(request));
        QVERIFY(test::waitForCount(finished, 1, 300000));
        QVERIFY(test::waitIdle(panel));
        probe.stop();
        app->stopRecording();
        qInfo("%lld snapshots emitted, %d predicted on the map, %d dropped while one was predicted",
              qlonglong(snapshots.count()), panel.livePredictions(), panel.liveDropped());
        QVERIFY(snapshots.count() >= 2);
        QVERIFY(snapshots.count() <= 6);  // throttled: never more than one per epoch
        QVERIFY(panel.livePredictions() >= 2);
        QVERIFY(panel.data()->live);
        QCOMPARE(panel.data()->predicted, std::int64_t(m_dataset->size()));
        QCOMPARE(int(panel.mode()), int(PointColorMode::PredictedClass));
        const auto [handler, stretch] = worstGuiStretch(probe);
        qInfo("live: worst GUI-thread handler %.1f ms CPU; worst stretch between two ticks %.1f ms CPU",
              handler, stretch);
        QVERIFY2(handler < 50.0, qPrintable(QStringLiteral("a GUI-thread handler took %1 ms").arg(handler)));
        QVERIFY2(stretch < 50.0, qPrintable(QStringLiteral("the GUI thread was busy %1 ms").arg(stretch)));
        // Without the setter nothing is copied or sent.
        TrainingController quiet;
        QCOMPARE(quiet.snapshotInterval(), 0);
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapPanel)
#include "test_map_panel.moc"
