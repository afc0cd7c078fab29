// MainWindow's menus, its dialogs (settings, help, About), files dropped on it and the window layout kept in
// QSettings.
#include <QActionGroup>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <algorithm>

#include "core/model/model_registry.h"
#include "core/raster/applicability_raster.h"
#include "ui/common/class_colors.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/raster_layer.h"
#include "ui/map/raster_source.h"
#include "ui/map/viewport.h"
#include "ui/views/dataset_panel.h"
#include "ui/window/about_box.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/help_dialogs.h"
#include "ui/window/main_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/raster_prediction.h"
#include "ui/window/recent_files_menu.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/settings_dialog.h"

namespace bridgelc {

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions->open);
    file->addMenu(m_recent);
    file->addAction(m_actions->sample);
    file->addAction(m_actions->raster);
    file->addAction(m_actions->predictRaster);
    file->addSeparator();
    file->addMenu(m_exportMenu);
    file->addSeparator();
    file->addAction(m_actions->quit);
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_actions->train);
    run->addAction(m_actions->stop);
    run->addAction(m_actions->runAll);
    run->addSeparator();
    run->addAction(m_actions->settings);
    menuBar()->addMenu(m_exportMenu);
    // Small screens: the Dataset panel folds away (and comes back) so the map gets the width.
    QMenu* view = menuBar()->addMenu(tr("&View"));
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("datasetDock"))) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setText(tr("&Dataset panel"));
        toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        view->addAction(toggle);
    }
    QMenu* colours = view->addMenu(tr("Class colours"));
    auto* palettes = new QActionGroup(colours);
    for (const ClassPalette palette : kClassPalettes) {
        QAction* action = colours->addAction(classPaletteName(palette));
        action->setCheckable(true);
        action->setChecked(palette == currentClassPalette());
        palettes->addAction(action);
        connect(action, &QAction::triggered, this, [this, palette] {
            setCurrentClassPalette(palette);
            m_map->mapView()->renderer()->refreshColours();
        });
    }
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_actions->guide);
    help->addAction(m_actions->keys);
    help->addSeparator();
    help->addAction(m_actions->about);

    connect(m_actions->open, &QAction::triggered, this, [this] {
        // The folder of the last file opened; the documents folder the first time (never "Computer").
        const QString last = AppSettings::lastFile();
        const QString folder =
            !last.isEmpty() && last != AppSettings::sampleMarker() && QFileInfo(last).absoluteDir().exists()
                ? QFileInfo(last).absolutePath()
                : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open points"), folder,
            tr("Point files (*.csv *.tsv *.txt *.gpkg *.geojson *.json *.shp);;All files (*)"));
        if (!path.isEmpty()) openFile(path);
    });
    connect(m_recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    connect(m_actions->sample, &QAction::triggered, this, &MainWindow::openSample);
    connect(m_actions->raster, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add a land-cover raster"), QString(),
                                                          tr("Rasters (*.tif *.tiff *.vrt);;All files (*)"));
        if (!path.isEmpty()) addRaster(path);
    });
    m_rasterPrediction = new RasterPrediction(m_state, m_actions->predictRaster, this);
    connect(m_rasterPrediction, &RasterPrediction::predicted, this, &MainWindow::addRaster);
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);
    connect(m_actions->train, &QAction::triggered, this, &MainWindow::startTraining);
    connect(m_actions->stop, &QAction::triggered, this, &MainWindow::stopTraining);
    connect(m_actions->runAll, &QAction::triggered, this, &MainWindow::runAll);
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::editSettings);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_actions->guide, &QAction::triggered, this, &MainWindow::showGuide);
    connect(m_actions->keys, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(m_exportMenu, &ExportMenu::exported, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Wrote %1").arg(path), 8000); });
    connect(m_exportMenu, &ExportMenu::exportFailed, this, [this](const QString& message) {
        // Window-modal but not blocking, like every error box of the window.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Export"), message, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

namespace {
// The rasters shown on the map, shown again after a restart (absolute paths).
const QString kRasterLayers = QStringLiteral("map/rasterLayers");
}  // namespace

bool MainWindow::addRaster(const QString& path) {
    QString error;
    if (!showRaster(path, &error)) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Add raster"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    const RasterLayer* layer = nullptr;
    for (MapLayer* shown : m_map->mapView()->renderer()->layers())
        if (auto* raster = qobject_cast<RasterLayer*>(shown);
            raster && QFileInfo(raster->source().path()) == QFileInfo(path))
            layer = raster;
    if (layer) {
        Viewport view = m_map->mapView()->viewport();
        view.fit(layer->projectedBounds());
        m_map->mapView()->setViewport(view);
    }
    showTab(Tab::Map);
    return true;
}

bool MainWindow::showRaster(const QString& path, QString* error) {
    RasterLayer* layer = RasterLayer::open(path, error);
    if (!layer) return false;
    // The same file again (e.g. predicted anew) replaces its layer rather than stacking a stale copy.
    std::vector<RasterLayer*> same;
    for (MapLayer* shown : m_map->mapView()->renderer()->layers())
        if (auto* raster = qobject_cast<RasterLayer*>(shown);
            raster && QFileInfo(raster->source().path()) == QFileInfo(path))
            same.push_back(raster);
    for (RasterLayer* old : same)
        delete old;
    m_map->addOverlay(layer, QFileInfo(path).fileName());
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSettings settings;
    QStringList remembered = settings.value(kRasterLayers).toStringList();
    if (!remembered.contains(absolute)) settings.setValue(kRasterLayers, remembered << absolute);
    // A layer taken off the map is forgotten; one closed with the window is not.
    connect(layer, &QObject::destroyed, this, [this, absolute] {
        if (m_layoutSaved) return;
        QSettings settings;
        QStringList remembered = settings.value(kRasterLayers).toStringList();
        remembered.removeAll(absolute);
        settings.setValue(kRasterLayers, remembered);
    });
    // A prediction made with its area of applicability (`predict-raster --aoa`) brings its mask as a layer of
    // its own, hatching the cells where the classes should not be trusted.
    const QString mask = QString::fromStdString(applicabilityMaskPath(path.toStdString()));
    if (!layer->isApplicabilityMask() && QFileInfo::exists(mask)) showRaster(mask);
    return true;
}

void MainWindow::restoreRasters() {
    const QStringList remembered = QSettings().value(kRasterLayers).toStringList();
    QStringList kept;
    for (const QString& path : remembered)
        if (QFileInfo::exists(path) && showRaster(path)) kept << path;  // a moved or deleted file is dropped
    QSettings().setValue(kRasterLayers, kept);
}

void MainWindow::editSettings() {
    SettingsDialog dialog(AppSettings::trainingSettings(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    AppSettings::setTrainingSettings(dialog.settings());
    const std::string model = dialog.presetModel();
    if (!model.empty() && m_toolBar->setModelName(model))
        statusBar()->showMessage(tr("Preset \"%1\": model %2 with its settings")
                                     .arg(QString::fromStdString(dialog.settings().preset),
                                          QString::fromStdString(modelDisplayName(model))),
                                 8000);
}

void MainWindow::showAbout() {
    AboutBox::showModal(this);
}

void MainWindow::showGuide() {
    auto* dialog = new UserGuideDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showShortcuts() {
    auto* dialog = new ShortcutsDialog(m_actions->all() + m_tabActions, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::saveLayout() {
    if (m_layoutSaved) return;
    m_layoutSaved = true;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    auto* dock = findChild<QDockWidget*>(QStringLiteral("datasetDock"));
    const int most = std::max(200, width() / 4);
    if (dock && !dock->isFloating() && width() < 1100 && dock->width() > most)
        resizeDocks({dock}, {most}, Qt::Horizontal);
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1500, 950);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        // Wide enough for the panel's widest part (the problems list) beside a vertical scroll bar, so the
        // class list's columns are never cut off on the right, yet leaving the map most of a laptop's screen.
        const int panel = m_datasetPanel->minimumSizeHint().width() +
                          style()->pixelMetric(QStyle::PM_ScrollBarExtent) +
                          2 * style()->pixelMetric(QStyle::PM_DockWidgetFrameWidth) + 8;
        resizeDocks({findChild<QDockWidget*>()}, {std::clamp(width() / 4, 220, std::max(340, panel))},
                    Qt::Horizontal);
    }
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile() && openFile(urls.front().toLocalFile()))
        event->acceptProposedAction();
}

}  // namespace bridgelc
