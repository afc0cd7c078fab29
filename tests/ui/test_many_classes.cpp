// 25 crop types (the real table's cropland, classes named by the LUCAS legend) in the Confusion and Metrics
// tabs: no two axis labels overlap, shortened labels carry the full name in their tooltip, sorting reorders
// rows and columns, the row and column shares sum to one, clicking a cell still hands its points on, a class
// without test points shows "–", and every view that draws class colours follows the palette switch.
// Pictures of both tabs in the 1600x1000 window are written only when BRIDGELC_SCREENSHOT_DIR is set.
#include <QDockWidget>
#include <QHeaderView>
#include <QHelpEvent>
#include <QPainterPath>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolTip>
#include <cmath>
#include <numeric>
#include <set>

#include "core/data/lucas_legend.h"
#include "core/eval/metrics.h"
#include "tests/ui/crop_type_run.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/trained_runs.h"
#include "ui/common/class_colors.h"
#include "ui/views/confusion_view.h"
#include "ui/views/embedding_scatter.h"
#include "ui/views/embeddings_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/result_banner.h"
#include "ui/window/main_window.h"

using namespace bridgelc;

namespace {

double polygonArea(const QPolygonF& polygon) {
    double twice = 0;
    for (int i = 0; i < polygon.size(); ++i) {
        const QPointF a = polygon[i], b = polygon[(i + 1) % polygon.size()];
        twice += a.x() * b.y() - b.x() * a.y();
    }
    return std::abs(twice) / 2;
}

// Area two painted shapes share (touching edges share none).
double overlap(const QPolygonF& a, const QPolygonF& b) {
    QPainterPath pa, pb;
    pa.addPolygon(a);
    pa.closeSubpath();
    pb.addPolygon(b);
    pb.closeSubpath();
    double area = 0;
    for (const QPolygonF& part : pa.intersected(pb).toFillPolygons())
        area += polygonArea(part);
    return area;
}

QString overlappingLabels(const HeatmapWidget& heatmap) {
    const int n = heatmap.classes();
    for (int i = 0; i < n; ++i) {
        for (int j = i + 1; j < n; ++j) {
            if (overlap(QPolygonF(heatmap.rowLabelRect(i)), QPolygonF(heatmap.rowLabelRect(j))) > 0.5)
                return QStringLiteral("rows %1 / %2").arg(heatmap.names()[i], heatmap.names()[j]);
            if (overlap(heatmap.columnLabelPolygon(i), heatmap.columnLabelPolygon(j)) > 0.5)
                return QStringLiteral("columns %1 / %2").arg(heatmap.names()[i], heatmap.names()[j]);
        }
    }
    return {};
}

QTableWidget* classTable(MetricsView& view) {
    for (auto* table : view.findChildren<QTableWidget*>())
        if (table->horizontalHeaderItem(0)->text() == QStringLiteral("Class")) return table;
    return nullptr;
}

QColor swatchColour(const QTableWidgetItem* item) {
    return item->icon().pixmap(14, 14).toImage().pixelColor(7, 7);
}

// An 8-class run with the LUCAS level-1 names (whose colours differ between the two palettes).
RunResult levelOneRun() {
    RunResult run;
    run.modelName = "mlp";
    run.splitName = "EXTRAP";
    for (const std::string& name : lucasLevel1Classes())
        run.classNames.push_back(name);
    ConfusionMatrix confusion(8);
    for (int t = 0; t < 8; ++t)
        for (int p = 0; p < 8; ++p)
            confusion.add(t, p, t == p ? 40 + 3 * t : (t + p) % 3);
    run.testConfusion = confusion;
    run.testMetrics = computeMetrics(confusion);
    return run;
}

}  // namespace

