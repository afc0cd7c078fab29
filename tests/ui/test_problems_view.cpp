// A raw LUCAS-shaped survey table in the main window: the problems view groups its problems by kind and
// column with rows and share, worst first, expandable to file:line:column, readable in full in tooltips and
// the detail pane; the dataset panel shows the warning about non-satellite features before any training;
// mostly-empty columns are features only after "Use mostly-empty columns as features" (remembered).
// With BRIDGELC_SCREENSHOT_DIR set, also saves problems-grouped.png there.
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QTextStream>
#include <QTreeWidget>

#include "tests/raw_lucas_table.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/views/dataset_panel.h"
#include "ui/views/problems_view.h"
#include "ui/window/main_window.h"

using namespace bridgelc;

namespace {

QString writeRawTable() {
    const QString path = test::testHome().path() + QStringLiteral("/lucas_survey_raw.csv");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write(QByteArray::fromStdString(test::rawLucasCsv()));
    return path;
}

bool waitLoaded(QSignalSpy& loaded, int count) {
    return test::waitForCount(loaded, count, 60000);
}

QStringList featureNames(const MainWindow& window) {
    QStringList names;
    for (const std::string& name : window.dataset()->featureNames)
        names << QString::fromStdString(name);
    return names;
}

int findRow(const QTreeWidget* tree, const QString& label) {
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(ProblemsView::ProblemColumn) == label) return i;
    return -1;
}

}  // namespace

class TestProblemsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rawSurveyTableIsGroupedAndWarnedAbout() {
        const QString path = writeRawTable();
        QVERIFY(!path.isEmpty());
        DatasetLoader::setKeepMostlyEmptyColumns(false);
        MainWindow window;
        window.setProperty("confirmClose", false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openFile(path));
        QVERIFY(waitLoaded(loaded, 1));

        // Mostly-empty columns are not features by default.
        QCOMPARE(featureNames(window),
                 QStringList({"P", "K", "pH_H2O", "Elevation", "blue_median", "nir_median", "ndvi_p50"}));

        // The warning is shown as soon as the dataset loads, in its own visible area.
        DatasetPanel* panel = window.datasetPanel();
        QVERIFY(panel->isWarningAreaVisible());
        QCOMPARE(
            panel->warnings(),
            QStringList{QStringLiteral(
                "4 of 7 feature columns look like soil chemistry or terrain, not Sentinel-1/2 inputs: 'P', "
                "'K', 'pH_H2O', 'Elevation'. They come from a survey table, not from the satellite; the "
                "models are built for band, index and backscatter statistics (e.g. blue_median, ndvi_p50, "
                "asc_vv_median). Exclude them, or use the table's satellite features.")});

        // Grouped by kind and column, worst first, with rows and share.
        auto* view = window.findChild<ProblemsView*>();
        QVERIFY(view);
        const QTreeWidget* tree = view->tree();
        QCOMPARE(tree->headerItem()->text(ProblemsView::ProblemColumn), QStringLiteral("Problem"));
        QCOMPARE(tree->headerItem()->text(ProblemsView::RowsColumn), QStringLiteral("Rows"));
        QCOMPARE(tree->headerItem()->text(ProblemsView::ShareColumn), QStringLiteral("Share"));
        QVERIFY2(tree->topLevelItemCount() >= 8 && tree->topLevelItemCount() <= 14,
                 qPrintable(QString::number(tree->topLevelItemCount())));
        const struct {
            const char* label;
            const char* rows;
            const char* share;
        } expected[] = {{"EC: mostly empty, not used", "199", "99.5 %"},
                        {"OC: mostly empty, not used", "194", "97.0 %"},
                        {"N: mostly empty, not used", "150", "75.0 %"},
                        {"P: missing values", "40", "20.0 %"}};
        for (int i = 0; i < 4; ++i) {
            const QTreeWidgetItem* item = tree->topLevelItem(i);
            QCOMPARE(item->text(ProblemsView::ProblemColumn), QString::fromLatin1(expected[i].label));
            QCOMPARE(item->text(ProblemsView::RowsColumn), QString::fromLatin1(expected[i].rows));
            QCOMPARE(item->text(ProblemsView::ShareColumn), QString::fromLatin1(expected[i].share));
        }
        const int pRow = findRow(tree, QStringLiteral("P: not numbers"));
        QVERIFY(pRow > 3);
        QCOMPARE(tree->topLevelItem(pRow)->text(ProblemsView::RowsColumn), QStringLiteral("40"));

