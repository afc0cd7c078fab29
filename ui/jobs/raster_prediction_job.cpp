#include "ui/jobs/raster_prediction_job.h"

#include <QFileInfo>
#include <QThread>
#include <exception>
#include <filesystem>

#include "core/raster/raster_merge.h"
#include "core/raster/raster_part.h"
#include "core/train/training_observer.h"
#include "ui/jobs/background_task.h"

namespace bridgelc {

namespace {

/// The predictor's and the merge's callbacks, into the shared progress and the task's cancel flag.
class JobObserver : public TrainingObserver {
public:
    JobObserver(RasterJobProgress& progress, TaskFeedback& feedback)
        : m_progress(progress), m_feedback(feedback) {}

    void onProgress(std::int64_t done, std::int64_t total) override {
        m_progress.setProgress(done, total);
        if (total > 0) m_feedback.setProgress(100.0 * static_cast<double>(done) / static_cast<double>(total));
    }
    void onPhase(const std::string& phase) override {
        m_progress.setPhase(phase == "predicting raster" ? RasterJobProgress::Phase::Predicting
                                                         : RasterJobProgress::Phase::Writing);
    }
    void onMessage(const std::string& message) override {
        m_progress.addMessage(QString::fromStdString(message));
    }
    bool isCancelled() const override { return m_feedback.isCanceled(); }

private:
    RasterJobProgress& m_progress;
    TaskFeedback& m_feedback;
};

}  // namespace

RasterJobProgress::Snapshot RasterJobProgress::snapshot() const {
    std::lock_guard lock(m_mutex);
    Snapshot s = m_state;
    if (s.phase == Phase::Predicting && m_started) {
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
        const auto doneHere = static_cast<double>(s.done - m_baseline);
        if (seconds > 0 && doneHere > 0) {
            s.pixelsPerSecond = doneHere / seconds;
            s.etaSeconds = static_cast<double>(s.total - s.done) / s.pixelsPerSecond;
        }
    }
    return s;
}

void RasterJobProgress::setPhase(Phase phase) {
    std::lock_guard lock(m_mutex);
    m_state.phase = phase;
    m_state.done = m_state.total = 0;
}

void RasterJobProgress::setProgress(qint64 done, qint64 total) {
    std::lock_guard lock(m_mutex);
    if (m_state.phase == Phase::Predicting && !m_started) {
        m_started = true;
        m_baseline = done;  // blocks an interrupted run already predicted
        m_start = std::chrono::steady_clock::now();
    }
    m_state.done = done;
    m_state.total = total;
}

void RasterJobProgress::addMessage(const QString& message) {
    std::lock_guard lock(m_mutex);
    m_state.messages << message;
}

RasterPredictionOutcome runRasterPrediction(const RasterPredictionRequest& request,
                                            RasterJobProgress& progress, TaskFeedback& feedback) {
    RasterPredictionOutcome outcome;
    JobObserver observer(progress, feedback);
    try {
        const std::string key = request.checkpoint.isEmpty()
                                    ? request.sessionKey.toStdString()
                                    : checkpointKey(request.checkpoint.toStdString());
        RasterPredictionOptions options;
        options.stack = request.stack.toStdString();
        options.out = request.out.toStdString();
        options.confidence = true;  // the map's hover tells how sure the model is
        options.metadata = request.metadata;
        RasterPredictor predictor(request.model, key, options);
        outcome.part = predictor.run(observer);
        if (!outcome.part.completed) return outcome;  // cancelled: <out>.parts/ stays for a resume
        const RasterMergeResult merged =
            mergeRasterParts(options.out, std::max(1, QThread::idealThreadCount()), observer);
        outcome.writeSeconds = merged.seconds;
        std::error_code ignored;  // parts left behind only cost disk space
        std::filesystem::remove_all(RasterPart::partsDirectory(options.out), ignored);
        outcome.ok = true;
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
}

}  // namespace bridgelc
