#include "ui/window/raster_prediction.h"
#include "ui/common/save_dialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolButton>

#include "core/io/checkpoint.h"
#include "core/io/export_provenance.h"
#include "core/model/model.h"
#include "ui/jobs/background_task.h"
#include "ui/window/raster_prediction_status.h"
#include "ui/window/session_state.h"

namespace bridgelc {

namespace {

const QString kStackFolder = QStringLiteral("rasterPrediction/stackFolder");

/// The folder a dialog last used, else the documents folder, else home: always one that exists (a dialog
/// given a missing folder offers its name as the file name).
QString folderSetting(const QString& key) {
    const QString folder = QSettings().value(key).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir()) return folder;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

}  // namespace

RasterPrediction::RasterPrediction(SessionState* state, QAction* action, QMainWindow* window)
    : QObject(window),
      m_state(state),
      m_action(action),
      m_window(window),
      m_task(new BackgroundTask(this)),
      m_status(new RasterPredictionStatus(window)) {
    window->statusBar()->addPermanentWidget(m_status);
    connect(m_action, &QAction::triggered, this, &RasterPrediction::chooseAndStart);
    connect(m_state, &SessionState::shownChanged, this, &RasterPrediction::updateAction);
    connect(m_task, &BackgroundTask::progressChanged, this, &RasterPrediction::onProgress);
    connect(m_task, &BackgroundTask::canceled, this, &RasterPrediction::onCanceled);
    connect(m_status, &RasterPredictionStatus::cancelRequested, this, &RasterPrediction::cancel);
    updateAction();
}

RasterPrediction::~RasterPrediction() = default;  // the task (a child) cancels and waits for the job

bool RasterPrediction::isRunning() const {
    return m_task->isRunning();
}

void RasterPrediction::updateAction() {
    const auto& shown = m_state->shown();
    m_action->setEnabled(!isRunning() && shown && shown->run.model);
}

void RasterPrediction::chooseAndStart() {
    const QString stack =
        QFileDialog::getOpenFileName(m_window, tr("Feature stack to predict"), folderSetting(kStackFolder),
                                     tr("Rasters (*.tif *.tiff *.vrt *.img);;All files (*)"));
    if (stack.isEmpty()) return;
    QSettings().setValue(kStackFolder, QFileInfo(stack).absolutePath());
    // The map of a stack belongs beside it: the stack's folder is proposed, not the last export's.
    const QString suggested = QFileInfo(stack).absoluteDir().filePath(
        QStringLiteral("%1_landcover.tif").arg(QFileInfo(stack).completeBaseName()));
    QString out = askSaveFileName(m_window, tr("Save the land-cover GeoTIFF as"), suggested,
                                  tr("GeoTIFF (*.tif *.tiff)"));
    if (out.isEmpty()) return;
    if (QFileInfo(out).suffix().isEmpty()) out += QStringLiteral(".tif");
    start(stack, out);
}

bool RasterPrediction::start(const QString& stack, const QString& out) {
    const auto& shown = m_state->shown();
    if (isRunning()) {
        showError(tr("A raster is already being predicted (%1); cancel it first.").arg(m_out));
        return false;
    }
    if (!shown || !shown->run.model) {
        showError(
            tr("No model to predict %1 with: train a model or select a saved run that has one.").arg(stack));
        return false;
    }
    RasterPredictionRequest request;
    request.model = shown->run.model;
    const QString checkpoint = shown->savedDirectory + QLatin1Char('/') + QLatin1String(kCheckpointFileName);
    if (!shown->savedDirectory.isEmpty() && QFileInfo::exists(checkpoint)) request.checkpoint = checkpoint;
    // A model never saved is known only in this process: its state resumes until the application quits.
    request.sessionKey = QStringLiteral("unsaved:%1:%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(reinterpret_cast<quintptr>(request.model.get()), 0, 16);
    request.stack = stack;
    request.out = out;
    request.metadata =
        runProvenance(
            shown->run, QFileInfo(shown->savedDirectory).fileName().toStdString(),
            (shown->dataset.path.isEmpty() ? shown->dataset.name : shown->dataset.path).toStdString(),
            shown->dataset.fingerprint.toStdString())
            .items();

    m_out = out;
    m_progress = std::make_shared<RasterJobProgress>();
    m_outcome = std::make_shared<RasterPredictionOutcome>();
    m_task->start([request, progress = m_progress, outcome = m_outcome,
                   this](TaskFeedback& feedback) -> BackgroundTask::Completion {
        *outcome = runRasterPrediction(request, *progress, feedback);
        return [this, result = *outcome] { onFinished(result); };
    });
    m_status->start(QFileInfo(stack).fileName());
    m_window->statusBar()->showMessage(tr("Predicting %1 with %2 into %3…")
                                           .arg(QFileInfo(stack).fileName(),
                                                QString::fromStdString(request.model->info().displayName),
                                                out));
    updateAction();
    Q_EMIT runningChanged(true);
    return true;
}

void RasterPrediction::cancel() {
    if (!isRunning()) return;
    m_task->cancel();
    m_status->cancelButton()->setEnabled(false);
    m_window->statusBar()->showMessage(tr("Stopping the raster prediction after the current block…"));
}

void RasterPrediction::waitForFinished() {
    m_task->waitForFinished();
}

void RasterPrediction::onProgress() {
    if (m_progress) m_status->showProgress(m_progress->snapshot());
}

void RasterPrediction::onFinished(const RasterPredictionOutcome& outcome) {
    m_last = outcome;
    m_status->stop();
    updateAction();
    Q_EMIT runningChanged(false);
    if (!outcome.ok) {
        showError(outcome.error);
        Q_EMIT failed(outcome.error);
        return;
    }
    const QLocale locale;
    m_window->statusBar()->showMessage(
        tr("Wrote %1: %2 pixels in %3 s (%4 pixels/s), GeoTIFF in %5 s")
            .arg(m_out, locale.toString(static_cast<qlonglong>(outcome.part.pixels)))
            .arg(outcome.part.seconds, 0, 'f', 1)
            .arg(locale.toString(outcome.part.pixelsPerSecond(), 'f', 0))
            .arg(outcome.writeSeconds, 0, 'f', 1),
        15000);
    Q_EMIT predicted(m_out);
}

void RasterPrediction::onCanceled() {
    const RasterPredictionOutcome outcome = m_outcome ? *m_outcome : RasterPredictionOutcome();
    if (outcome.ok) {  // the last block was done before Cancel was seen: the file is complete, show it
        onFinished(outcome);
        return;
    }
    m_last = outcome;
    m_status->stop();
    updateAction();
    Q_EMIT runningChanged(false);
    m_window->statusBar()->showMessage(tr("Raster prediction cancelled: %1 of %2 blocks done. Predict the "
                                          "same stack into %3 again to resume.")
                                           .arg(outcome.part.blocksDone)
                                           .arg(outcome.part.blocksTotal)
                                           .arg(m_out));
    Q_EMIT canceled();
}

void RasterPrediction::showError(const QString& message) {
    // Window-modal but not blocking, like every error box of the window.
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Predict a raster"), message, QMessageBox::Ok, m_window);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("rasterPredictionError"));
    box->open();
}

}  // namespace bridgelc