        // Full text on hover and in the detail pane.
        QVERIFY(
            tree->topLevelItem(1)
                ->toolTip(ProblemsView::ProblemColumn)
                .contains(QStringLiteral("no number in 194 of 200 rows (97.0 %): 190 empty, 4 not numbers "
                                         "such as &#x27;&lt; LOD&#x27;")) ||
            tree->topLevelItem(1)
                ->toolTip(ProblemsView::ProblemColumn)
                .contains(QStringLiteral("no number in 194 of 200 rows (97.0 %): 190 empty, 4 not numbers "
                                         "such as '&lt; LOD'")));
        view->select(1);
        QVERIFY2(view->detailText().contains(QStringLiteral(
                     "Column 'OC': no number in 194 of 200 rows (97.0 %): 190 empty, 4 not numbers such as "
                     "'< LOD'")),
                 qPrintable(view->detailText()));
        QVERIFY(view->detailText().contains(QStringLiteral("not used as a feature (over 50 % missing)")));

        // Expandable to the located rows: file, line, column.
        view->select(pRow, 0);
        const QTreeWidgetItem* first = tree->topLevelItem(pRow)->child(0);
        QVERIFY(first);
        QCOMPARE(tree->topLevelItem(pRow)->childCount(), 40);
        QCOMPARE(first->text(ProblemsView::ProblemColumn),
                 QStringLiteral("line 2: non-numeric value '< LOD'"));
        QVERIFY(
            first->toolTip(ProblemsView::ProblemColumn).contains(QStringLiteral("lucas_survey_raw.csv:2:6")));
        QVERIFY2(view->detailText().contains(path + QStringLiteral(":2:6")), qPrintable(view->detailText()));
        QVERIFY(view->detailText().contains(QStringLiteral("column 'P'")));

