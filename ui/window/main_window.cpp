#include "ui/window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/io/saved_run.h"
#include "core/train/compute_threads.h"
#include "ui/common/icons.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/jobs/run_all_process.h"
#include "ui/jobs/training_controller.h"
#include "ui/map/map_panel.h"
#include "ui/views/confusion_view.h"
#include "ui/views/dataset_panel.h"
#include "ui/views/embeddings_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/result_banner.h"
#include "ui/views/runs_view.h"
#include "ui/views/training_panel.h"
#include "ui/window/about_box.h"
#include "ui/window/app_settings.h"
#include "ui/window/export_menu.h"
#include "ui/window/help_dialogs.h"
#include "ui/window/label_selection.h"
#include "ui/window/main_actions.h"
#include "ui/window/recent_files_menu.h"
#include "ui/window/result_presenter.h"
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
      m_runAll(new RunAllProcess(this)),
      m_datasetPanel(new DatasetPanel(this)),
      m_trainingPanel(new TrainingPanel(this)),
      m_confusion(new ConfusionView(this)),
      m_metrics(new MetricsView(this)),
      m_runs(new RunsView(this)),
      m_exportMenu(new ExportMenu(m_trainingPanel->curvesView(), m_confusion, m_metrics, this)),
      m_status(new TrainingStatus(this)),
      m_tabs(new QTabWidget(this)),
      m_state(new SessionState(this)),
      m_map(new MapPanel(this)),
      m_embeddings(new EmbeddingsView(this)),
      m_presenter(new ResultPresenter(m_state, m_confusion, m_metrics, m_exportMenu, this)) {
    registerMetaTypes();
    setWindowIcon(productIcon(QStringLiteral("app")));
    setWindowTitle(tr("BRIDGE-LC Explorer"));
    setAcceptDrops(true);
    if (qEnvironmentVariableIntValue("BRIDGELC_NO_CLOSE_CONFIRM") == 1) m_confirmClose = false;

    addToolBar(m_toolBar);
    m_toolBar->setExportMenu(m_exportMenu);
    auto* dock = new QDockWidget(tr("Dataset"), this);
    dock->setObjectName(QStringLiteral("datasetDock"));
    dock->setWidget(scrollable(m_datasetPanel));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);  // View ▸ Dataset panel brings it back
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_datasetPanel->setLoader(m_loader);
    // In the order of MainWindow::Tab.
    m_tabs->addTab(scrollable(withBanner(m_map, &m_mapBanner)), tr("Map"));
    m_presenter->setMapBanner(m_mapBanner);
    m_tabs->addTab(scrollable(withBanner(m_trainingPanel, &m_trainingBanner)), tr("Training"));
    m_tabs->addTab(scrollable(withBanner(m_confusion, &m_confusionBanner)), tr("Confusion"));
    m_tabs->addTab(scrollable(withBanner(m_metrics, &m_metricsBanner)), tr("Metrics"));
    m_tabs->addTab(scrollable(withBanner(m_embeddings, &m_embeddingsBanner)), tr("Embeddings"));
    m_tabs->addTab(scrollable(m_runs), tr("Runs"));
    for (int tab = 0; tab < m_tabs->count(); ++tab) {
        m_tabs->setTabToolTip(tab, tr("%1 (Alt+%2)").arg(m_tabs->tabText(tab)).arg(tab + 1));
        auto* go = new QAction(tr("Show the %1 tab").arg(m_tabs->tabText(tab)), this);
        go->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + tab)));
        connect(go, &QAction::triggered, this, [this, tab] { m_tabs->setCurrentIndex(tab); });
        addAction(go);
        m_tabActions << go;
    }
    setCentralWidget(m_tabs);
    statusBar()->addPermanentWidget(m_status);
    m_runs->setRoot(AppSettings::runsRoot());
    m_presenter->setMap(m_map, AppSettings::runsRoot());
    m_exportMenu->setMap(m_map->mapView());
    m_presenter->setEmbeddings(m_embeddings);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onTabChanged);
    updateTitle();

    createMenus();
    connectLoader();
    connectLabels();
    connectTraining();
    restoreLayout();
    restoreRasters();
}

