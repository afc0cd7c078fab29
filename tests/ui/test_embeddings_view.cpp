// The Embeddings view: both branches of BRIDGE-LC side by side (acceptance 5), PCA at once and t-SNE from the
// background, colouring by class or region, a plain reason for models without branches, a new run
// superseding a running one, and the reproducible sample of at most 5,000 test points.
#include <QSignalSpy>
#include <QTest>
#include <set>

#include "tests/ui/trained_runs.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/embedding_job.h"
#include "ui/views/embedding_scatter.h"
#include "ui/views/embeddings_view.h"

namespace bridgelc {

class TestEmbeddingsView : public QObject {
    Q_OBJECT

    static bool waitUntilIdle(EmbeddingsView& view, int timeoutMs) {
        QElapsedTimer timer;
        timer.start();
        while (view.isBusy() && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        return !view.isBusy();
    }

private Q_SLOTS:
    void showsBothBranchesOfBridgeLc() {
        const RunResult run = test::smallRun("bridgelc", 4);
        QVERIFY(run.model);
        EmbeddingsView view;
        view.resize(1200, 700);
        view.show();
        QSignalSpy pca(&view, &EmbeddingsView::pcaReady), tsne(&view, &EmbeddingsView::tsneReady);
        view.showRun(test::smallDataset(), run);
        QVERIFY(view.isBusy());  // nothing computed on the GUI thread
        QVERIFY(pca.wait(60000));
        const std::size_t n = run.test.rows.size();
        QCOMPARE(view.embeddings().rows.size(), n);
        for (EmbeddingScatter* panel : {view.invariantPanel(), view.specificPanel()}) {
            QCOMPARE(panel->pointCount(), n);
            QVERIFY(panel->title().contains(QStringLiteral("PCA")));
            QVERIFY(panel->subtitle().contains(QStringLiteral("agreement: class")));
            QCOMPARE(panel->legend().size(), std::size_t(3));  // three classes
        }
        QVERIFY(view.invariantPanel()->title().startsWith(QStringLiteral("Region-invariant branch f_inv")));
        QVERIFY(view.specificPanel()->title().startsWith(QStringLiteral("Region-specific branch f_spec")));
        QVERIFY(view.headline().contains(QStringLiteral("BRIDGE-LC")));
        // The two branches are different functions of the same points.
        QVERIFY(view.embeddings().invariant.pca.values != view.embeddings().specific.pca.values);

        QVERIFY(tsne.count() == 1 || tsne.wait(120000));
        QVERIFY(view.hasTsne());
        QVERIFY(!view.isBusy());
        view.setMethod(EmbeddingsView::Method::Tsne);
        QVERIFY(view.invariantPanel()->title().contains(QStringLiteral("t-SNE")));
        QCOMPARE(view.specificPanel()->pointCount(), n);
        view.setColouring(EmbeddingsView::Colouring::ByRegion);
        // The synthetic points lie in four regions: Alpine, Atlantic, Continental, Mediterranean.
        QCOMPARE(view.specificPanel()->legend().size(), std::size_t(4));
        QVERIFY(view.specificPanel()->legend().front().first.startsWith(QStringLiteral("Alpine")));
        QVERIFY(view.specificPanel()->subtitle().contains(QStringLiteral("biogeographical region")));
        // The synthetic classes are separable from the features: f_inv, which predicts the class, groups
        // them.
        const auto& set = view.embeddings();
        qInfo(
            "10-NN agreement  f_inv: class %.2f region %.2f | f_spec: class %.2f region %.2f | chance: class "
            "%.2f region %.2f",
            set.invariant.classAgreement, set.invariant.regionAgreement, set.specific.classAgreement,
            set.specific.regionAgreement, set.classChance, set.regionChance);
        QVERIFY(set.invariant.classAgreement > set.classChance + 0.2);
        // ... and f_spec, which predicts the region (here a function of longitude), groups regions.
        QVERIFY(set.specific.regionAgreement > set.regionChance + 0.2);
        // The linear probes say the same on held-out points, and the subtitles show them.
        qInfo(
            "linear probe  f_inv: class %.2f region %.2f | f_spec: class %.2f region %.2f | majority: class "
            "%.2f region %.2f",
            set.invariant.classProbe.accuracy, set.invariant.regionProbe.accuracy,
            set.specific.classProbe.accuracy, set.specific.regionProbe.accuracy,
            set.invariant.classProbe.majorityAccuracy, set.specific.regionProbe.majorityAccuracy);
        QVERIFY(set.invariant.classProbe.defined() && set.specific.regionProbe.defined());
        QVERIFY(set.invariant.classProbe.accuracy > set.invariant.classProbe.majorityAccuracy + 0.2);
        QVERIFY(set.specific.regionProbe.accuracy > set.specific.regionProbe.majorityAccuracy + 0.2);
        QCOMPARE(set.invariant.classProbe.fitPoints + set.invariant.classProbe.heldOutPoints, n);
        QVERIFY(view.specificPanel()->subtitle().contains(
            QStringLiteral("region %1 (majority").arg(set.specific.regionProbe.accuracy, 0, 'f', 2)));
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
    }

    void saysWhyForModelsWithoutBranches() {
        EmbeddingsView view;
        for (const char* name : {"mlp", "mlp-learned-pe", "random-forest"}) {
            const RunResult run = test::smallRun(name, 1);
            view.showRun(test::smallDataset(), run);
            QVERIFY(!view.isBusy());
            QCOMPARE(view.invariantPanel()->pointCount(), std::size_t(0));
            QCOMPARE(view.specificPanel()->pointCount(), std::size_t(0));
            const QString why = view.headline();
            QVERIFY2(why.contains(QStringLiteral("single branch")) ||
                         why.contains(QStringLiteral("tree ensemble")),
                     qPrintable(why));
            QCOMPARE(view.invariantPanel()->message(), why);
        }
        view.clear(QStringLiteral("No run yet"));
        QCOMPARE(view.headline(), QStringLiteral("No run yet"));
    }

    void aNewRunSupersedesTheRunningOne() {
        const RunResult first = test::smallRun("bridgelc", 2);
        const RunResult second = test::smallRun("disentangle-regions", 2);
        EmbeddingsView view;
        view.showRun(test::smallDataset(), first);
        view.showRun(test::smallDataset(), second);  // while the first is computing
        QVERIFY(waitUntilIdle(view, 180000));
        QVERIFY2(view.headline().contains(QStringLiteral("Region disentanglement")),
                 qPrintable(view.headline()));
        QVERIFY(view.hasTsne());
        // clear() while t-SNE runs stops it and shows nothing.
        QSignalSpy pca(&view, &EmbeddingsView::pcaReady);
        view.showRun(test::smallDataset(), first);
        QVERIFY(pca.wait(60000));
        view.clear(QStringLiteral("Another dataset was opened"));
        QVERIFY(waitUntilIdle(view, 60000));
        QVERIFY(!view.hasTsne());
        QCOMPARE(view.invariantPanel()->pointCount(), std::size_t(0));
    }

    void samplesAtMost5000RowsReproducibly() {
        std::vector<std::int64_t> rows;
        for (std::int64_t i = 0; i < 12000; ++i)
            rows.push_back(3 * i);
        const auto a = sampleRows(rows, kEmbeddingPointLimit, 0),
                   b = sampleRows(rows, kEmbeddingPointLimit, 0);
        QCOMPARE(a.size(), std::size_t(5000));
        QCOMPARE(a, b);
        QVERIFY(std::is_sorted(a.begin(), a.end()));
        QCOMPARE(std::set<std::int64_t>(a.begin(), a.end()).size(), a.size());
        for (std::int64_t row : a)
            QVERIFY(row % 3 == 0 && row < 36000);
        QVERIFY(sampleRows(rows, kEmbeddingPointLimit, 1) != a);
        QCOMPARE(sampleRows({5, 1, 3}, kEmbeddingPointLimit, 0), (std::vector<std::int64_t>{1, 3, 5}));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestEmbeddingsView)
#include "test_embeddings_view.moc"
