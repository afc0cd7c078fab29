// Tests of the result views: confusion heatmap clicks and text, training curves, metrics report, exports.
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <random>

#include "core/eval/metrics.h"
#include "core/run/training_run.h"
#include "ui/common/class_colors.h"
#include "ui/views/confusion_view.h"
#include "ui/views/curves_view.h"
#include "ui/views/metrics_view.h"

using namespace bridgelc;

namespace {

// Three classes, twelve points; the test set is every row except 1, 4 and 10.
struct SmallRun {
    Dataset dataset;
    RunResult run;
};

SmallRun smallRun() {
    SmallRun s;
    s.dataset.classNames = {"Cropland", "Woodland", "Grassland"};
    s.dataset.label = {0, 1, 1, 1, 2, 1, 0, 1, 2, 2, 0, 1};
    s.dataset.lon.assign(12, 10.0);
    s.dataset.lat.assign(12, 50.0);
    s.run.modelName = "bridgelc";
    s.run.splitName = "random";
    s.run.classNames = s.dataset.classNames;
    s.run.test.rows = {0, 2, 3, 5, 6, 7, 8, 9, 11};
    s.run.test.predicted = {0, 2, 1, 2, 0, 1, 1, 2, 2};
    s.run.test.classes = 3;
    std::vector<int> truth;
    for (auto row : s.run.test.rows)
        truth.push_back(s.dataset.label[row]);
    s.run.testConfusion = ConfusionMatrix(truth, s.run.test.predicted, 3);
    s.run.testMetrics = computeMetrics(s.run.testConfusion);
    return s;
}

std::vector<EpochReport> epochs(int count, bool withTerms) {
    std::vector<EpochReport> history;
    double bestF1 = -1;
    for (int e = 1; e <= count; ++e) {
        EpochReport r;
        r.epoch = e;
        r.epochs = 40;
        r.landCoverLoss = 1.6 / (1 + 0.3 * e);
        r.regionLoss = withTerms ? 0.8 / (1 + 0.2 * e) : 0;
        r.contrastiveLoss = withTerms ? 3.0 / (1 + 0.1 * e) : 0;
        r.trainLoss = r.landCoverLoss + r.regionLoss + r.contrastiveLoss;
        r.validationLoss = 1.7 / (1 + 0.25 * e) + 0.004 * e * e;
        r.trainAccuracy = 0.5 + 0.4 * (1 - std::exp(-0.2 * e));
        r.validationAccuracy = 0.48 + 0.33 * (1 - std::exp(-0.25 * e)) - 0.0006 * e * e;
        r.validationWeightedF1 = r.validationAccuracy - 0.01;
        r.validationMacroF1 = r.validationAccuracy - 0.12;
        r.samplesPerSecond = 9000;
        r.improved = r.validationWeightedF1 > bestF1;
        bestF1 = std::max(bestF1, r.validationWeightedF1);
        history.push_back(r);
    }
    return history;
}

qint64 fileSize(const QString& path) {
    return QFileInfo(path).size();
}

}  // namespace

class TestViews : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classColorsFollowLandCoverConventions();
    void clickingACellEmitsItsRows();
    void keyboardMovesTheSelection();
    void percentagesShowRowShares();
    void confusionExports();
    void curvesGrowPerEpoch();
    void curvesHideAbsentTermsAndMarkBest();
    void curvesOverlaysAndLogScale();
    void curvesExport();
    void metricsTextHasPerClassScores();
    void emptyViewsStayQuiet();
};

void TestViews::classColorsFollowLandCoverConventions() {
    const QColor water = classColor(0, QStringLiteral("Water"));
    QVERIFY(water.blue() > water.red() && water.blue() > water.green());
    const QColor woodland = classColor(5, QStringLiteral("Woodland"));
    QVERIFY(woodland.green() > woodland.red() && woodland.green() > woodland.blue());
    const QColor artificial = classColor(3, QStringLiteral("Artificial land"));
    QVERIFY(artificial.red() > 2 * artificial.green());
    // Position does not matter for LUCAS names, and variants are recognised.
    QCOMPARE(classColor(7, QStringLiteral("Wetlands")), classColor(0, QStringLiteral("Wetland")));
    QCOMPARE(classColor(2, QStringLiteral("Cropland")), classColor(6, QStringLiteral("B")));
    // Other classes take distinct palette colours by index.
    QVERIFY(classColor(0, QStringLiteral("B11 Common wheat")) !=
            classColor(1, QStringLiteral("B12 Durum wheat")));
}

