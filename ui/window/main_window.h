#pragma once
#include <QMainWindow>

#include <memory>

#include "ui/jobs/metatypes.h"
#include "ui/window/session_state.h"

class QTabWidget;

namespace bridgelc {

class ConfusionView;
class EmbeddingsView;
class MapPanel;
class DatasetLoader;
class DatasetPanel;
class ExportMenu;
class LabelSelection;
class MainActions;
class MetricsView;
class RasterPrediction;
class RecentFilesMenu;
class ResultBanner;
class ResultPresenter;
struct SavedRun;
class RunAllProcess;
class RunToolBar;
class RunsView;
class TrainingController;
class TrainingPanel;
class TrainingStatus;

/// The main window of BRIDGE-LC Explorer. It creates the panels and wires them together (dataset dock,
/// toolbar, Training | Confusion | Metrics | Runs tabs, status bar, loader, training controller, run queue)
/// and keeps the window layout in QSettings; the behaviour lives in the panels and controllers.
class MainWindow : public QMainWindow {
    Q_OBJECT
    /// Ask before closing while training (tests turn it off; so does env BRIDGELC_NO_CLOSE_CONFIRM=1).
    Q_PROPERTY(bool confirmClose MEMBER m_confirmClose)
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Loads a point file off the GUI thread; false when a load is already running.
    bool openFile(const QString& path);
    /// Loads the built-in synthetic sample off the GUI thread.
    bool openSample();
    /// Re-opens the file (or sample) open when the application last quit; false when there was none.
    bool reopenLastFile();
    /// Shows a predicted land-cover raster as a layer of the map and frames it; false (with a message naming
    /// the file) when GDAL cannot read it. The map shows it again after a restart.
    bool addRaster(const QString& path);
    /// Starts training the toolbar's model and scenario; false when no dataset or already training.
    bool startTraining();
    /// Stops the run in progress (and a "Run all" queue).
    void stopTraining();

    /// The open dataset (null when none is open, e.g. after a failed load).
    DatasetPtr dataset() const;
    /// The state model: open dataset and the result every view shows.
    SessionState* session() const { return m_state; }
    /// The banner above the Training, Confusion and Metrics tabs (whose result, warnings).
    ResultBanner* confusionBanner() const { return m_confusionBanner; }
    ResultBanner* metricsBanner() const { return m_metricsBanner; }
    TrainingController* controller() const { return m_controller; }
    DatasetLoader* loader() const { return m_loader; }
    /// The labels the open file is shown and trained with (Dataset panel ▸ Labels).
    LabelSelection* labelSelection() const { return m_labels; }
    RunAllProcess* runAllProcess() const { return m_runAll; }
    DatasetPanel* datasetPanel() const { return m_datasetPanel; }
    TrainingPanel* trainingPanel() const { return m_trainingPanel; }
    ConfusionView* confusionView() const { return m_confusion; }
    MetricsView* metricsView() const { return m_metrics; }
    RunsView* runsView() const { return m_runs; }
    RunToolBar* runToolBar() const { return m_toolBar; }
    TrainingStatus* trainingStatus() const { return m_status; }
    ExportMenu* exportMenu() const { return m_exportMenu; }
    MainActions* actions() const { return m_actions; }
    RecentFilesMenu* recentFilesMenu() const { return m_recent; }
    /// File ▸ Predict a raster with this model: the worker, its status and its Cancel.
    RasterPrediction* rasterPrediction() const { return m_rasterPrediction; }
    /// The central tabs, in this order.
    enum class Tab { Map, Training, Confusion, Metrics, Embeddings, Runs };
    QTabWidget* tabs() const { return m_tabs; }
    void showTab(Tab tab);
    MapPanel* mapPanel() const { return m_map; }
    EmbeddingsView* embeddingsView() const { return m_embeddings; }

protected:
    void closeEvent(QCloseEvent* event) override;
    /// A narrow window keeps about three quarters of its width for the tabs (the Dataset panel gives way).
    void resizeEvent(QResizeEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void connectLoader();
    void connectTraining();
    void onLoaded(const DatasetPtr& dataset, const ValidationReport& report, const QString& path);
    void onLoadFailed(const QString& message, const ValidationReport& report, const QString& path);
    /// Wires the Labels chooser (main_window_labels.cpp).
    void connectLabels();
    /// Shows the dataset of the chosen labels everywhere: state, Dataset panel, toolbar, runs.
    void applyLabels();
    /// When a reopened run learned other labels than the open file shows, switches to its labels and reads
    /// it again so its points are located; true when it did.
    bool switchToLabelsOf(const SavedRun& saved);
    void onRunFinished(const RunResult& run);
    void onSavedRunLoaded(const std::shared_ptr<const SavedRun>& saved, bool bound);
    void updateTitle();
    void onTabChanged();
    /// "MLP · EXTRAP · seed 0 — on lucas.csv · 1a2b3c4d" for a run not finished yet.
    QString describeRequest(const TrainingRequest& request) const;
    /// Wraps a result view under a banner that says whose result it shows.
    /// `page` in a scroll area: shown whole when there is room, scrolled on a small screen.
    QWidget* scrollable(QWidget* page);
    QWidget* withBanner(QWidget* view, ResultBanner** banner);
    void onStateChanged();
    void runAll();
    void editSettings();
    void showAbout();
    void showGuide();
    void showShortcuts();
    void saveLayout();
    void restoreLayout();
    /// Adds the raster layer (replacing one of the same file) and remembers it; false with `error` otherwise.
    bool showRaster(const QString& path, QString* error = nullptr);
    /// Shows the rasters that were on the map when the application last quit (those still on disk).
    void restoreRasters();

    MainActions* m_actions;
    RunToolBar* m_toolBar;
    RecentFilesMenu* m_recent;
    DatasetLoader* m_loader;
    TrainingController* m_controller;
    RunAllProcess* m_runAll;
    DatasetPanel* m_datasetPanel;
    TrainingPanel* m_trainingPanel;
    ConfusionView* m_confusion;
    MetricsView* m_metrics;
    RunsView* m_runs;
    ExportMenu* m_exportMenu;
    TrainingStatus* m_status;
    QTabWidget* m_tabs;
    SessionState* m_state;
    ResultPresenter* m_presenter;
    QList<QAction*> m_tabActions;  ///< Alt+1 … switch tabs; listed in the shortcut list
    MapPanel* m_map;
    EmbeddingsView* m_embeddings;
    RasterPrediction* m_rasterPrediction = nullptr;
    ResultBanner* m_mapBanner = nullptr;
    ResultBanner* m_embeddingsBanner = nullptr;
    ResultBanner* m_trainingBanner = nullptr;
    ResultBanner* m_confusionBanner = nullptr;
    ResultBanner* m_metricsBanner = nullptr;
    LabelSelection* m_labels = nullptr;
    QString m_reopenAfterLabels;   ///< a saved run to read again once the labels it needs are applied
    DatasetIdentity m_runDataset;  ///< identity of the data the run in progress trains on
    bool m_confirmClose = true;
    bool m_layoutSaved = false;
};

}  // namespace bridgelc
