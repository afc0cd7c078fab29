#include "ui/window/main_window.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include "ui/common/icons.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/run_queue.h"
#include "ui/jobs/training_controller.h"
#include "ui/views/confusion_view.h"
#include "ui/views/dataset_panel.h"
#include "ui/views/metrics_view.h"
#include "ui/views/runs_view.h"
#include "ui/views/training_panel.h"
#include "ui/window/about_box.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/main_actions.h"
#include "ui/window/recent_files_menu.h"
#include "ui/window/run_all_dialog.h"
#include "ui/window/run_toolbar.h"
#include "ui/window/settings_dialog.h"
#include "ui/window/training_status.h"

namespace bridgelc {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_actions(new MainActions(this)),
      m_toolBar(new RunToolBar(*m_actions, this)),
      m_recent(new RecentFilesMenu(this)),
      m_loader(new DatasetLoader(this)),
      m_controller(new TrainingController(this)),
      m_queue(new RunQueue(m_controller, this)),
      m_datasetPanel(new DatasetPanel(this)),
      m_trainingPanel(new TrainingPanel(this)),
      m_confusion(new ConfusionView(this)),
      m_metrics(new MetricsView(this)),
      m_runs(new RunsView(this)),
      m_exportMenu(new ExportMenu(m_trainingPanel->curvesView(), m_confusion, m_metrics, this)),
      m_status(new TrainingStatus(this)),
      m_tabs(new QTabWidget(this)) {
    registerMetaTypes();
    setWindowIcon(productIcon(QStringLiteral("app")));
    setWindowTitle(tr("BRIDGE-LC Explorer"));
    setAcceptDrops(true);
    if (qEnvironmentVariableIntValue("BRIDGELC_NO_CLOSE_CONFIRM") == 1) m_confirmClose = false;

    addToolBar(m_toolBar);
    m_toolBar->setExportMenu(m_exportMenu);
    auto* dock = new QDockWidget(tr("Dataset"), this);
    dock->setObjectName(QStringLiteral("datasetDock"));
    dock->setWidget(m_datasetPanel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_tabs->addTab(m_trainingPanel, tr("Training"));
    m_tabs->addTab(m_confusion, tr("Confusion"));
    m_tabs->addTab(m_metrics, tr("Metrics"));
    m_tabs->addTab(m_runs, tr("Runs"));
    setCentralWidget(m_tabs);
    statusBar()->addPermanentWidget(m_status);
    m_runs->setRoot(AppSettings::runsRoot());

    createMenus();
    connectLoader();
    connectTraining();
    restoreLayout();
}

MainWindow::~MainWindow() {
    m_queue->cancel();
    m_controller->shutdown();
    saveLayout();
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions->open);
    file->addMenu(m_recent);
    file->addAction(m_actions->sample);
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
    menuBar()->addMenu(tr("&Help"))->addAction(m_actions->about);

    connect(m_actions->open, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open points"), QFileInfo(AppSettings::lastFile()).absolutePath(),
            tr("Point files (*.csv *.tsv *.txt *.gpkg *.geojson *.json *.shp);;All files (*)"));
        if (!path.isEmpty()) openFile(path);
    });
    connect(m_recent, &RecentFilesMenu::fileChosen, this, &MainWindow::openFile);
    connect(m_actions->sample, &QAction::triggered, this, &MainWindow::openSample);
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);
    connect(m_actions->train, &QAction::triggered, this, &MainWindow::startTraining);
    connect(m_actions->stop, &QAction::triggered, this, &MainWindow::stopTraining);
    connect(m_actions->runAll, &QAction::triggered, this, &MainWindow::runAll);
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::editSettings);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_exportMenu, &ExportMenu::exported, this,
            [this](const QString& path) { statusBar()->showMessage(tr("Wrote %1").arg(path), 8000); });
    connect(m_exportMenu, &ExportMenu::exportFailed, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Export"), message); });
}