MainWindow::~MainWindow() {
    m_runAll->cancel();
    m_controller->shutdown();
    saveLayout();
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
    connect(c, &TrainingController::runStarted, this, [this](const TrainingRequest& request) {
        m_runDataset = request.dataset == m_state->dataset() ? m_state->datasetIdentity()
                                                             : SessionState::identify(*request.dataset, {});
        // The dataset's own warnings stand over the curves while it trains, not only in the dock.
        const QStringList warnings =
            request.dataset == m_state->dataset() ? m_datasetPanel->warnings() : QStringList();
        m_trainingBanner->setResult(tr("Training %1").arg(describeRequest(request)), warnings);
        // The map follows the run being trained: its name, its split, its held-out region.
        m_presenter->showTraining(request, describeRequest(request), warnings);
        if (m_tabs->currentIndex() != int(Tab::Map)) showTab(Tab::Training);  // the map predicts live
    });
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
    connect(c, &TrainingController::modelSnapshot, m_map,
            [this](const std::shared_ptr<const Model>& model) { m_map->showLiveModel(model); });
    connect(c, &TrainingController::runSaved, m_runs, &RunsView::refresh);
    connect(c, &TrainingController::runSaved, m_state, [this](const RunSummary& summary) {
        m_state->setSavedDirectory(QString::fromStdString(summary.directory));
    });
    connect(c, &TrainingController::runSaved, m_trainingPanel, [this](const RunSummary& summary) {
        m_trainingPanel->log(tr("Saved as %1").arg(QString::fromStdString(summary.id)));
    });
    connect(c, &TrainingController::saveFailed, m_trainingPanel, [this](const QString& message) {
        m_trainingPanel->log(tr("Could not save the run: %1").arg(message));
    });

    connect(m_runAll, &RunAllProcess::progressChanged, this, [this](int done, int) {
        const QString text = m_runAll->progressText();
        if (done > 0) m_trainingPanel->log(text);
        statusBar()->showMessage(text);
    });
    connect(m_runAll, &RunAllProcess::runFinished, m_runs, [this](const QString& savedRunId) {
        if (!savedRunId.isEmpty()) m_runs->refresh();
    });
    connect(m_runAll, &RunAllProcess::finished, this, [this] {
        const QString text = m_runAll->summaryText();
        m_trainingPanel->log(text);
        statusBar()->showMessage(text, 15000);
        m_tabs->setCurrentWidget(m_runs);
        m_presenter->refreshRegionScores();  // the held-out regions just scored colour the map
        onStateChanged();
    });
    connect(m_runs, &RunsView::savedRunLoaded, this, &MainWindow::onSavedRunLoaded);
    connect(m_runs, &RunsView::savedRunFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Could not open the saved run: %1").arg(message), 15000);
    });
    connect(m_confusion, &ConfusionView::cellSelected, this, [this](int, int, const QVector<qint64>& rows) {
        if (!m_state->shownMatchesDataset()) {
            statusBar()->showMessage(tr("%n test point(s) in this cell, of another dataset than the open one",
                                        nullptr, int(rows.size())),
                                     8000);
            return;
        }
        m_map->selectRows(std::vector<std::int64_t>(rows.begin(), rows.end()));
        statusBar()->showMessage(
            tr("%n test point(s) in this cell, selected on the Map tab (Alt+1)", nullptr, int(rows.size())),
            8000);
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
    const bool sample = path.isEmpty();
    m_labels->setLoaded(dataset, report);  // applyLabels() shows the dataset of the chosen labels
    AppSettings::setLastFile(sample ? AppSettings::sampleMarker() : path);
    if (!sample) m_recent->add(path);
    statusBar()->showMessage(tr("Loaded %n point(s)", nullptr, int(dataset->size())), 8000);
}

void MainWindow::onLoadFailed(const QString& message, const ValidationReport& report, const QString& path) {
    m_status->setLoading(false);
    const QString name = path.isEmpty() ? DatasetLoader::sampleDisplayName() : path;
    // No half-state: the previous data is closed too, so nothing can be trained on data the panel no longer
    // names, and results that belonged to it are marked as such.
    m_labels->clear();
    m_state->clearDataset();
    m_toolBar->setDataset(nullptr);
    m_runs->setDataset(nullptr, {});
    m_datasetPanel->setFailed(name, message, report);
    updateTitle();
    onStateChanged();
    // Window-modal but not blocking: the application goes on (and tests are never stuck in a dialog).
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Could not open the file"),
                        tr("%1\n\n%2").arg(QFileInfo(name).fileName(), message), QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::describeRequest(const TrainingRequest& request) const {
    ShownResult planned;
    planned.run.modelName = request.modelName;
    planned.run.scenario = request.scenario;
    planned.run.heldOutRegion = request.heldOutRegion;
    planned.run.settings = request.settings;
    if (request.scenario == Scenario::Blocks)
        planned.run.splitName = tr("BLOCKS fold %1").arg(request.blockFold + 1).toStdString();
    planned.dataset = m_runDataset;
    return planned.whose();
}

void MainWindow::showTab(Tab tab) {
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

void MainWindow::onTabChanged() {
    m_presenter->refreshVisibleViews();
    // Live predictions on the map cost a copy of the weights and a prediction of every point every few
    // seconds: only while the map is being watched (from the next run on).
    m_controller->setSnapshotInterval(m_tabs->currentIndex() == int(Tab::Map) ? 3000 : 0);
}

DatasetPtr MainWindow::dataset() const {
    return m_state->dataset();
}

void MainWindow::updateTitle() {
    const DatasetIdentity& data = m_state->datasetIdentity();
    setWindowTitle(data.isKnown() ? tr("%1 — BRIDGE-LC Explorer").arg(data.name) : tr("BRIDGE-LC Explorer"));
}

QWidget* MainWindow::scrollable(QWidget* page) {
    // On a small screen a page smaller than its minimum scrolls instead of widening the window off the
    // screen.
    auto* area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(page);
    return area;
}

QWidget* MainWindow::withBanner(QWidget* view, ResultBanner** banner) {
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    *banner = m_presenter->createBanner(page);
    layout->addWidget(*banner);
    layout->addWidget(view, 1);
    return page;
}

bool MainWindow::startTraining() {
    if (!dataset() || m_controller->isBusy() || m_loader->isLoading()) return false;
    TrainingRequest request;
    request.dataset = dataset();
    request.modelName = m_toolBar->modelName();
    request.scenario = m_toolBar->scenario();
    request.heldOutRegion = m_toolBar->heldOutRegion();
    request.blockFold = m_toolBar->blockFold();
    request.labels = m_labels->choice();
    request.settings = AppSettings::trainingSettings();
    request.runsRoot = m_runs->root();
    return m_controller->start(request);
}

void MainWindow::stopTraining() {
    if (m_runAll->isRunning()) {
        m_runAll->cancel();
    } else {
        m_controller->stop();
    }
}

void MainWindow::onRunFinished(const RunResult& run) {
    // A failed run never replaces what the views show; a stopped one shows its best model, clearly labelled.
    if (run.status == RunStatus::Failed || !run.model) {
        const QString why = QString::fromStdString(run.message);
        m_presenter->trainingEnded();
        statusBar()->showMessage(tr("Training failed: %1").arg(why), 15000);
        m_trainingBanner->setResult(tr("Failed: %1").arg(describeRequest(m_controller->currentRequest())),
                                    {why});
        return;
    }
    ShownResult shown;
    shown.run = run;
    shown.dataset = m_runDataset;
    shown.points = m_controller->currentRequest().dataset;
    m_state->setShown(std::move(shown));
}

void MainWindow::onSavedRunLoaded(const std::shared_ptr<const SavedRun>& saved, bool bound) {
    if (!bound && switchToLabelsOf(*saved)) return;  // read again, located in the data of its labels
    ShownResult shown;
    shown.run = saved->result;
    shown.reopened = true;
    shown.savedDirectory = QString::fromStdString(saved->summary.directory);
    shown.dataset.fingerprint = QString::fromStdString(saved->datasetFingerprint);
    shown.dataset.points = static_cast<qint64>(saved->datasetPoints);
    const QString savedPath = QString::fromStdString(saved->summary.datasetPath);
    shown.dataset.path = savedPath.isEmpty() ? QString() : QFileInfo(savedPath).absoluteFilePath();
    shown.dataset.name =
        saved->summary.datasetSynthetic ? tr("synthetic sample") : QFileInfo(shown.dataset.path).fileName();
    if (saved->summary.labels != LabelChoice{})
        shown.dataset.name +=
            QStringLiteral(" · ") + QString::fromStdString(saved->summary.labels.description());
    if (bound) shown.points = m_state->dataset();
    const DatasetIdentity& open = m_state->datasetIdentity();
    if (open.isKnown() && !open.path.isEmpty() && open.path == shown.dataset.path &&
        open.fingerprint != shown.dataset.fingerprint)
        shown.notes
            << tr("%1 has changed since this run was trained on it (fingerprint %2 then, %3 now): the "
                  "scores are those of the file as it was.")
                   .arg(open.name, shown.dataset.fingerprint.left(8), open.fingerprint.left(8));
    if (!saved->modelProblem.empty())
        shown.notes << tr("Its model could not be read (%1): scores and counts are as saved, nothing can be "
                          "predicted with it.")
                           .arg(QString::fromStdString(saved->modelProblem));
    if (saved->result.test.predicted.empty() && saved->result.testConfusion.total() > 0)
        shown.notes << tr("Its test predictions were not saved: the matrix shows the saved counts.");
    m_state->setShown(std::move(shown));
    statusBar()->showMessage(tr("Showing the saved run %1").arg(QString::fromStdString(saved->summary.id)),
                             8000);
}

void MainWindow::onStateChanged() {
    const bool busy = m_controller->isBusy() || m_runAll->isRunning();
    const bool loading = m_loader->isLoading();
    const auto state = m_controller->state();
    m_actions->showStopState(busy, state == TrainingController::State::Stopping);
    if (state == TrainingController::State::Stopping) m_status->onStopping();
    const bool open = dataset() != nullptr;
    m_actions->train->setEnabled(!busy && !loading && open);
    m_actions->runAll->setEnabled(!busy && !loading && open);
    m_actions->open->setEnabled(!busy && !loading);
    m_actions->sample->setEnabled(!busy && !loading);
    m_recent->setEnabled(!busy && !loading);
    m_actions->settings->setEnabled(!busy);
    m_toolBar->setChoicesEnabled(!busy);
}

void MainWindow::runAll() {
    if (!dataset() || m_controller->isBusy()) return;
    RunAllDialog dialog(dataset(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    RunAllRequest request;
    request.dataPath = m_loader->lastPath();
    request.labels = m_labels->choice();
    request.keepMostlyEmptyColumns = DatasetLoader::keepMostlyEmptyColumns();
    request.models = dialog.models();
    request.extrap = dialog.extrap();
    request.loro = dialog.loro();
    request.settings = AppSettings::trainingSettings();
    request.runsRoot = m_runs->root();
    // Beside the runs folder: the experiment's jobs and tables (results.md), one folder per Run all.
    request.experimentDirectory = QDir::cleanPath(
        QDir(m_runs->root())
            .absoluteFilePath(QStringLiteral("../experiments/run-all-") +
                              QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    request.threads = machineCores();
    request.plannedRuns =
        RunAllProcess::plannedRuns(*dataset(), int(request.models.size()), request.extrap, request.loro);
    if (!m_runAll->start(request)) QMessageBox::warning(this, tr("Run all"), m_runAll->errorText());
    onStateChanged();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_controller->isBusy() || m_runAll->isRunning()) {
        if (m_confirmClose &&
            QMessageBox::question(
                this, tr("Training in progress"),
                tr("Stop training and quit?\n\nAs with Stop, the run so far is saved with its "
                   "best model under Runs (nothing is saved if no epoch has finished yet). "
                   "Runs of \"Run all\" not started yet are not run."),
                QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        statusBar()->showMessage(tr("Stopping and saving the run…"));
    }
    m_runAll->cancel();  // finished runs are saved; the experiment's running jobs stop within a step
    m_controller->stopSaveAndShutdown();  // the run in progress stops at its next mini-batch and is saved
    saveLayout();
    event->accept();
}

}  // namespace bridgelc
