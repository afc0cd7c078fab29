#pragma once
#include <QString>
#include <QWidget>
#include <memory>

#include "core/run/training_run.h"
#include "ui/jobs/embedding_job.h"
#include "ui/jobs/training_request.h"

class QButtonGroup;
class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace bridgelc {

class BackgroundTask;
class EmbeddingScatter;

/// The Embeddings view: BRIDGE-LC's region-invariant (f_inv) and region-specific (f_spec) branch outputs for
/// up to 5,000 test points of a run, side by side in 2-D, coloured by land-cover class or by biogeographical
/// region. PCA appears as soon as the branch outputs are computed; t-SNE follows from a background task with
/// progress and can be cancelled. Each panel also gives the 10-nearest-neighbour class and region agreement
/// in the full 256 dimensions: the paper's check that classes group in f_inv and regions in f_spec. For a
/// model without the two branches it says why there is nothing to show.
class EmbeddingsView : public QWidget {
    Q_OBJECT
public:
    enum class Method { Pca, Tsne };
    enum class Colouring { ByClass, ByRegion };

    explicit EmbeddingsView(QWidget* parent = nullptr);
    ~EmbeddingsView() override;

    /// Shows `run` (its model and test rows) on `dataset`; work still running for an earlier run is
    /// cancelled.
    void showRun(DatasetPtr dataset, const RunResult& run);
    /// Shows nothing but `why` (e.g. "No run yet"); cancels any work.
    void clear(const QString& why);
    /// True while branch outputs, PCA or t-SNE are being computed (or waiting to start).
    bool isBusy() const;

    void setMethod(Method method);
    Method method() const { return m_method; }
    void setColouring(Colouring colouring);
    Colouring colouring() const { return m_colouring; }

    /// What is shown: empty until the branch outputs are computed.
    const EmbeddingSet& embeddings() const { return m_set; }
    bool hasTsne() const { return !m_set.invariant.tsne.empty(); }
    /// The view's headline: whose result, or why there is nothing.
    QString headline() const;
    EmbeddingScatter* invariantPanel() const { return m_invariant; }
    EmbeddingScatter* specificPanel() const { return m_specific; }

Q_SIGNALS:
    /// PCA of both branches is shown.
    void pcaReady();
    /// t-SNE of both branches is shown (or can be chosen).
    void tsneReady();

private:
    void startPrepare();
    void startTsne();
    void onTaskEnded();
    void redraw();
    void setBusyUi(const QString& status);

    BackgroundTask* m_task;
    DatasetPtr m_dataset, m_pendingDataset;
    std::shared_ptr<const Model> m_model, m_pendingModel;
    std::vector<std::int64_t> m_pendingRows;
    QString m_runLabel, m_pendingLabel;
    bool m_pending = false;
    int m_generation = 0;
    EmbeddingSet m_set;
    Method m_method = Method::Pca;
    Colouring m_colouring = Colouring::ByClass;

    QLabel* m_headline;
    QRadioButton *m_pcaButton, *m_tsneButton, *m_classButton, *m_regionButton;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    EmbeddingScatter *m_invariant, *m_specific;
};

}  // namespace bridgelc
