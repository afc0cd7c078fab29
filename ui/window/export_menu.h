#pragma once
#include <QMenu>
#include <optional>

#include "ui/jobs/background_task.h"
#include "ui/jobs/metatypes.h"
#include "ui/map/map_export_page.h"

namespace bridgelc {

class ConfusionView;
class CurvesView;
class MapView;
class MetricsView;

/// The Export menu: predictions of the shown run (GeoPackage, GeoJSON, CSV through core's OGR writers,
/// written on a pool thread), a copy of its model checkpoint, and figures and tables of the views (PNG, SVG,
/// CSV, text).
class ExportMenu : public QMenu {
    Q_OBJECT
public:
    ExportMenu(CurvesView* curves, ConfusionView* confusion, MetricsView* metrics, QWidget* parent = nullptr);
    ~ExportMenu() override;

    /// The run the exports are about, and the dataset its predictions index.
    void setRun(const RunResult& run, const DatasetPtr& dataset);
    /// Where that run was saved (its model.bridgelc is copied from there).
    void setSavedRun(const RunSummary& summary);
    void setSavedDirectory(const QString& directory);
    void clearRun();
    /// The map the "Map figure" export draws (what the Map tab shows, at its size and view).
    void setMap(MapView* map);
    /// Writes the map as PNG, SVG or PDF (by suffix) laid out on a page of `format` (default A4 landscape at
    /// 300 dpi): the shown run as title, the map of what the Map tab shows, the legend beside it, the
    /// credits.
    bool exportMapFigure(const QString& path, const MapPageFormat& format = {QSize(3508, 2480), 300});
    /// Whose result it is (model, scenario, seed, dataset): the title line of every exported figure.
    void setCaption(const QString& caption);
    /// Non-empty when the run belongs to another dataset than the open one: says so. Exporting predictions
    /// then asks first (from the menu) or refuses (exportPredictions without `evenIfOtherDataset`).
    void setOtherDataset(const QString& why);

    /// Writes the predictions to `path` (format by extension) on a pool thread; result by
    /// exported()/failed(). Refuses, with exportFailed() saying why, when the run belongs to another dataset
    /// than the open one unless `evenIfOtherDataset`.
    bool exportPredictions(const QString& path, bool evenIfOtherDataset = false);
    /// Copies the run's checkpoint to `path`; false when there is none.
    bool exportCheckpoint(const QString& path);

Q_SIGNALS:
    /// A file was written.
    void exported(const QString& path);
    /// Writing failed; `message` says why.
    void exportFailed(const QString& message);

private:
    QString askPath(const QString& title, const QString& name, const QString& filters);
    void report(bool ok, const QString& path);
    void updateEnabled();

    CurvesView* m_curves;
    ConfusionView* m_confusion;
    MetricsView* m_metrics;
    MapView* m_map = nullptr;
    std::optional<RunResult> m_run;
    DatasetPtr m_dataset;
    QString m_savedDirectory;
    QString m_caption;
    QString m_otherDataset;
    BackgroundTask m_writer;
    QAction* m_predictions;
    QAction* m_checkpoint;
    QList<QAction*> m_runActions;
};

}  // namespace bridgelc