class TestManyClasses : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        setCurrentClassPalette(ClassPalette::ColourSafe);
        const auto& crops = test::cropTypeRun();
        QCOMPARE(int(crops.dataset.classNames.size()), 25);
        QCOMPARE(QString::fromStdString(crops.dataset.classNames.front()),
                 QStringLiteral("B11 Common wheat"));
        QCOMPARE(int(crops.run.classNames.size()), 25);
        QVERIFY(crops.run.testConfusion.total() > 500);
    }

    void confusionLabelsNeverOverlap() {
        const auto& crops = test::cropTypeRun();
        // The Confusion tab of a 1600x1000 window, and a small window where the matrix must scroll.
        for (const QSize size : {QSize(1250, 820), QSize(700, 480)}) {
            ConfusionView view;
            view.resize(size);
            view.setResult(crops.run, crops.dataset);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            HeatmapWidget* heatmap = view.heatmapWidget();
            QCOMPARE(heatmap->classes(), 25);
            const QString clash = overlappingLabels(*heatmap);
            QVERIFY2(clash.isEmpty(), qPrintable(clash));
            // Every label lies inside the widget (nothing cut off at the top or left).
            for (int c = 0; c < 25; ++c) {
                QVERIFY(QRectF(heatmap->rect()).contains(heatmap->rowLabelRect(c)));
                QVERIFY(QRectF(heatmap->rect()).contains(heatmap->columnLabelPolygon(c).boundingRect()));
            }
            QVERIFY(heatmap->cellSize() >= heatmap->minimumCellSize());
            if (size.height() < 600) {
                // Too small for readable cells: the matrix keeps its size and the tab scrolls.
                QVERIFY(view.scrollArea()->verticalScrollBar()->maximum() > 0);
            }
        }
    }

    void labelsAreShortenedAndTooltipsCarryFullNames() {
        const auto& crops = test::cropTypeRun();
        ConfusionView view;
        view.resize(1250, 820);
        view.setResult(crops.run, crops.dataset);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        HeatmapWidget* heatmap = view.heatmapWidget();
        int shortened = 0;
        for (int c = 0; c < heatmap->classes(); ++c) {
            const QString full = heatmap->names()[c];
            const QString label = heatmap->axisLabel(c);
            if (label != full) {
                ++shortened;
                QVERIFY2(label.endsWith(QChar(0x2026)), qPrintable(label));
                QVERIFY(full.startsWith(label.chopped(1)));
            }
            QVERIFY(heatmap->labelTooltip(c).contains(full.toHtmlEscaped()));
            // Hovering the row label or the column label names the class in full.
            QCOMPARE(heatmap->labelAt(heatmap->rowLabelRect(c).center().toPoint()), c);
            QCOMPARE(heatmap->labelAt(heatmap->columnLabelPolygon(c).boundingRect().center().toPoint()), c);
        }
        // "B35 Other fibre and oleaginous crops" and "B53 Other leguminous and mixtures for fodder" are long.
        QVERIFY(shortened >= 2);

        const int longest =
            int(std::max_element(heatmap->names().begin(), heatmap->names().end(),
                                 [](const QString& a, const QString& b) { return a.size() < b.size(); }) -
                heatmap->names().begin());
        const QPoint at = heatmap->rowLabelRect(longest).center().toPoint();
        QHelpEvent help(QEvent::ToolTip, at, heatmap->mapToGlobal(at));
        QApplication::sendEvent(heatmap, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(heatmap->names()[longest]), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void sortingReordersRowsAndColumns() {
        const auto& crops = test::cropTypeRun();
        ConfusionView view;
        view.resize(1250, 820);
        view.setResult(crops.run, crops.dataset);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        HeatmapWidget* heatmap = view.heatmapWidget();
        QVector<int> legend(25);
        std::iota(legend.begin(), legend.end(), 0);
        QCOMPARE(heatmap->displayOrder(), legend);

        view.setSortKey(HeatmapWidget::SortKey::Support);
        const QVector<int> bySupport = heatmap->displayOrder();
        QVERIFY(bySupport != legend);
        for (int i = 1; i < 25; ++i)
            QVERIFY(heatmap->rowTotal(bySupport[i - 1]) >= heatmap->rowTotal(bySupport[i]));
        // The largest class now has the top row and the first column.
        const int first = bySupport[0];
        const QRect topLeft = heatmap->cellRect(first, first);
        for (int c = 0; c < 25; ++c) {
            QVERIFY(heatmap->cellRect(c, first).top() >= topLeft.top());
            QVERIFY(heatmap->cellRect(first, c).left() >= topLeft.left());
        }

        view.setSortKey(HeatmapWidget::SortKey::F1);
        const QVector<int> byF1 = heatmap->displayOrder();
        QVERIFY(byF1 != legend && byF1 != bySupport);
        for (int i = 1; i < 25; ++i)
            QVERIFY(heatmap->classF1(byF1[i - 1]) >= heatmap->classF1(byF1[i]));
        // F1 from the matrix is the F1 the Metrics tab reports.
        for (int c = 0; c < 25; ++c)
            if (crops.run.testMetrics.perClass[c].support > 0)
                QVERIFY(std::abs(heatmap->classF1(c) - crops.run.testMetrics.perClass[c].f1) < 1e-9);

        view.setSortKey(HeatmapWidget::SortKey::Name);
        const QVector<int> byName = heatmap->displayOrder();
        for (int i = 1; i < 25; ++i)
            QVERIFY(QString::localeAwareCompare(heatmap->names()[byName[i - 1]],
                                                heatmap->names()[byName[i]]) <= 0);

        // Clicking a cell of the sorted matrix still selects the points of that (true, predicted) pair.
        view.setSortKey(HeatmapWidget::SortKey::Support);
        int t = bySupport[1], p = bySupport[0];
        QSignalSpy spy(&view, &ConfusionView::cellSelected);
        QTest::mouseClick(heatmap, Qt::LeftButton, Qt::NoModifier, heatmap->cellRect(t, p).center());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().at(0).toInt(), t);
        QCOMPARE(spy.first().at(1).toInt(), p);
        const auto rows = spy.first().at(2).value<QVector<qint64>>();
        QCOMPARE(qint64(rows.size()), heatmap->count(t, p));
        QVERIFY(!rows.isEmpty());
        for (const qint64 row : rows)
            QCOMPARE(crops.dataset.label[row], t);
    }

    void sharesSumToOnePerRowAndColumn() {
        const auto& crops = test::cropTypeRun();
        ConfusionView view;
        view.resize(1250, 820);
        view.setResult(crops.run, crops.dataset);
        HeatmapWidget* heatmap = view.heatmapWidget();
        view.setNormalisation(HeatmapWidget::Normalisation::ByRow);
        for (int t = 0; t < 25; ++t) {
            if (heatmap->rowTotal(t) == 0) continue;
            double sum = 0;
            for (int p = 0; p < 25; ++p)
                sum += heatmap->cellValue(t, p);
            QVERIFY2(std::abs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum)));
        }
        // The diagonal of the row view is the recall, of the column view the precision.
        const auto& perClass = crops.run.testMetrics.perClass;
        QVERIFY(std::abs(heatmap->cellValue(0, 0) - perClass[0].recall) < 1e-9);
        view.setNormalisation(HeatmapWidget::Normalisation::ByColumn);
        int columns = 0;
        for (int p = 0; p < 25; ++p) {
            if (heatmap->columnTotal(p) == 0) {
                QCOMPARE(heatmap->cellText(0, p), QStringLiteral("–"));  // nothing predicted: no share
                continue;
            }
            ++columns;
            double sum = 0;
            for (int t = 0; t < 25; ++t)
                sum += heatmap->cellValue(t, p);
            QVERIFY2(std::abs(sum - 1.0) < 1e-9, qPrintable(QString::number(sum)));
        }
        QVERIFY(columns > 10);
        QVERIFY(std::abs(heatmap->cellValue(0, 0) - perClass[0].precision) < 1e-9);
        // Row and column shares differ off the diagonal: the two views are not the same numbers.
        view.setNormalisation(HeatmapWidget::Normalisation::Counts);
        QCOMPARE(heatmap->cellText(0, 0), QString::number(heatmap->count(0, 0)));
    }

    void zoomGrowsCellsAndScrolls() {
        const auto& crops = test::cropTypeRun();
        ConfusionView view;
        view.resize(1250, 820);
        view.setResult(crops.run, crops.dataset);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        HeatmapWidget* heatmap = view.heatmapWidget();
        const double fitted = heatmap->cellSize();
        QCOMPARE(view.scrollArea()->horizontalScrollBar()->maximum(), 0);
        heatmap->zoomIn();
        heatmap->zoomIn();
        QTRY_VERIFY(view.scrollArea()->horizontalScrollBar()->maximum() > 0);
        QVERIFY(heatmap->cellSize() > fitted * 1.4);
        QVERIFY(overlappingLabels(*heatmap).isEmpty());
        for (int i = 0; i < 10; ++i)
            heatmap->zoomOut();
        QCOMPARE(heatmap->cellSize(), heatmap->minimumCellSize());
        QVERIFY(overlappingLabels(*heatmap).isEmpty());
        heatmap->zoomToFit();
        QTRY_COMPARE(heatmap->cellSize(), fitted);
    }

    void metricsTableStaysReadable() {
        const auto& crops = test::cropTypeRun();
        MetricsView view;
        view.resize(1250, 820);
        view.setResult(crops.run);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTableWidget* table = classTable(view);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 25);
        // Every score column is on the page next to the names, however long a name.
        const int lastRight = table->columnViewportPosition(4) + table->columnWidth(4);
        QVERIFY2(lastRight <= table->viewport()->width(), qPrintable(QString::number(lastRight)));
        QVERIFY(table->columnWidth(0) <= table->horizontalHeader()->maximumSectionSize());
        for (int r = 0; r < 25; ++r) {
            const QTableWidgetItem* name = table->item(r, 0);
            QCOMPARE(name->toolTip(), name->text());
            QCOMPARE(name->text(), QString::fromStdString(crops.run.classNames[r]));
            if (r > 0)
                QVERIFY(
                    !table->visualItemRect(table->item(r - 1, 0)).intersects(table->visualItemRect(name)));
        }
        // Sorting by F1 reorders the rows (scores without a value last).
        table->sortItems(3, Qt::DescendingOrder);
        QStringList order;
        double previous = 2;
        for (int r = 0; r < 25; ++r) {
            order << table->item(r, 0)->text();
            const double f1 = table->item(r, 3)->data(Qt::UserRole + 1).toDouble();
            QVERIFY(f1 <= previous);
            previous = f1;
        }
        QVERIFY(order.first() != QString::fromStdString(crops.run.classNames.front()) ||
                order.last() != QString::fromStdString(crops.run.classNames.back()));
    }

    void classWithoutTestPointsShowsNoScore() {
        // The crop run with its smallest class's test points removed: that class has no recall or F1.
        RunResult run = test::cropTypeRun().run;
        const ConfusionMatrix& full = run.testConfusion;
        const std::size_t empty = full.classes() - 1;
        ConfusionMatrix reduced(full.classes());
        for (std::size_t t = 0; t < full.classes(); ++t)
            for (std::size_t p = 0; p < full.classes(); ++p)
                if (t != empty && full.at(t, p) > 0) reduced.add(int(t), int(p), full.at(t, p));
        run.testConfusion = reduced;
        run.testMetrics = computeMetrics(reduced);
        run.test = {};
        MetricsView metrics;
        metrics.setResult(run);
        QTableWidget* table = classTable(metrics);
        QVERIFY(table);
        QCOMPARE(table->item(int(empty), 2)->text(), QStringLiteral("–"));
        QCOMPARE(table->item(int(empty), 3)->text(), QStringLiteral("–"));
        QCOMPARE(table->item(int(empty), 4)->text(), QStringLiteral("0"));
        QVERIFY(table->item(int(empty), 0)->toolTip().contains(QStringLiteral("no test points")));

        ConfusionView confusion;
        confusion.resize(1250, 820);
        confusion.setResult(run, Dataset{});
        HeatmapWidget* heatmap = confusion.heatmapWidget();
        QCOMPARE(heatmap->classes(), 25);
        QCOMPARE(heatmap->classRecall(int(empty)), -1.0);
        QVERIFY(
            heatmap->labelTooltip(int(empty)).contains(QStringLiteral("Recall (producer's accuracy): –")));
        confusion.setNormalisation(HeatmapWidget::Normalisation::ByRow);
        QCOMPARE(heatmap->cellText(int(empty), 0), QStringLiteral("–"));
    }

    void paletteSwitchRecoloursEveryView() {
        setCurrentClassPalette(ClassPalette::ColourSafe);
        const RunResult run = levelOneRun();
        ConfusionView confusion;
        confusion.setResult(run, Dataset{});
        MetricsView metrics;
        metrics.setResult(run);
        // Embeddings: a small BRIDGE-LC run whose three classes carry level-1 names.
        const RunResult trained = test::smallRun("bridgelc", 2);
        QVERIFY(trained.model);
        auto named = std::make_shared<Dataset>(*test::smallDataset());
        named->classNames = {"Artificial land", "Cropland", "Woodland"};
        EmbeddingsView embeddings;
        QSignalSpy pca(&embeddings, &EmbeddingsView::pcaReady);
        embeddings.showRun(named, trained);
        QVERIFY(pca.wait(60000));

        auto colours = [&] {
            return QList<QColor>{confusion.heatmapWidget()->classColor(0),
                                 swatchColour(classTable(metrics)->item(0, 0)),
                                 embeddings.invariantPanel()->legend().front().second};
        };
        const QList<QColor> before = colours();
        const QColor safe = classColor(0, QStringLiteral("Artificial land"));
        for (const QColor& c : before)
            QCOMPARE(c.rgb(), safe.rgb());

        setCurrentClassPalette(ClassPalette::LandCover);
        const QColor familiar = classColor(0, QStringLiteral("Artificial land"));
        QVERIFY(familiar != safe);
        const QList<QColor> after = colours();
        QStringList views = {QStringLiteral("confusion"), QStringLiteral("metrics"),
                             QStringLiteral("embeddings")};
        for (int i = 0; i < after.size(); ++i)
            QVERIFY2(after[i].rgb() == familiar.rgb(), qPrintable(views[i]));
        setCurrentClassPalette(ClassPalette::ColourSafe);
        QCOMPARE(confusion.heatmapWidget()->classColor(0).rgb(), safe.rgb());
    }

    void screenshotsOfBothTabs() {
        // Both tabs in the application window at 1600x1000 (Dataset panel folded away, as a user does to give
        // a big matrix room), the crop run put straight into the two views; the checks run whether or not
        // PNGs are written.
        const auto& crops = test::cropTypeRun();
        MainWindow window;
        window.setProperty("confirmClose", false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (auto* dock = window.findChild<QDockWidget*>(QStringLiteral("datasetDock"))) dock->hide();
        ConfusionView* confusion = window.confusionView();
        MetricsView* metrics = window.metricsView();
        confusion->setResult(crops.run, crops.dataset);
        metrics->setResult(crops.run);
        const QString whose =
            QStringLiteral("MLP · EXTRAP · seed 7 — crop types (25 classes) of lucas2018_elc10_s1s2.csv");
        window.confusionBanner()->setResult(whose, {});
        window.metricsBanner()->setResult(whose, {});
        test::ScreenshotOutput output;
        window.showTab(MainWindow::Tab::Confusion);
        QTest::qWait(200);
        HeatmapWidget* heatmap = confusion->heatmapWidget();
        QVERIFY(overlappingLabels(*heatmap).isEmpty());
        // The whole 25-class matrix fits the tab without scrolling.
        QCOMPARE(confusion->scrollArea()->verticalScrollBar()->maximum(), 0);
        QCOMPARE(confusion->scrollArea()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(output.save(window.grab().toImage(), QStringLiteral("crop-types-confusion.png")));
        // Sorted by F1, as shares of the predicted class: the precision view.
        confusion->setSortKey(HeatmapWidget::SortKey::F1);
        confusion->setNormalisation(HeatmapWidget::Normalisation::ByColumn);
        QTest::qWait(50);
        QVERIFY(overlappingLabels(*heatmap).isEmpty());
        QVERIFY(output.save(window.grab().toImage(), QStringLiteral("crop-types-confusion-by-f1.png")));
        window.showTab(MainWindow::Tab::Metrics);
        QTest::qWait(200);
        // A never-predicted class has no precision.
        QTableWidget* table = classTable(*metrics);
        for (int r = 0; r < table->rowCount(); ++r) {
            const int c = table->item(r, 0)->data(Qt::UserRole + 2).toInt();
            if (crops.run.testConfusion.columnTotal(std::size_t(c)) == 0)
                QCOMPARE(table->item(r, 1)->text(), QStringLiteral("–"));
        }
        QVERIFY(output.save(window.grab().toImage(), QStringLiteral("crop-types-metrics.png")));
    }
};

BRIDGELC_UI_TEST_MAIN(TestManyClasses)
#include "test_many_classes.moc"
