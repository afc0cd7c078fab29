#pragma once
#include <QString>
#include <QWidget>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ui/jobs/training_request.h"
#include "ui/map/map_points.h"

namespace bridgelc {

struct RunResult;
struct MapPanelData;
class Model;
class MapLayer;
class MapView;
class ChoroplethLayer;
class ChoroplethLegendLayer;
class LatestTask;
class MapPanelControls;
class TaskFeedback;

/// The Map tab: a MapView of the dataset and run being shown, with a side panel to colour points by true
/// class, predicted class, correct/wrong, confidence or one class's probability; to show test points or all
/// points; to zoom; to see every value of a clicked point; and to switch layers (regions, the held-out
/// regions' scores, overlays). Whatever is slow (predicting every point, projecting, reading saved runs,
/// looking up a country) runs in background jobs of which only the newest counts: a newer call cancels them.
class MapPanel : public QWidget {
    Q_OBJECT
public:
    explicit MapPanel(QWidget* parent = nullptr);
    ~MapPanel() override;

    /// The dataset alone: true classes, nothing predicted. `whose` names it in the legend.
    void showDataset(DatasetPtr dataset, const QString& whose);
    /// A run on its dataset: with run.model every point is predicted once in the background and the part of
    /// each point (train/validation/test) recomputed from the run's split; test points are shown first; a
    /// LORO run's held-out region is hatched. Without a model only run.test's predictions are shown.
    void showRun(DatasetPtr dataset, const RunResult& run, const QString& whose);
    /// The run `request` starts training: named by `whose`, its split made again off the GUI thread, its test
    /// points shown (true classes until the first live snapshot), its held-out region hatched at once. Live
    /// snapshots then colour these points by the model being trained and score its test points only.
    void showTraining(const TrainingRequest& request, const QString& whose);
    /// Nothing to show; `why` is said in the panel (e.g. "Open a dataset to see it on the map.").
    void clear(const QString& why);
    /// Highlights exactly these dataset rows (e.g. a confusion cell's) and zooms to them; empty clears.
    void selectRows(const std::vector<std::int64_t>& rows);
    /// A model still training: predicts every point of the dataset shown in the background and replaces the
    /// prediction colours. Snapshots arriving while one is being predicted are dropped except the newest.
    void showLiveModel(std::shared_ptr<const Model> snapshot);
    /// Adds `layer` (ownership taken) above the basemap with a switch in the side panel; deleting the layer
    /// removes both.
    void addOverlay(MapLayer* layer, const QString& label);
    /// Colours each held-out region by the mean weighted F1 of the LORO runs saved under `runsRoot` of the
    /// model shown (or trained) on the dataset shown (read in the background); shown with the "Scores of
    /// held-out regions" switch. Without a run shown, the model with the most held-out regions on the
    /// dataset.
    void showRegionScores(const QString& runsRoot);
    /// Shows or hides the held-out regions' scores (the side panel's switch).
    void setRegionScoresVisible(bool visible);

    /// The "Outside the area of applicability" layer: points whose DI is above the run's threshold drawn
    /// hollow in any colour mode (the DI computed once per result in the background). Without an area of
    /// applicability the switch is disabled, its tooltip saying why, and nothing is marked.
    void setOutsideAoaVisible(bool visible);
    bool outsideAoaVisible() const { return m_outsideAoa; }

    /// How points are coloured; ClassProbability uses the class chosen with setProbabilityClass().
    void setMode(PointColorMode mode);
    PointColorMode mode() const;
    /// Index into the model's classes for ClassProbability.
    void setProbabilityClass(int index);
    /// Only test points (default when a run is shown) or every point.
    void setTestPointsOnly(bool testOnly);
    bool testPointsOnly() const { return m_testOnly; }

    /// The class filter: the points of these classes (names) are hidden and they leave the legend; empty
    /// shows every class. Kept across results with the same class names.
    void setHiddenClasses(const QStringList& classes);
    QStringList hiddenClasses() const { return m_hiddenClasses; }

    MapView* mapView() const { return m_view; }
    ChoroplethLayer* choropleth() const { return m_choropleth; }
    /// What the panel shows now (null before the first result), for tests and exports.
    std::shared_ptr<const MapPanelData> data() const { return m_data; }
    /// Background jobs still running (superseded ones included).
    int pendingTasks() const;
    bool isBusy() const { return pendingTasks() > 0; }
    /// The counts line of the side panel ("69,971 points · 13,995 shown · ...").
    QString countsText() const;
    /// The pinned point's rows (name, value) as shown in the side panel.
    std::vector<std::pair<QString, QString>> pinnedDetails() const;
    /// Live snapshots predicted and dropped so far.
    int livePredictions() const { return m_livePredictions; }
    int liveDropped() const { return m_liveDropped; }

Q_SIGNALS:
    /// A point was clicked and pinned (dataset row).
    void pointPinned(qint64 row);
    /// Background work started (true) or everything finished (false).
    void busyChanged(bool busy);

private:
    void startData(const std::function<std::shared_ptr<const MapPanelData>(TaskFeedback&)>& make,
                   const QString& whose, const QString& status, bool runShown);
    void applyData(std::shared_ptr<const MapPanelData> data, bool runShown);
    void compose();
    void startLive(std::shared_ptr<const Model> snapshot);
    void pin(std::int64_t row);
    void refreshPinnedDetails();
    void updateCounts();
    void updateBusy();
    void fillClassList();
    void ensureDissimilarity();
    bool needsDissimilarity() const;
    void updateOutsideAoaSwitch();
    std::vector<unsigned char> classVisibility() const;
    void applyRegionScoresVisibility();
    void setScoresScope(const DatasetPtr& dataset, const std::string& model);

    MapView* m_view;
    MapPanelControls* m_controls;
    ChoroplethLayer* m_choropleth;
    ChoroplethLegendLayer* m_choroplethLegend;
    LatestTask* m_dataTask;
    LatestTask* m_composeTask;
    LatestTask* m_liveTask;
    LatestTask* m_detailsTask;
    LatestTask* m_scoresTask;

    std::shared_ptr<const MapPanelData> m_data;
    std::shared_ptr<const Model> m_pendingSnapshot;
    QString m_whose;
    std::string m_runModel;      ///< model of the run shown or trained: only its LORO scores are shown
    DatasetPtr m_scoresDataset;  ///< the data shown: only its runs' scores are shown
    QString m_scoresDatasetName;
    PointColorMode m_mode = PointColorMode::TrueClass;
    QString m_counts;      ///< counts of the composed points (without the selection)
    int m_generation = 0;  ///< bumped by showDataset/showRun/clear: older live results are dropped
    bool m_testOnly = true;
    bool m_outsideAoa = false;
    int m_probabilityClass = 0;
    std::vector<std::int64_t> m_selection;
    QStringList m_hiddenClasses;
    LatestTask* m_aoaTask;
    std::shared_ptr<const std::vector<float>> m_di;  ///< DI of every point of m_diFor's dataset
    std::shared_ptr<const MapPanelData> m_diFor;
    bool m_zoomToSelectionPending = false;
    std::int64_t m_pinned = -1;
    std::weak_ptr<const Dataset> m_pinnedDataset;  ///< the data m_pinned is a row of
    std::vector<std::pair<QString, QString>> m_pinnedDetails;
    bool m_busy = false;
    int m_livePredictions = 0, m_liveDropped = 0;
    bool m_liveModeSwitched = false;
};

}  // namespace bridgelc
