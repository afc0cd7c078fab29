#pragma once
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <memory>
#include <vector>

namespace bridgelc {

class ConfusionView;
class EmbeddingsView;
class MapPanel;
class PeLayer;
class ExportMenu;
class MetricsView;
class ResultBanner;
class SessionState;
struct ShownResult;
class Model;

/// Puts the session's shown result into every view that shows results (confusion, metrics, export, and the
/// banner above each view) whenever the result or the open dataset changes, so they never disagree about
/// whose result they show.
class ResultPresenter : public QObject {
    Q_OBJECT
public:
    ResultPresenter(SessionState* state, ConfusionView* confusion, MetricsView* metrics, ExportMenu* exports,
                    QObject* parent = nullptr);

    /// A banner that follows the shown result (parented to `parent`).
    ResultBanner* createBanner(QWidget* parent);
    /// The warnings shown with the current result: the run's own, then notes, then a dataset mismatch.
    QStringList currentWarnings() const;
    /// The Map tab: shows the open dataset, or the shown result when it belongs to it (all points predicted,
    /// the learned location encoding as an overlay), and the held-out regions' scores from `runsRoot`.
    void setMap(MapPanel* map, const QString& runsRoot);
    /// The Embeddings view: filled only when shown (refreshEmbeddings), since t-SNE takes a while.
    void setEmbeddings(EmbeddingsView* embeddings);
    /// Brings the Embeddings view to the shown result if it is not already showing it.
    void refreshEmbeddings();
    /// Brings views that work only while visible (Embeddings, the map's location encoding) up to date;
    /// call when the current tab changes.
    void refreshVisibleViews();
    /// Re-reads the held-out regions' scores (e.g. after "Run all").
    void refreshRegionScores();

private:
    void showResult();
    void updateBanners();
    void updateMap();
    void refreshLocationEncoding();

    SessionState* m_state;
    ConfusionView* m_confusion;
    MetricsView* m_metrics;
    ExportMenu* m_export;
    std::vector<ResultBanner*> m_banners;
    MapPanel* m_map = nullptr;
    QString m_runsRoot;
    QPointer<PeLayer> m_peLayer;
    std::weak_ptr<const Model> m_peModel;  ///< the model m_peLayer shows
    EmbeddingsView* m_embeddings = nullptr;
    int m_generation = 0;             ///< counts shown results
    int m_embeddingsGeneration = -1;  ///< the result the Embeddings view shows
};

}  // namespace bridgelc