        // Nothing is cut to nonsense: headers and the count columns fit their text in the dock.
        const QFontMetrics metrics(tree->font());
        const QHeaderView* header = tree->header();
        for (int c = 0; c < ProblemsView::ColumnCount; ++c)
            QVERIFY2(header->sectionSize(c) >= metrics.horizontalAdvance(tree->headerItem()->text(c)),
                     qPrintable(QStringLiteral("column %1 is %2 px").arg(c).arg(header->sectionSize(c))));
        QVERIFY(header->sectionSize(ProblemsView::ShareColumn) >=
                metrics.horizontalAdvance(QStringLiteral("99.5 %")));
        // Every group's label fits beside the branch indicator and the icon in the dock's default width.
        const int reserved =
            tree->indentation() + tree->iconSize().width() + 20;  // plus icon and text margins
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            const QString label = tree->topLevelItem(i)->text(ProblemsView::ProblemColumn);
            QVERIFY2(header->sectionSize(ProblemsView::ProblemColumn) >=
                         reserved + metrics.horizontalAdvance(label),
                     qPrintable(QStringLiteral("'%1' needs %2 px, has %3")
                                    .arg(label)
                                    .arg(reserved + metrics.horizontalAdvance(label))
                                    .arg(header->sectionSize(ProblemsView::ProblemColumn))));
        }

        const QString shots = qEnvironmentVariable("BRIDGELC_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            auto* nonConstTree = const_cast<QTreeWidget*>(tree);
            nonConstTree->topLevelItem(pRow)->setExpanded(true);
            view->select(1);
            QTest::qWait(200);
            QVERIFY(QDir().mkpath(shots));
            QVERIFY(window.grab().save(shots + QStringLiteral("/problems-grouped.png")));
        }

        // The user insists: the checkbox reloads with the columns kept, and the choice is remembered.
        panel->keepMostlyEmptyBox()->setChecked(true);
        QVERIFY(waitLoaded(loaded, 2));
        QVERIFY(DatasetLoader::keepMostlyEmptyColumns());
        QVERIFY(featureNames(window).contains(QStringLiteral("OC")));
        QVERIFY(featureNames(window).contains(QStringLiteral("EC")));
        QVERIFY(panel->warnings().contains(
            QStringLiteral("Feature 'OC' is missing in 194 of 200 points (97.0 %): it is imputed with the "
                           "training mean, so it "
                           "is nearly constant and tells the model almost nothing.")));
        QCOMPARE(view->tree()->topLevelItem(0)->text(ProblemsView::ProblemColumn),
                 QStringLiteral("EC: mostly empty, kept"));

        panel->keepMostlyEmptyBox()->setChecked(false);
        QVERIFY(waitLoaded(loaded, 3));
        QVERIFY(!featureNames(window).contains(QStringLiteral("OC")));
        QVERIFY(!DatasetLoader::keepMostlyEmptyColumns());
    }

    void aReportOfAHundredThousandProblemsShowsQuickly() {
        // The size of the raw survey table of the report (83,638 problems): 13 columns x 8,000 cells.
        ValidationReport report;
        for (int row = 0; row < 8000; ++row)
            for (int column = 5; column < 18; ++column)
                report.add(
                    row % 3 ? "empty-cell" : "non-numeric",
                    Problem{Severity::Warning, "raw.csv", row + 2, column, "c" + std::to_string(column),
                            row % 3 ? "empty cell" : "non-numeric value '< LOD'", "imputed"});
        report.setRowCount(18984);
        ProblemsView view;
        view.resize(400, 600);
        view.show();
        QElapsedTimer timer;
        timer.start();
        view.setReport(report);
        const qint64 shown = timer.elapsed();
        timer.restart();
        view.select(0, 0);
        const qint64 expanded = timer.elapsed();
        // Reported, not asserted (no wall-clock assertions): the GUI thread does this once per load.
        qInfo(
            "[ figures  ] problems view: %zu problems in %d groups shown in %lld ms, first group expanded in "
            "%lld ms",
            std::size_t(8000 * 13), view.rowCount(), shown, expanded);
        QCOMPARE(view.rowCount(), 26);
        QCOMPARE(view.tree()->topLevelItem(0)->childCount(), 201);  // 200 located rows and "… more"
    }

    void tinyAndOneClassFilesAreWarnedAboutOnLoad() {
        const QString dir = test::testHome().path();
        const QString fivePath = test::writeFivePointFile(dir);
        const QString onePath = test::writeOneClassFile(dir);
        QVERIFY(!fivePath.isEmpty() && !onePath.isEmpty());

        MainWindow window;
        window.setProperty("confirmClose", false);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openFile(fivePath));
        QVERIFY(waitLoaded(loaded, 1));
        QVERIFY(window.datasetPanel()->isWarningAreaVisible());
        QCOMPARE(window.datasetPanel()->warnings(),
                 QStringList(
                     {QStringLiteral("Only 5 points are labelled: too few to train and test a model (at "
                                     "least 150 are needed for the 20 % test part to hold 30 points)."),
                      QStringLiteral("2 classes have fewer than 10 points: 'Cropland' (3), 'Woodland' (2). "
                                     "Too few to learn them or to score them: each part of the split gets "
                                     "one or two points at most.")}));

        QVERIFY(window.openFile(onePath));
        QVERIFY(waitLoaded(loaded, 2));
        QCOMPARE(window.datasetPanel()->warnings(),
                 QStringList{
                     QStringLiteral("Every labelled point is of one class ('Cropland', 200 points): there is "
                                    "nothing to tell apart, so a model scores 100 % overall accuracy with "
                                    "kappa 0, which is not a result.")});
    }

    void theSampleRaisesNoWarning() {
        MainWindow window;
        window.setProperty("confirmClose", false);
        window.show();
        QSignalSpy loaded(window.loader(), &DatasetLoader::loaded);
        QVERIFY(window.openFile(test::realSample4k()));
        QVERIFY(waitLoaded(loaded, 1));
        QVERIFY2(!window.datasetPanel()->isWarningAreaVisible(),
                 qPrintable(window.datasetPanel()->warnings().join(QLatin1Char('\n'))));
    }
};

BRIDGELC_UI_TEST_MAIN(TestProblemsView)
#include "test_problems_view.moc"
