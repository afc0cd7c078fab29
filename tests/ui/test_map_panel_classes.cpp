// Many classes on the map: 25 crop types (the real table's cropland points by LUCAS crop code) whose legend
// shows a window of rows and scrolls instead of covering Europe; the class filter (only the chosen classes'
// points drawn, by true or predicted class); score labels that hide no drawn point; the map frame. With
// BRIDGELC_SCREENSHOT_DIR set it writes the pictures of the guide: 8 predicted classes and 25 crop types at
// 1600x1000 and 1366x768.
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <QWheelEvent>
#include <set>

#include "core/io/run_store.h"
#include "tests/ui/map_panel_fixture.h"
#include "tests/ui/screenshot_output.h"
#include "ui/jobs/metatypes.h"
#include "ui/map/choropleth_legend_layer.h"
#include "ui/map/frame_layer.h"
#include "ui/map/legend_layer.h"

namespace bridgelc {

class TestMapPanelClasses : public QObject {
    Q_OBJECT
    DatasetPtr m_table, m_crops, m_sample;  ///< the real table, its crop types, its 4,000-point sample
    RunResult m_extrap, m_loro;
    QTemporaryDir m_runs;
    test::ScreenshotOutput m_shots;

    static const LegendSection* pointsSection(const std::vector<LegendSection>& sections,
                                              const QString& title) {
        for (const LegendSection& s : sections)
            if (s.title == title) return &s;
        return nullptr;
    }

    /// Shown points of `points` whose class (true or predicted) is outside `allowed`.
    static int shownOutside(const MapPoints& points, const std::vector<int>& classes,
                            const std::set<int>& allowed, int* shown) {
        int outside = 0;
        *shown = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!points.isShown(i)) continue;
            ++*shown;
            outside += allowed.count(classes[i]) == 0;
        }
        return outside;
    }