void TestViews::clickingACellEmitsItsRows() {
    SmallRun s = smallRun();
    ConfusionView view;
    view.resize(700, 520);
    view.setResult(s.run, s.dataset);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    // Expected rows of (true Woodland, predicted Grassland), found directly from the inputs.
    QVector<qint64> expected;
    for (std::size_t i = 0; i < s.run.test.rows.size(); ++i) {
        const auto row = s.run.test.rows[i];
        if (s.dataset.label[row] == 1 && s.run.test.predicted[i] == 2) expected << row;
    }
    QCOMPARE(expected, (QVector<qint64>{2, 5, 11}));

    QSignalSpy spy(&view, &ConfusionView::cellSelected);
    const QRect cell = view.cellRect(1, 2);
    QVERIFY(cell.width() >= 20 && cell.height() >= 20);
    QTest::mouseClick(view.heatmapWidget(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QCOMPARE(spy.count(), 1);
    const QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(0).toInt(), 1);
    QCOMPARE(args.at(1).toInt(), 2);
    QCOMPARE(args.at(2).value<QVector<qint64>>(), expected);
    QCOMPARE(view.cellText(1, 2), QString::number(expected.size()));

    // A click outside the matrix (top-left corner, where the axis title is) selects nothing.
    QTest::mouseClick(view.heatmapWidget(), Qt::LeftButton, Qt::NoModifier, QPoint(2, 2));
    QCOMPARE(spy.count(), 0);
}

void TestViews::keyboardMovesTheSelection() {
    SmallRun s = smallRun();
    ConfusionView view;
    view.resize(700, 520);
    view.setResult(s.run, s.dataset);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::mouseClick(view.heatmapWidget(), Qt::LeftButton, Qt::NoModifier, view.cellRect(1, 2).center());
    QSignalSpy spy(&view, &ConfusionView::cellSelected);
    QTest::keyClick(view.heatmapWidget(), Qt::Key_Left);
    QCOMPARE(spy.count(), 1);
    const QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(0).toInt(), 1);
    QCOMPARE(args.at(1).toInt(), 1);
    // Woodland predicted as Woodland: rows 3 and 7.
    QCOMPARE(args.at(2).value<QVector<qint64>>(), (QVector<qint64>{3, 7}));
}

void TestViews::percentagesShowRowShares() {
    SmallRun s = smallRun();
    ConfusionView view;
    view.setResult(s.run, s.dataset);
    QCOMPARE(view.cellText(1, 2), QStringLiteral("3"));
    view.setShowPercentages(true);
    QVERIFY(view.showPercentages());
    // Woodland has 5 test points (rows 2, 3, 5, 7, 11), 3 of them predicted Grassland.
    QCOMPARE(view.cellText(1, 2), QString::number(100.0 * 3 / 5, 'f', 1));
    QCOMPARE(view.cellText(0, 0), QString::number(100.0 * 2 / 2, 'f', 1));
    QCOMPARE(view.cellText(0, 1), QStringLiteral("0.0"));
    view.setShowPercentages(false);
    QCOMPARE(view.cellText(1, 2), QStringLiteral("3"));
}