void MainWindow::connectLoader() {
    connect(m_loader, &DatasetLoader::loadingStarted, this, [this](const QString& what) {
        m_status->setLoading(true, what);
        m_datasetPanel->setLoading(what);
        onStateChanged();
    });
    connect(m_loader, &DatasetLoader::loaded, this, &MainWindow::onLoaded);
    connect(m_loader, &DatasetLoader::failed, this, &MainWindow::onLoadFailed);
}

void MainWindow::connectTraining() {
    TrainingController* c = m_controller;
    connect(c, &TrainingController::stateChanged, this, &MainWindow::onStateChanged);
    connect(c, &TrainingController::runStarted, m_status, &TrainingStatus::onRunStarted);
    connect(c, &TrainingController::runStarted, m_trainingPanel, &TrainingPanel::onRunStarted);
    connect(c, &TrainingController::runStarted, this, [this] { m_tabs->setCurrentWidget(m_trainingPanel); });
    connect(c, &TrainingController::splitReady, m_status, &TrainingStatus::onSplitReady);
    connect(c, &TrainingController::splitReady, m_trainingPanel, &TrainingPanel::onSplitReady);
    connect(c, &TrainingController::phaseChanged, m_status, &TrainingStatus::onPhase);
    connect(c, &TrainingController::epochReady, m_status, &TrainingStatus::onEpoch);
    connect(c, &TrainingController::epochReady, m_trainingPanel, &TrainingPanel::onEpoch);
    connect(c, &TrainingController::progress, m_status, &TrainingStatus::onProgress);
    connect(c, &TrainingController::message, m_trainingPanel, &TrainingPanel::onMessage);
    connect(c, &TrainingController::runFinished, m_status, &TrainingStatus::onFinished);
    connect(c, &TrainingController::runFinished, m_trainingPanel, &TrainingPanel::onFinished);
    connect(c, &TrainingController::runFinished, this, &MainWindow::onRunFinished);
    connect(c, &TrainingController::runSaved, m_runs, &RunsView::refresh);
    connect(c, &TrainingController::runSaved, m_exportMenu, &ExportMenu::setSavedRun);
    connect(c, &TrainingController::runSaved, m_trainingPanel, [this](const RunSummary& summary) {
        m_trainingPanel->log(tr("Saved as %1").arg(QString::fromStdString(summary.id)));
    });
    connect(c, &TrainingController::saveFailed, m_trainingPanel, [this](const QString& message) {
        m_trainingPanel->log(tr("Could not save the run: %1").arg(message));
    });

    connect(m_queue, &RunQueue::progressChanged, this, [this](int done, int) {
        if (done > 0) m_trainingPanel->log(m_queue->progressText());
    });
    connect(m_queue, &RunQueue::finished, this, [this] {
        const QString text = m_queue->summaryText();
        m_trainingPanel->log(text);
        statusBar()->showMessage(text, 15000);
        m_tabs->setCurrentWidget(m_runs);
        onStateChanged();
    });
    connect(m_confusion, &ConfusionView::cellSelected, this, [this](int, int, const QVector<qint64>& rows) {
        statusBar()->showMessage(tr("%n test point(s) in this cell", nullptr, int(rows.size())), 8000);
    });
}

bool MainWindow::openFile(const QString& path) {
    return m_loader->loadFile(path);
}

bool MainWindow::openSample() {
    return m_loader->loadSample();
}

bool MainWindow::reopenLastFile() {
    const QString last = AppSettings::lastFile();
    if (last == AppSettings::sampleMarker()) return openSample();
    return !last.isEmpty() && QFileInfo::exists(last) && openFile(last);
}

