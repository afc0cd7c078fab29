#include "ui/window/export_menu.h"
#include "ui/common/save_dialog.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSaveFile>

#include "core/io/atomic_file.h"
#include "core/io/checkpoint.h"
#include "core/io/dataset_fingerprint.h"
#include "core/io/export_provenance.h"
#include "core/io/prediction_writer.h"
#include "ui/map/map_export_page.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/views/confusion_view.h"
#include "ui/views/curves_view.h"
#include "ui/views/metrics_view.h"

namespace bridgelc {
namespace {
const QString kImageFilters = QStringLiteral("PNG image (*.png);;SVG drawing (*.svg)");
const QString kMapFilters = QStringLiteral("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");

/// The pages the map figure is offered on (A4 and A3 at print resolution, or the map's size on screen).
struct PageChoice {
    QString label;
    QSizeF millimetres;  ///< empty: the map's size on screen, at 96 dpi
    double dpi;
};

std::vector<PageChoice> pageChoices() {
    return {{QObject::tr("A4 landscape (297 × 210 mm), 300 dpi"), {297, 210}, 300},
            {QObject::tr("A4 portrait (210 × 297 mm), 300 dpi"), {210, 297}, 300},
            {QObject::tr("A3 landscape (420 × 297 mm), 300 dpi"), {420, 297}, 300},
            {QObject::tr("As on screen, 96 dpi"), {}, 96}};
}
}  // namespace

ExportMenu::ExportMenu(CurvesView* curves, ConfusionView* confusion, MetricsView* metrics, QWidget* parent)
    : QMenu(tr("&Export"), parent), m_curves(curves), m_confusion(confusion), m_metrics(metrics) {
    m_predictions = addAction(tr("&Predictions…"), this, [this] {
        if (!m_otherDataset.isEmpty() &&
            QMessageBox::question(
                parentWidget(), tr("Export predictions"),
                tr("%1\n\nExport the predictions of that dataset anyway?").arg(m_otherDataset),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
            return;
        const QString path = askPath(tr("Export predictions"), QStringLiteral("predictions.gpkg"),
                                     tr("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)"));
        if (!path.isEmpty()) exportPredictions(path, true);
    });
    m_checkpoint = addAction(tr("&Model checkpoint…"), this, [this] {
        const QString path = askPath(tr("Export model"), QString::fromLatin1(kCheckpointFileName),
                                     tr("BRIDGE-LC model (*.bridgelc)"));
        if (!path.isEmpty()) exportCheckpoint(path);
    });
    addSeparator();
    addAction(tr("M&ap figure…"), this, [this] {
        const QString path = askPath(tr("Export map"), QStringLiteral("map.pdf"), kMapFilters);
        if (path.isEmpty()) return;
        QStringList labels;
        for (const PageChoice& choice : pageChoices())
            labels << choice.label;
        bool ok = false;
        const QString picked =
            QInputDialog::getItem(parentWidget(), tr("Export map"), tr("Page:"), labels, 0, false, &ok);
        if (!ok) return;
        const PageChoice choice = pageChoices()[std::size_t(std::max(0, int(labels.indexOf(picked))))];
        MapPageFormat format;
        format.dpi = choice.dpi;
        format.pixels = choice.millimetres.isEmpty() ? (m_map ? m_map->viewport().size() : QSize(1600, 1000))
                                                     : (choice.millimetres * (choice.dpi / 25.4)).toSize();
        exportMapFigure(path, format);
    });
    addAction(tr("&Curves figure…"), this, [this] {
        const QString path = askPath(tr("Export curves"), QStringLiteral("curves.png"), kImageFilters);
        if (!path.isEmpty()) report(m_curves->exportImage(path, m_caption), path);
    });
    m_runActions << addAction(tr("Confusion matrix &figure…"), this, [this] {
        const QString path =
            askPath(tr("Export confusion matrix"), QStringLiteral("confusion.png"), kImageFilters);
        if (!path.isEmpty()) report(m_confusion->exportImage(path, m_caption), path);
    });
    m_runActions << addAction(tr("Confusion matrix &table (CSV)…"), this, [this] {
        const QString path =
            askPath(tr("Export confusion matrix"), QStringLiteral("confusion.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty()) report(m_confusion->exportCsv(path), path);
    });
    m_runActions << addAction(tr("Metrics as &text…"), this, [this] {
        const QString path = askPath(tr("Export metrics"), QStringLiteral("metrics.txt"), tr("Text (*.txt)"));
        if (path.isEmpty()) return;
        QSaveFile file(path);
        const bool ok =
            file.open(QIODevice::WriteOnly | QIODevice::Text) &&
            file.write((m_caption.isEmpty() ? QString() : m_caption + QStringLiteral("\n\n")).toUtf8() +
                       m_metrics->asText().toUtf8()) >= 0 &&
            file.commit();
        report(ok, path);
    });
    m_runActions << m_predictions << m_checkpoint;
    updateEnabled();
}

ExportMenu::~ExportMenu() = default;  // m_writer cancels and waits

void ExportMenu::setRun(const RunResult& run, const DatasetPtr& dataset) {
    m_run = run;
    m_dataset = dataset;
    m_savedDirectory.clear();
    updateEnabled();
}

void ExportMenu::setSavedRun(const RunSummary& summary) {
    m_savedDirectory = QString::fromStdString(summary.directory);
    updateEnabled();
}

void ExportMenu::setSavedDirectory(const QString& directory) {
    m_savedDirectory = directory;
    updateEnabled();
}

void ExportMenu::setMap(MapView* map) {
    m_map = map;
}

bool ExportMenu::exportMapFigure(const QString& path, const MapPageFormat& format) {
    if (!m_map) return false;
    QString error;
    // Drawn completely on this thread, once: an export the user asked for and waits on.
    const auto points = m_map->renderer()->points();
    const QString title = !m_caption.isEmpty() ? m_caption : points ? points->title : QString();
    MapPage page(m_map->renderer(), title.isEmpty() ? tr("BRIDGE-LC Explorer map") : title);
    page.setFormat(format);
    page.setExtent(m_map->viewport().projectedRect());  // what the Map tab shows, fitted to the page
    const bool ok = page.write(path, &error);
    if (ok)
        Q_EMIT exported(path);
    else
        Q_EMIT exportFailed(error.isEmpty() ? tr("Could not write %1.").arg(path) : error);
    return ok;
}

void ExportMenu::setCaption(const QString& caption) {
    m_caption = caption;
}

void ExportMenu::setOtherDataset(const QString& why) {
    m_otherDataset = why;
}

void ExportMenu::clearRun() {
    m_run.reset();
    m_dataset.reset();
    m_savedDirectory.clear();
    m_caption.clear();
    m_otherDataset.clear();
    updateEnabled();
}

void ExportMenu::updateEnabled() {
    for (QAction* action : m_runActions)
        action->setEnabled(m_run.has_value());
    m_predictions->setEnabled(m_run && m_dataset && !m_run->test.rows.empty() && !m_writer.isRunning());
    m_checkpoint->setEnabled(m_run && m_run->model);
}

QString ExportMenu::askPath(const QString& title, const QString& name, const QString& filters) {
    return askSaveFileName(parentWidget(), title, name, filters);
}

void ExportMenu::report(bool ok, const QString& path) {
    if (ok) {
        Q_EMIT exported(path);
    } else {
        Q_EMIT exportFailed(tr("Could not write %1.").arg(path));
    }
}

bool ExportMenu::exportPredictions(const QString& path, bool evenIfOtherDataset) {
    if (!m_run || !m_dataset || m_writer.isRunning()) return false;
    if (!m_otherDataset.isEmpty() && !evenIfOtherDataset) {
        Q_EMIT exportFailed(m_otherDataset);
        return false;
    }
    // The run and dataset are copied / shared into the task, so the GUI may move on to another run meanwhile.
    const std::string runId = QFileInfo(m_savedDirectory).fileName().toStdString();
    m_writer.start(
        [this, path, runId, run = *m_run, dataset = m_dataset](TaskFeedback&) -> BackgroundTask::Completion {
            QString error;
            try {
                writePredictions(path.toStdString(), *dataset, run.test, run.classNames);
                if (predictionFormatForPath(path.toStdString()) == PredictionFormat::GeoPackage)
                    addGeoPackageProvenance(
                        path.toStdString(),
                        runProvenance(run, runId,
                                      dataset->sourcePath.empty() ? "synthetic sample" : dataset->sourcePath,
                                      datasetFingerprint(*dataset)));
            } catch (const std::exception& e) {
                error = QString::fromStdString(e.what());
            }
            return [this, path, error] {
                if (error.isEmpty())
                    Q_EMIT exported(path);
                else
                    Q_EMIT exportFailed(error);
                updateEnabled();
            };
        });
    updateEnabled();
    return true;
}

bool ExportMenu::exportCheckpoint(const QString& path) {
    if (!m_run || !m_run->model) return false;
    const QString saved = m_savedDirectory + QLatin1Char('/') + QString::fromLatin1(kCheckpointFileName);
    bool ok = false;
    if (!m_savedDirectory.isEmpty() && QFile::exists(saved)) {
        try {  // a temporary renamed over the target: a failed export keeps any earlier file
            copyFileAtomically(saved.toStdString(), path.toStdString());
            ok = true;
        } catch (const std::exception& error) {
            Q_EMIT exportFailed(QString::fromStdString(error.what()));
            return false;
        }
    } else {
        try {  // not saved (yet): write the model itself; small, so on the GUI thread
            saveCheckpoint(*m_run->model, path.toStdString());
            ok = true;
        } catch (const std::exception& error) {
            Q_EMIT exportFailed(QString::fromStdString(error.what()));
            return false;
        }
    }
    report(ok, path);
    return ok;
}

}  // namespace bridgelc