void TestViews::confusionExports() {
    SmallRun s = smallRun();
    ConfusionView view;
    view.resize(640, 480);
    view.setResult(s.run, s.dataset);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csv = dir.filePath(QStringLiteral("confusion.csv"));
    QVERIFY(view.exportCsv(csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);  // header, three classes, totals
    QCOMPARE(lines[0], QStringLiteral("true \\ predicted,Cropland,Woodland,Grassland,Total"));
    // Woodland rows 2, 3, 5, 7, 11 are predicted Grassland, Woodland, Grassland, Woodland, Grassland.
    QCOMPARE(lines[2], QStringLiteral("Woodland,0,2,3,5"));
    QCOMPARE(lines[4].split(QLatin1Char(',')).last().toInt(), static_cast<int>(s.run.test.rows.size()));

    const QString png = dir.filePath(QStringLiteral("confusion.png"));
    const QString svg = dir.filePath(QStringLiteral("confusion.svg"));
    QVERIFY(view.exportImage(png));
    QVERIFY(view.exportImage(svg));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 300 && image.height() > 200);
    QVERIFY(fileSize(svg) > 1000);
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QVERIFY(svgFile.readAll().contains("Grassland"));
}

void TestViews::curvesGrowPerEpoch() {
    CurvesView view;
    view.resize(900, 700);
    view.show();
    for (const EpochReport& r : epochs(5, true))
        view.appendEpoch(r);
    QCOMPARE(view.pointCount(QStringLiteral("Train")), 5);
    QCOMPARE(view.pointCount(QStringLiteral("Validation")), 5);
    QCOMPARE(view.pointCount(QStringLiteral("Validation weighted F1")), 5);
    QCOMPARE(view.pointCount(QStringLiteral("Validation macro F1")), 5);
    view.setLossTerm(CurvesView::LossTerm::Contrastive);
    QCOMPARE(view.pointCount(QStringLiteral("Train")), 5);
    view.setLossTerm(CurvesView::LossTerm::LandCover);
    QCOMPARE(view.pointCount(QStringLiteral("No such series")), -1);
    // A new run starting at epoch 1 replaces the old curves.
    view.appendEpoch(epochs(1, true).front());
    QCOMPARE(view.pointCount(QStringLiteral("Validation")), 1);
    view.setHistory(epochs(12, true));
    QCOMPARE(view.pointCount(QStringLiteral("Train OA")), 12);
    view.clear();
    QCOMPARE(view.pointCount(QStringLiteral("Train OA")), 0);
}

void TestViews::curvesHideAbsentTermsAndMarkBest() {
    CurvesView view;
    const auto history = epochs(20, false);
    view.setHistory(history);
    const QStringList visible = view.visibleSeriesNames();
    QVERIFY(visible.contains(QStringLiteral("Validation")));
    // Without other terms the total is the land-cover loss: the only loss offered.
    QCOMPARE(view.lossTermsOffered(), QList<CurvesView::LossTerm>{CurvesView::LossTerm::LandCover});

    int best = 0;
    double bestF1 = -1;
    for (const auto& r : history) {
        if (r.validationWeightedF1 > bestF1) {
            bestF1 = r.validationWeightedF1;
            best = r.epoch;
        }
    }
    QVERIFY(best > 1 && best < 20);  // the synthetic curve peaks inside the run
    QCOMPARE(view.bestEpoch(), best);

    view.setHistory(epochs(20, true));
    QVERIFY(view.lossTermsOffered().contains(CurvesView::LossTerm::Region));
    QVERIFY(view.lossTermsOffered().contains(CurvesView::LossTerm::Total));
}

