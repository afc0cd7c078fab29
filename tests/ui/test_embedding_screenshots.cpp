// Screenshots of what BRIDGE-LC learned, for the docs, from a short real run on the 70k LUCAS table
// (1600x1000, offscreen, QWidget::grab): the learned location encoding over Europe and the Embeddings view.
//   BRIDGELC_SCREENSHOT_DIR=docs/screenshots [BRIDGELC_SCREENSHOT_EPOCHS=4] ui_test_embedding_screenshots
// Each shot also checks that the view shows what it claims; those checks run in CI too (2 epochs), where
// no file is written.
#include <QSignalSpy>
#include <QTest>

#include "core/data/point_reader.h"
#include "core/run/training_run.h"
#include "core/split/split.h"
#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/pe_layer.h"
#include "ui/map/region_layer.h"
#include "ui/views/embedding_scatter.h"
#include "ui/views/embeddings_view.h"

namespace bridgelc {

class TestEmbeddingScreenshots : public QObject {
    Q_OBJECT
    test::ScreenshotOutput m_output;
    std::shared_ptr<const Dataset> m_dataset;
    RunResult m_run;

    void save(QWidget& widget, const QString& name) {
        const QImage image = widget.grab().toImage();
        QCOMPARE(image.size(), QSize(1600, 1000));
        QVERIFY(m_output.save(image, name));
    }

private Q_SLOTS:
    void initTestCase() {
        LoadResult loaded = loadPoints(test::realTable().toStdString());
        QVERIFY(loaded.dataset);
        m_dataset = std::make_shared<const Dataset>(std::move(*loaded.dataset));
        TrainingSettings settings = TrainingSettings::laptop();
        const int epochs = qEnvironmentVariableIntValue("BRIDGELC_SCREENSHOT_EPOCHS");
        settings.epochs = epochs > 0 ? epochs : (m_output.writing() ? 4 : 2);
        settings.earlyStopping = false;
        TrainingObserver quiet;
        QElapsedTimer timer;
        timer.start();
        m_run = trainAndEvaluate(*m_dataset, extrapSplit(*m_dataset), "bridgelc", settings, quiet);
        QVERIFY(m_run.model);
        qInfo("BRIDGE-LC, EXTRAP, %d epochs on %zu points: weighted F1 %.3f in %.0f s", settings.epochs,
              m_dataset->size(), m_run.testMetrics.weightedF1, timer.elapsed() / 1000.0);
    }

    void learnedEncodingOverEurope() {
        MapView view;
        view.resize(1600, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.homeView();
        view.renderer()->regions()->setFilled(false);  // the encoding's colours, not the regions' tints
        PeLayer* layer = PeLayer::create(m_run.model);
        QVERIFY(layer);
        view.renderer()->addLayer(layer);
        QSignalSpy ready(layer, &PeLayer::ready);
        QVERIFY(ready.wait(300000));
        qInfo("PE grid of the real run: %d cells in %.2f s; PC1-3 explain %.0f, %.0f, %.0f %%",
              layer->grid().cells, layer->grid().seconds, 100 * layer->grid().explained[0],
              100 * layer->grid().explained[1], 100 * layer->grid().explained[2]);
        // Let the background (basemap, regions) render into its cache, then grab.
        QElapsedTimer timer;
        timer.start();
        do {
            view.grab();
            QTest::qWait(50);
        } while (
            (view.renderer()->isRenderingBackground() || view.renderer()->backgroundRenderCount() == 0) &&
            timer.elapsed() < 30000);
        save(view, QStringLiteral("pe-colour-map.png"));
    }

    void embeddingsOfBothBranches() {
        EmbeddingsView view;
        view.resize(1600, 1000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy tsne(&view, &EmbeddingsView::tsneReady);
        view.showRun(m_dataset, m_run);
        QVERIFY(tsne.wait(1200000));
        const EmbeddingSet& set = view.embeddings();
        qInfo(
            "%zu of %zu test points; branch outputs, PCA and agreement in %.1f s, t-SNE of both branches in "
            "%.1f s",
            set.rows.size(), set.testPoints, set.prepareSeconds, set.tsneSeconds);
        qInfo(
            "10-NN agreement in 256-d  f_inv: class %.3f region %.3f | f_spec: class %.3f region %.3f | "
            "chance: "
            "class %.3f region %.3f",
            set.invariant.classAgreement, set.invariant.regionAgreement, set.specific.classAgreement,
            set.specific.regionAgreement, set.classChance, set.regionChance);
        QCOMPARE(view.invariantPanel()->pointCount(), set.rows.size());
        view.setMethod(EmbeddingsView::Method::Tsne);
        view.setColouring(EmbeddingsView::Colouring::ByClass);
        save(view, QStringLiteral("embeddings-tsne-class.png"));
        view.setColouring(EmbeddingsView::Colouring::ByRegion);
        save(view, QStringLiteral("embeddings-tsne-region.png"));
        view.setMethod(EmbeddingsView::Method::Pca);
        view.setColouring(EmbeddingsView::Colouring::ByClass);
        save(view, QStringLiteral("embeddings-pca-class.png"));
    }
};

}  // namespace bridgelc

BRIDGELC_UI_TEST_MAIN(bridgelc::TestEmbeddingScreenshots)
#include "test_embedding_screenshots.moc"
