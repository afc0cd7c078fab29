// Many classes on the map: 25 crop types (the real table's cropland points by LUCAS crop code) whose legend
// shows a window of rows and scrolls instead of covering Europe; the class filter (only the chosen classes'
// points drawn, by true or predicted class); score labels that hide no drawn point; the map frame. With
// BRIDGELC_SCREENSHOT_DIR set it writes the pictures of the guide: 8 predicted classes and 25 crop types at
// 1600x1000 and 1366x768, and the area of applicability of LORO with the Mediterranean held out: coloured by
// DI, and with the points outside it hollow.
#include <QCheckBox>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
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
#include "ui/map/point_raster.h"

namespace bridgelc {

class TestMapPanelClasses : public QObject {
    Q_OBJECT
    DatasetPtr m_table, m_crops, m_sample;  ///< the real table, its crop types, its 4,000-point sample
    RunResult m_extrap, m_loro, m_loroMed;
    QTemporaryDir m_runs;
    test::ScreenshotOutput m_shots;

    std::unique_ptr<MapPanel> panelOf(QSize size) {
        auto panel = std::make_unique<MapPanel>();
        panel->resize(size);
        panel->show();
        return panel;
    }

    static const LegendSection* pointsSection(const std::vector<LegendSection>& sections,
                                              const QString& title) {
        for (const LegendSection& s : sections)
            if (s.title == title) return &s;
        return nullptr;
    }

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
        m_loroMed = test::shortRun(*m_sample, Scenario::Loro, "MED", "mlp", 1);
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
        auto panel = panelOf(size);
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
        auto panel = panelOf(QSize(1366, 768));
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
        auto panel = panelOf(QSize(1366, 768));
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
        auto panel = panelOf(size);
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
        auto panel = panelOf(QSize(1600, 1000));
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

        auto panel = panelOf(QSize(1600, 1000));
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
        auto panel = panelOf(QSize(1366, 768));
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

    void framePapersOverTheExtractCut() {
        auto panel = panelOf(QSize(1600, 1000));
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