private Q_SLOTS:
    void initTestCase() {
        registerMetaTypes();
        m_table = test::loadRealTable();
        m_crops = std::make_shared<const Dataset>(cropTypeSubset(*m_table));
        qInfo("crop types of the real table: %zu classes, %zu points", m_crops->classNames.size(),
              m_crops->size());
        QVERIFY(m_crops->classNames.size() >= 20);
        // Runs on the 4,000-point sample: real predictions, errors and areas of applicability in seconds.
        LoadResult sample = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv");
        QVERIFY(sample.dataset);
        m_sample = std::make_shared<const Dataset>(std::move(*sample.dataset));
        m_extrap = test::shortRun(*m_sample, Scenario::Extrap, {}, "mlp", 2);
        m_loro = test::shortRun(*m_sample, Scenario::Loro, "ALP", "mlp", 1);
        RunStore(m_runs.path().toStdString()).save(m_loro, *m_sample);
    }

    void sizes_data() {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1600x1000") << QSize(1600, 1000);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }

    void cropTypesLegendScrollsInsteadOfCoveringEurope_data() { sizes_data(); }
    void cropTypesLegendScrollsInsteadOfCoveringEurope() {
        QFETCH(QSize, size);
        auto panel = test::shownMapPanel(size);
        const QString whose = QStringLiteral("Crop types (LUCAS level 2) · lucas2018_elc10_s1s2.csv");
        panel->showDataset(m_crops, whose);
        test::settleMap(*panel);
        const QImage image = panel->grab().toImage();
        MapView* view = panel->mapView();
        LegendLayer* legend = view->renderer()->legend();
        const auto points = view->renderer()->points();
        QVERIFY(points);
        const LegendSection* section = pointsSection(legend->sections(), points->title);
        QVERIFY(section);
        QCOMPARE(int(section->entries.size()), int(m_crops->classNames.size()));
        QVERIFY(section->isScrolled());
        QVERIFY(section->visibleEntries <= LegendLayer::kPageRows);
        // The panel stays small beside Europe and hides almost no point.
        const Viewport viewport = view->viewport();
        const QRectF box = legend->panelRect();
        const std::int64_t onScreen =
            LegendLayer::pointsUnder(*points, viewport, QRectF(QPointF(0, 0), viewport.size()));
        const std::int64_t under = LegendLayer::pointsUnder(*points, viewport, box);
        qInfo("%dx%d: legend %.0fx%.0f px with %d of %d classes at a time, covers %lld of %lld points",
              size.width(), size.height(), box.width(), box.height(), section->visibleEntries,
              int(section->entries.size()), qlonglong(under), qlonglong(onScreen));
        QVERIFY(box.height() <= 0.6 * viewport.size().height());
        QVERIFY(under * 100 <= onScreen);
        QVERIFY(m_shots.save(
            image, QStringLiteral("map-crop-types-%1x%2.png").arg(size.width()).arg(size.height())));

        // The wheel over the list scrolls it and leaves the map where it was; the arrows page.
        const QPointF inside = box.center();
        const Viewport before = view->viewport();
        QWheelEvent down(inside, view->mapToGlobal(inside), QPoint(), QPoint(0, -120), Qt::NoButton,
                         Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view, &down);
        QCOMPARE(legend->firstEntryOf(points->title), 2);
        QCOMPARE(view->viewport().metresPerPixel(), before.metresPerPixel());
        view->grab();
        const std::vector<LegendSection> scrolled = legend->sections();
        QCOMPARE(pointsSection(scrolled, points->title)->firstEntry, 2);
        QVERIFY(legend->scrollAt(inside, 100));  // to the end, never past it
        view->grab();
        const LegendSection* end = pointsSection(legend->sections(), points->title);
        QCOMPARE(end->firstEntry + end->visibleEntries, int(end->entries.size()));
        QVERIFY(legend->scrollAt(inside, -100));
        QCOMPARE(legend->firstEntryOf(points->title), 0);
        // Off the legend the wheel still zooms.
        const QPointF europe(viewport.size().width() * 0.45, viewport.size().height() * 0.5);
        QVERIFY(!box.contains(europe));
        QWheelEvent zoom(europe, view->mapToGlobal(europe), QPoint(), QPoint(0, 120), Qt::NoButton,
                         Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view, &zoom);
        QVERIFY(view->viewport().metresPerPixel() < before.metresPerPixel());
    }

    void classFilterShowsOnlyTheChosenClasses() {
        auto panel = test::shownMapPanel(QSize(1366, 768));
        panel->showDataset(m_table, QStringLiteral("lucas2018_elc10_s1s2.csv"));
        test::settleMap(*panel);
        auto* list = panel->findChild<QListWidget*>();
        QVERIFY(list);
        QCOMPARE(list->count(), int(m_table->classNames.size()));
        QCOMPARE(int(list->findItems(QStringLiteral("Cropland"), Qt::MatchExactly).size()), 1);
        int everyPoint = 0;
        shownOutside(*panel->mapView()->renderer()->points(), m_table->label, {0, 1, 2, 3, 4, 5, 6, 7},
                     &everyPoint);
        QStringList hidden;
        std::set<int> allowed;
        for (int c = 0; c < int(m_table->classNames.size()); ++c) {
            const QString name = QString::fromStdString(m_table->classNames[std::size_t(c)]);
            if (name == QLatin1String("Cropland") || name == QLatin1String("Woodland"))
                allowed.insert(c);
            else
                hidden << name;
        }
        panel->setHiddenClasses(hidden);
        QVERIFY(test::waitIdle(*panel));
        auto points = panel->mapView()->renderer()->points();
        int shown = 0;
        QCOMPARE(shownOutside(*points, points->trueClass, allowed, &shown), 0);
        int expected = 0;
        for (std::size_t i = 0; i < m_table->size(); ++i)
            expected += allowed.count(m_table->label[i]) && points->projected.valid(i) ? 1 : 0;
        QCOMPARE(shown, expected);
        LegendLayer* legend = panel->mapView()->renderer()->legend();
        QCOMPARE(int(legend->entries().size()), 2);
        QVERIFY(legend->sections().front().notes.join(' ').contains(QStringLiteral("2 of 8 classes")));
        for (int i = 0; i < list->count(); ++i)
            QCOMPARE(list->item(i)->checkState() == Qt::Checked, !hidden.contains(list->item(i)->text()));
        // Unticking a row hides its class too; "All" shows everything again.
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text() == QLatin1String("Woodland"))
                list->item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(panel->hiddenClasses().contains(QStringLiteral("Woodland")));
        QVERIFY(test::waitIdle(*panel));
        QCOMPARE(int(panel->mapView()->renderer()->legend()->entries().size()), 1);
        for (QPushButton* button : panel->findChildren<QPushButton*>())
            if (button->text() == QLatin1String("All")) button->click();
        QVERIFY(panel->hiddenClasses().isEmpty());
        QVERIFY(test::waitIdle(*panel));
        points = panel->mapView()->renderer()->points();
        QCOMPARE(shownOutside(*points, points->trueClass, {0, 1, 2, 3, 4, 5, 6, 7}, &shown), 0);
        QCOMPARE(shown, everyPoint);
    }

    void classFilterFollowsThePredictedClassWhenColouredByIt() {
        auto panel = test::shownMapPanel(QSize(1366, 768));
        panel->showRun(m_sample, m_extrap,
                       QStringLiteral("MLP · EXTRAP · seed 7 · lucas2018_elc10_s1s2_sample4k.csv"));
        QVERIFY(test::waitIdle(*panel));
        panel->setMode(PointColorMode::PredictedClass);
        QStringList hidden;
        for (const std::string& name : m_sample->classNames)
            if (name != "Cropland") hidden << QString::fromStdString(name);
        const int crop = int(std::find(m_sample->classNames.begin(), m_sample->classNames.end(), "Cropland") -
                             m_sample->classNames.begin());
        panel->setHiddenClasses(hidden);
        QVERIFY(test::waitIdle(*panel));
        int byPrediction = 0, byTruth = 0;
        auto points = panel->mapView()->renderer()->points();
        QCOMPARE(shownOutside(*points, points->predictedClass, {crop}, &byPrediction), 0);
        panel->setMode(PointColorMode::TrueClass);
        QVERIFY(test::waitIdle(*panel));
        points = panel->mapView()->renderer()->points();
        QCOMPARE(shownOutside(*points, points->trueClass, {crop}, &byTruth), 0);
        qInfo("test points shown as Cropland: %d predicted, %d true", byPrediction, byTruth);
        QVERIFY(byPrediction > 0 && byTruth > 0 && byPrediction != byTruth);
    }

    void scoreLabelsHideNoDrawnPoint_data() { sizes_data(); }
    void scoreLabelsHideNoDrawnPoint() {
        QFETCH(QSize, size);
        auto panel = test::shownMapPanel(size);
        panel->showRun(
            m_sample, m_loro,
            QStringLiteral("MLP · LORO (Alpine held out) · seed 7 · lucas2018_elc10_s1s2_sample4k.csv"));
        QVERIFY(test::waitIdle(*panel));
        panel->showRegionScores(m_runs.path());
        QVERIFY(test::waitIdle(*panel));
        panel->setRegionScoresVisible(true);
        test::settleMap(*panel);
        panel->grab();
        MapView* view = panel->mapView();
        const auto points = view->renderer()->points();
        std::vector<QRectF> labels;
        for (MapLayer* layer : view->renderer()->layers())
            if (auto* scores = qobject_cast<ChoroplethLegendLayer*>(layer)) labels = scores->placedLabels();
        QCOMPARE(int(labels.size()), 1);  // ALP, the held-out region of the saved run
        for (const QRectF& label : labels) {
            const std::int64_t under =
                LegendLayer::pointsUnder(*points, view->viewport(), label.adjusted(-3, -3, 3, 3));
            qInfo("score label at (%.0f,%.0f) %.0fx%.0f covers %lld drawn points", label.left(), label.top(),
                  label.width(), label.height(), qlonglong(under));
            QCOMPARE(under, std::int64_t(0));
            QVERIFY(!label.intersects(view->renderer()->legend()->panelRect()));
        }
    }

    void dissimilarityModeMarksPointsOutsideTheAreaOfApplicability() {
        QVERIFY2(m_extrap.aoa, m_extrap.aoaMessage.c_str());
        auto panel = test::shownMapPanel(QSize(1600, 1000));
        panel->showRun(m_sample, m_extrap,
                       QStringLiteral("MLP · EXTRAP · seed 7 · lucas2018_elc10_s1s2_sample4k.csv"));
        QVERIFY(test::waitIdle(*panel));
        panel->setMode(PointColorMode::Dissimilarity);
        test::settleMap(*panel);
        MapRenderer* renderer = panel->mapView()->renderer();
        const auto points = renderer->points();
        QCOMPARE(points->di.size(), points->size());
        QCOMPARE(points->diThreshold, m_extrap.aoa->threshold());
        // The map's DI of the run's test points is the run's own.
        for (std::size_t i = 0; i < m_extrap.test.rows.size(); i += 97)
            QVERIFY(std::abs(points->di[std::size_t(m_extrap.test.rows[i])] - m_extrap.testDi[i]) <=
                    1e-4 * std::max(1.0, m_extrap.testDi[i]));
        std::int64_t outside = 0, inside = 0;
        for (std::size_t i = 0; i < points->size(); ++i)
            if (points->isShown(i)) ++(points->di[i] > points->diThreshold ? outside : inside);
        const auto& entries = renderer->legend()->entries();
        QCOMPARE(int(entries.size()), 4);
        QCOMPARE(entries[2].count, inside);
        QCOMPARE(entries[3].count, outside);
        QVERIFY(entries[3].label.contains(QStringLiteral("outside")));
        qInfo("test points inside the area of applicability: %lld, outside: %lld (threshold %.3f)",
              qlonglong(inside), qlonglong(outside), points->diThreshold);
        const auto colours = renderer->pointLayer()->colors();
        QVERIFY(colours);
        for (std::size_t i = 0; i < points->size(); ++i)
            if (points->isShown(i) && points->di[i] > points->diThreshold) {
                QCOMPARE(QColor((*colours)[i]), entries[3].color);
                break;
            }
        QVERIFY(m_shots.save(panel->grab().toImage(), QStringLiteral("map-dissimilarity-1600x1000.png")));
    }

    void framePapersOverTheExtractCut() {
        auto panel = test::shownMapPanel(QSize(1600, 1000));
        panel->showRun(m_sample, m_extrap,
                       QStringLiteral("MLP · EXTRAP · seed 7 · lucas2018_elc10_s1s2_sample4k.csv"));
        panel->setMode(PointColorMode::PredictedClass);
        test::settleMap(*panel);
        MapView* view = panel->mapView();
        const QImage image = view->grab().toImage();
        const Viewport viewport = view->viewport();
        auto pixel = [&](double lon, double lat) {
            const QPointF s = viewport.geoToScreen(QGeoCoordinate(lat, lon));
            if (!image.rect().contains(s.toPoint())) qFatal("%.1f, %.1f is off the map", lon, lat);
            return QColor(image.pixel(int(s.x()), int(s.y())));
        };
        // Russia beyond 45E is paper, not land cut at a meridian; the Baltic inside the frame is sea.
        QCOMPARE(pixel(48, 58), QColor(FrameLayer::kPaperColour));
        QVERIFY(pixel(19.5, 57.5) != QColor(FrameLayer::kPaperColour));
        // The neatline: a dark line along 45E.
        int dark = 0;
        const QPointF on = viewport.geoToScreen(QGeoCoordinate(56, 45));
        for (int dx = -2; dx <= 2; ++dx)
            dark += QColor(image.pixel(int(on.x()) + dx, int(on.y()))).lightness() < 120;
        QVERIFY(dark > 0);
        QVERIFY(m_shots.save(panel->grab().toImage(), QStringLiteral("map-predictions-1600x1000.png")));
        panel->resize(1366, 768);
        test::settleMap(*panel);
        QVERIFY(m_shots.save(panel->grab().toImage(), QStringLiteral("map-predictions-1366x768.png")));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestMapPanelClasses)
#include "test_map_panel_classes.moc"
