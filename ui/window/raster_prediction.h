#pragma once
#include <QObject>
#include <QString>
#include <memory>

#include "ui/jobs/raster_prediction_job.h"

class QAction;
class QMainWindow;

namespace bridgelc {

class BackgroundTask;
class RasterPredictionStatus;
class SessionState;

/// File ▸ Predict a raster with this model: the shown result's model applied to every pixel of a feature
/// stack by core's RasterPredictor, in a worker (BackgroundTask) with its progress and a Cancel button in the
/// status bar. A cancelled prediction leaves its resumable state; predicting the same stack into the same
/// file with the same model resumes it. Errors open a non-blocking message naming the file. The action is
/// enabled while the shown result has a model and no prediction runs.
class RasterPrediction : public QObject {
    Q_OBJECT
public:
    RasterPrediction(SessionState* state, QAction* action, QMainWindow* window);
    ~RasterPrediction() override;

    /// Asks for the feature stack and the output GeoTIFF (in the folders used last) and starts.
    void chooseAndStart();
    /// Predicts `stack` into `out` with the shown model; false, with the message shown, when no model is
    /// shown or a prediction already runs.
    bool start(const QString& stack, const QString& out);
    /// Stops the prediction in progress after the block being predicted.
    void cancel();
    bool isRunning() const;
    /// Blocks until the prediction has returned and its result was applied; for tests.
    void waitForFinished();

    RasterPredictionStatus* status() const { return m_status; }
    /// How the last prediction ended (also a cancelled one: part.completed false).
    const RasterPredictionOutcome& lastOutcome() const { return m_last; }

Q_SIGNALS:
    /// The GeoTIFF `out` is complete (the window shows it as a map layer).
    void predicted(const QString& out);
    /// The prediction failed; `message` names the file.
    void failed(const QString& message);
    /// Cancel took effect: the prediction returned and its state on disk is resumable.
    void canceled();
    void runningChanged(bool running);

private:
    void updateAction();
    void showError(const QString& message);
    void onProgress();
    void onFinished(const RasterPredictionOutcome& outcome);
    void onCanceled();

    SessionState* m_state;
    QAction* m_action;
    QMainWindow* m_window;
    BackgroundTask* m_task;
    RasterPredictionStatus* m_status;
    std::shared_ptr<RasterJobProgress> m_progress;
    std::shared_ptr<RasterPredictionOutcome> m_outcome;  ///< written by the job, read when it was cancelled
    RasterPredictionOutcome m_last;
    QString m_out;
};

}  // namespace bridgelc
