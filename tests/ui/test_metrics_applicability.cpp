// The Metrics tab's scores inside and outside the area of applicability: the weighted F1, accuracy and
// point counts of each side, recomputed here from the run's own DI, threshold and predictions; the same
// figures after the run is saved and reopened; "no AOA" for a run saved without one; and a damaged aoa.json
// named in the tab while the rest of the run still opens.
#include <QGroupBox>
#include <QLabel>
#include <QTableWidget>
#include <QtTest>
#include <filesystem>

#include "core/aoa/area_of_applicability.h"
#include "core/eval/metrics.h"
#include "core/io/run_store.h"
#include "core/io/saved_run.h"
#include "core/split/split.h"
#include "tests/synthetic_dataset.h"
#include "tests/ui/ui_test_support.h"
#include "ui/common/percent_format.h"
#include "ui/views/metrics_view.h"

using namespace bridgelc;
namespace fs = std::filesystem;

namespace {

QTableWidget* applicabilityTable(MetricsView& view) {
    for (auto* table : view.findChildren<QTableWidget*>())
        if (table->horizontalHeaderItem(0)->text() == QStringLiteral("Test points")) return table;
    return nullptr;
}

QString applicabilityNote(MetricsView& view) {
    for (auto* box : view.findChildren<QGroupBox*>())
        if (box->title().contains(QStringLiteral("area of applicability")))
            return box->findChild<QLabel*>()->text();
    return {};
}

// Scores of the test points on one side of the threshold, from the DI of each test prediction.
Metrics sideMetrics(const RunResult& run, const Dataset& data, bool inside) {
    ConfusionMatrix confusion(data.classNames.size());
    for (std::size_t i = 0; i < run.test.rows.size(); ++i)
        if ((run.testDi[i] <= run.aoa->threshold()) == inside)
            confusion.add(data.label[static_cast<std::size_t>(run.test.rows[i])], run.test.predicted[i]);
    return computeMetrics(confusion);
}

QStringList rowCells(QTableWidget* table, int row) {
    QStringList cells;
    for (int c = 0; c < table->columnCount(); ++c)
        cells << table->item(row, c)->text();
    return cells;
}

}  // namespace

class TestMetricsApplicability : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        m_data = test::syntheticDataset(900, 5, 3);
        // Held-out Mediterranean: its points lie away from the training regions, so both sides have points.
        const Split split = loroFold(m_data, regionIndex("MED"));
        TrainingSettings settings = TrainingSettings::laptop();
        settings.trees = 10;
        settings.threads = 1;
        TrainingObserver quiet;
        m_run = trainAndEvaluate(m_data, split, "random-forest", settings, quiet);
        QVERIFY2(m_run.aoa, m_run.aoaMessage.c_str());
        QCOMPARE(m_run.testDi.size(), split.test.size());
    }

    void insideAndOutsideScoresFollowTheRunsDi() {
        std::size_t outside = 0;
        for (double di : m_run.testDi)
            outside += di > m_run.aoa->threshold();
        QVERIFY2(outside > 0 && outside < m_run.testDi.size(), "the case needs points on both sides");

        MetricsView view;
        view.setResult(m_run);
        QTableWidget* table = applicabilityTable(view);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 2);
        const std::size_t inside = m_run.testDi.size() - outside;
        for (const bool side : {true, false}) {
            const QStringList cells = rowCells(table, side ? 0 : 1);
            const Metrics expected = sideMetrics(m_run, m_data, side);
            const std::size_t points = side ? inside : outside;
            QCOMPARE(cells.at(0), side ? QStringLiteral("Inside") : QStringLiteral("Outside"));
            QCOMPARE(cells.at(1), QLocale().toString(qulonglong(points)));
            QCOMPARE(cells.at(2), percentNumber(double(points) / double(m_run.testDi.size())));
            QCOMPARE(cells.at(3), percentNumber(expected.overallAccuracy));
            QCOMPARE(cells.at(4), percentNumber(expected.macroF1));
            QCOMPARE(cells.at(5), percentNumber(expected.weightedF1));
        }
        const QString note = applicabilityNote(view);
        QVERIFY2(note.contains(QString::number(m_run.aoa->threshold(), 'f', 4)), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("total gain")), qPrintable(note));
        const QString text = view.asText();
        QVERIFY2(text.contains(QStringLiteral("Outside\t") + QLocale().toString(qulonglong(outside))),
                 qPrintable(text));
    }

    void reopenedRunShowsTheSameScores() {
        const fs::path dir = fs::path(test::testHome().path().toStdString()) / "reopened";
        RunStore::saveTo(m_run, m_data, dir.string());
        const SavedRun saved = loadSavedRun(dir.string());
        QVERIFY2(saved.result.aoa, saved.result.aoaMessage.c_str());
        QCOMPARE(saved.result.aoa->threshold(), m_run.aoa->threshold());

        MetricsView fresh, reopened;
        fresh.setResult(m_run);
        reopened.setResult(saved.result);
        for (int row = 0; row < 2; ++row)
            QCOMPARE(rowCells(applicabilityTable(reopened), row), rowCells(applicabilityTable(fresh), row));
        QCOMPARE(applicabilityNote(reopened), applicabilityNote(fresh));
    }

    void runWithoutAoaSaysSoAndDamagedOneIsNamed() {
        const fs::path dir = fs::path(test::testHome().path().toStdString()) / "damaged";
        RunStore::saveTo(m_run, m_data, dir.string());
        fs::resize_file(dir / kAoaMatrixFileName, fs::file_size(dir / kAoaMatrixFileName) - 4);
        const SavedRun damaged = loadSavedRun(dir.string());
        QVERIFY(!damaged.result.aoa);
        QCOMPARE(damaged.result.testMetrics.weightedF1, m_run.testMetrics.weightedF1);
        MetricsView view;
        view.setResult(damaged.result);
        QCOMPARE(applicabilityTable(view)->rowCount(), 0);
        QVERIFY2(applicabilityNote(view).contains(QString::fromLatin1(kAoaMatrixFileName)),
                 qPrintable(applicabilityNote(view)));

        // As every run saved before the area of applicability existed: no aoa.json, no scores section.
        fs::remove(dir / kAoaFileName);
        fs::remove(dir / kAoaMatrixFileName);
        const SavedRun old = loadSavedRun(dir.string());
        QVERIFY(!old.result.aoa);
        view.setResult(old.result);
        QCOMPARE(applicabilityTable(view)->rowCount(), 0);
        QVERIFY2(applicabilityNote(view).contains(QStringLiteral("no AOA")),
                 qPrintable(applicabilityNote(view)));
        QVERIFY(view.asText().contains(QStringLiteral("Weighted F1 %")));
    }

private:
    Dataset m_data;
    RunResult m_run;
};

BRIDGELC_UI_TEST_MAIN(TestMetricsApplicability)
#include "test_metrics_applicability.moc"