void TestViews::curvesOverlaysAndLogScale() {
    QTest::failOnWarning(QRegularExpression(QStringLiteral("Logarithms")));
    CurvesView view;
    view.setHistory(epochs(8, true));
    view.setOverlays(
        {{QStringLiteral("MLP seed 1"), epochs(15, false)}, {QStringLiteral("RF"), epochs(3, false)}});
    QCOMPARE(view.pointCount(QStringLiteral("MLP seed 1 · val. weighted F1")), 15);
    QCOMPARE(view.pointCount(QStringLiteral("RF · validation")), 3);
    view.setOverlays({});
    QCOMPARE(view.pointCount(QStringLiteral("RF · validation")), -1);

    // Overlays alone: the legend lists them, not the empty curves of a run that has not started.
    CurvesView overlaysOnly;
    overlaysOnly.setOverlays({{QStringLiteral("MLP seed 1"), epochs(15, false)}});
    const QStringList listed = overlaysOnly.visibleSeriesNames();
    QVERIFY(listed.contains(QStringLiteral("MLP seed 1 · val. weighted F1")));
    QVERIFY2(!listed.contains(QStringLiteral("Validation")), qPrintable(listed.join(", ")));
    QVERIFY(!listed.contains(QStringLiteral("Train OA")));
    view.setLogScale(true);
    QVERIFY(view.logScale());
    view.appendEpoch(epochs(9, true).back());
    QCOMPARE(view.pointCount(QStringLiteral("Validation")), 9);
    view.setLogScale(false);
    QCOMPARE(view.pointCount(QStringLiteral("Validation")), 9);
    // Absent terms are zeros; they must not upset the logarithmic axis.
    view.setHistory(epochs(6, false));
    view.setLogScale(true);
    view.setHistory(epochs(7, false));
    QVERIFY(!view.lossTermsOffered().contains(CurvesView::LossTerm::Region));
    QCOMPARE(view.pointCount(QStringLiteral("Validation")), 7);
    view.setLogScale(false);
}

void TestViews::curvesExport() {
    CurvesView view;
    view.resize(800, 600);
    view.setHistory(epochs(10, true));
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("curves.png"));
    const QString svg = dir.filePath(QStringLiteral("curves.svg"));
    QVERIFY(view.exportImage(png));
    QVERIFY(view.exportImage(svg));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 900);
    QVERIFY(fileSize(svg) > 2000);
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    QVERIFY(svgFile.readAll().contains("Land-cover loss (cross-entropy)"));
}

void TestViews::metricsTextHasPerClassScores() {
    SmallRun s = smallRun();
    s.run.testMetricsPerRegion.assign(11, Metrics{});
    s.run.testMetricsPerRegion[3].points = 6;  // Atlantic
    s.run.testMetricsPerRegion[3].overallAccuracy = 4.0 / 6.0;
    s.run.testMetricsPerRegion[8].points = 3;  // Mediterranean
    MetricsView view;
    view.setResult(s.run);
    const QString text = view.asText();
    // Per-class F1 from the confusion matrix itself: F1 = 2 tp / (2 tp + fp + fn).
    const ConfusionMatrix& c = s.run.testConfusion;
    for (std::size_t k = 0; k < 3; ++k) {
        const double tp = c.at(k, k);
        const double f1 = 2 * tp / (c.rowTotal(k) + c.columnTotal(k));
        const QString expected = QString::fromStdString(s.run.classNames[k]) + QLatin1Char('\t');
        const int line = text.indexOf(expected);
        QVERIFY2(line >= 0, qPrintable(text));
        const QString row = text.mid(line, text.indexOf(QLatin1Char('\n'), line) - line);
        QCOMPARE(row.split(QLatin1Char('\t')).at(3), QString::number(100 * f1, 'f', 1));
    }
    QVERIFY(text.contains(QStringLiteral("ATL Atlantic\t6\t66.7")));
    QVERIFY(text.contains(QStringLiteral("MED Mediterranean\t3")));
    QVERIFY(!text.contains(QStringLiteral("Alpine")));
    view.clear();
    QVERIFY(view.asText().isEmpty());
}

void TestViews::emptyViewsStayQuiet() {
    ConfusionView confusion;
    QTemporaryDir dir;
    QVERIFY(!confusion.exportCsv(dir.filePath(QStringLiteral("x.csv"))));
    QVERIFY(confusion.cellRect(0, 0).isEmpty());
    QCOMPARE(confusion.cellText(0, 0), QString());
    // Predictions pointing outside the dataset fall back to the stored matrix without rows.
    SmallRun s = smallRun();
    s.run.test.rows[0] = 999;
    confusion.setResult(s.run, s.dataset);
    QCOMPARE(confusion.cellText(1, 2), QStringLiteral("3"));
    QVERIFY(confusion.rowsOf(1, 2).isEmpty());
    CurvesView curves;
    QVERIFY(curves.exportImage(dir.filePath(QStringLiteral("empty.png"))));
}

QTEST_MAIN(TestViews)
#include "test_views.moc"