void MainWindow::onLoaded(const DatasetPtr& dataset, const ValidationReport& report, const QString& path) {
    m_status->setLoading(false);
    m_dataset = dataset;
    const bool sample = path.isEmpty();
    const QString name = sample ? DatasetLoader::sampleDisplayName() : path;
    m_datasetPanel->setDataset(dataset, report, name);
    m_toolBar->setDataset(dataset);
    AppSettings::setLastFile(sample ? AppSettings::sampleMarker() : path);
    if (!sample) m_recent->add(path);
    setWindowTitle(
        tr("%1 — BRIDGE-LC Explorer").arg(sample ? tr("synthetic sample") : QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("Loaded %n point(s)", nullptr, int(dataset->size())), 8000);
    onStateChanged();
}

void MainWindow::onLoadFailed(const QString& message, const ValidationReport& report, const QString& path) {
    m_status->setLoading(false);
    const QString name = path.isEmpty() ? DatasetLoader::sampleDisplayName() : path;
    m_datasetPanel->setFailed(name, message, report);
    onStateChanged();
    // Window-modal but not blocking: the application goes on (and tests are never stuck in a dialog).
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Could not open the file"),
                        tr("%1\n\n%2").arg(QFileInfo(name).fileName(), message), QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool MainWindow::startTraining() {
    if (!m_dataset || m_controller->isBusy() || m_loader->isLoading()) return false;
    TrainingRequest request;
    request.dataset = m_dataset;
    request.modelName = m_toolBar->modelName();
    request.scenario = m_toolBar->scenario();
    request.heldOutRegion = m_toolBar->heldOutRegion();
    request.settings = AppSettings::trainingSettings();
    request.runsRoot = m_runs->root();
    return m_controller->start(request);
}

void MainWindow::stopTraining() {
    if (m_queue->isRunning()) {
        m_queue->cancel();
    } else {
        m_controller->stop();
    }
}

void MainWindow::onRunFinished(const RunResult& run) {
    // A failed run never replaces what the views show; a stopped one shows its best model, clearly labelled.
    if (run.status == RunStatus::Failed || !run.model) {
        statusBar()->showMessage(tr("Training failed: %1").arg(QString::fromStdString(run.message)), 15000);
        return;
    }
    m_confusion->setResult(run, *m_controller->currentRequest().dataset);
    m_metrics->setResult(run);
    m_exportMenu->setRun(run, m_controller->currentRequest().dataset);
}

void MainWindow::onStateChanged() {
    const bool busy = m_controller->isBusy() || m_queue->isRunning();
    const bool loading = m_loader->isLoading();
    const auto state = m_controller->state();
    m_actions->showStopState(busy, state == TrainingController::State::Stopping);
    if (state == TrainingController::State::Stopping) m_status->onStopping();
    m_actions->train->setEnabled(!busy && !loading && m_dataset);
    m_actions->runAll->setEnabled(!busy && !loading && m_dataset);
    m_actions->open->setEnabled(!busy && !loading);
    m_actions->sample->setEnabled(!busy && !loading);
    m_recent->setEnabled(!busy && !loading);
    m_actions->settings->setEnabled(!busy);
    m_toolBar->setChoicesEnabled(!busy);
}

void MainWindow::runAll() {
    if (!m_dataset || m_controller->isBusy()) return;
    RunAllDialog dialog(m_dataset, this);
    if (dialog.exec() != QDialog::Accepted) return;
    TrainingRequest base;
    base.dataset = m_dataset;
    base.settings = AppSettings::trainingSettings();
    base.runsRoot = m_runs->root();
    m_queue->start(RunQueue::plan(base, dialog.models(), dialog.extrap(), dialog.loro()));
    onStateChanged();
}

void MainWindow::editSettings() {
    SettingsDialog dialog(AppSettings::trainingSettings(), this);
    if (dialog.exec() == QDialog::Accepted) AppSettings::setTrainingSettings(dialog.settings());
}

void MainWindow::showAbout() {
    AboutBox::showModal(this);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_controller->isBusy() || m_queue->isRunning()) {
        if (m_confirmClose &&
            QMessageBox::question(this, tr("Training in progress"), tr("Stop training and quit?"),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_queue->cancel();
    m_controller->shutdown();  // a run in progress stops at its next mini-batch and is not saved
    saveLayout();
    event->accept();
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

void MainWindow::saveLayout() {
    if (m_layoutSaved) return;
    m_layoutSaved = true;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
}

void MainWindow::restoreLayout() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1500, 950);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
        resizeDocks({findChild<QDockWidget*>()}, {340}, Qt::Horizontal);  // wide enough for the problems list
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
}

}  // namespace bridgelc
