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
struct TrainingRequest;

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
    /// The banner over the map: while a run trains it names that run, as the map does.
    void setMapBanner(ResultBanner* banner) { m_mapBanner = banner; }
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
    /// A run starts training: the map and its banner name it and show its split until it ends; `warnings` are
    /// the dataset's, said over the map as over the curves.
    void showTraining(const TrainingRequest& request, const QString& whose, const QStringList& warnings);
    /// The run in progress ended without a result to show (failed, or stopped before its first epoch): the
    /// map and the banners go back to the shown result.
    void trainingEnded();

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
    ResultBanner* m_mapBanner = nullptr;  ///< the banner over the map: names the run being trained
    QString m_runsRoot;
    QPointer<PeLayer> m_peLayer;
    std::weak_ptr<const Model> m_peModel;  ///< the model m_peLayer shows
    EmbeddingsView* m_embeddings = nullptr;
    bool m_training = false;          ///< a run is training: the map shows it, not the shown result
    int m_generation = 0;             ///< counts shown results
    int m_embeddingsGeneration = -1;  ///< the result the Embeddings view shows
};

}  // namespace bridgelc
