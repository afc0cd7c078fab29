#pragma once
#include <QString>
#include <QStringList>
#include <chrono>
#include <memory>
#include <mutex>

#include "core/raster/raster_predictor.h"

namespace bridgelc {

class Model;
class TaskFeedback;

/// What to predict: the shown model, the feature stack and the output GeoTIFF.
struct RasterPredictionRequest {
    std::shared_ptr<const Model> model;
    QString checkpoint;  ///< the model's saved file, when it has one: keys the resumable state by its bytes
    QString sessionKey;  ///< the key of a model never saved (valid while this process runs)
    QString stack, out;
    /// GeoTIFF metadata items: the provenance of the model (ExportProvenance::items()).
    std::vector<std::pair<std::string, std::string>> metadata;
};

/// How a prediction ended (a cancelled one never reaches the GUI as an outcome; see RasterJobProgress).
struct RasterPredictionOutcome {
    bool ok = false;
    QString error;  ///< names the file (GDAL, band mapping, writing)
    RasterPartResult part;
    double writeSeconds = 0;  ///< assembling the GeoTIFF (overviews, compression)
};

/// The raster prediction's progress, shared between the worker (writes) and the GUI (reads): phase, pixels
/// done, pixels per second and time left of this run (blocks resumed from an interrupted run count as done
/// but not in the rate), and the messages the predictor sent.
class RasterJobProgress {
public:
    enum class Phase { Starting, Predicting, Writing };
    struct Snapshot {
        Phase phase = Phase::Starting;
        qint64 done = 0, total = 0;  ///< pixels when predicting; thousandths when writing
        double pixelsPerSecond = 0;
        double etaSeconds = -1;  ///< -1: not known yet
        QStringList messages;
    };

    Snapshot snapshot() const;
    void setPhase(Phase phase);
    void setProgress(qint64 done, qint64 total);
    void addMessage(const QString& message);

private:
    mutable std::mutex m_mutex;
    Snapshot m_state;
    bool m_started = false;  ///< the first pixel count of the predicting phase (resumed pixels) is known
    qint64 m_baseline = 0;
    std::chrono::steady_clock::time_point m_start;
};

/// Predicts `request.stack` block by block with core's RasterPredictor (class and confidence bands) and
/// assembles the GeoTIFF, on the calling (worker) thread. Polls `feedback` between blocks: a cancelled run
/// leaves `<out>.parts/` so the same request resumes where it stopped; a completed one removes it. Never
/// throws: errors come back in the outcome.
RasterPredictionOutcome runRasterPrediction(const RasterPredictionRequest& request,
                                            RasterJobProgress& progress, TaskFeedback& feedback);

}  // namespace bridgelc
