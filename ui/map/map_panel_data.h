#pragma once
#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/aoa/area_of_applicability.h"
#include "ui/jobs/training_request.h"
#include "ui/map/map_points.h"

namespace bridgelc {

struct RunResult;
class Model;
class TaskFeedback;

/// Which part of a run's split a point was in.
enum class PointPart : signed char {
    None = -1,       ///< not in the split, or the split is unknown
    Train = 0,       ///< trained on
    Validation = 1,  ///< used for early stopping and model selection
    Test = 2         ///< scored
};

/// Everything the Map tab knows about one dataset and, optionally, one model's predictions of its points. An
/// immutable value built off the GUI thread; the points drawn are derived from it (composeMapPoints) so that
/// switching between test points and all points never predicts again.
struct MapPanelData {
    DatasetPtr dataset;
    MapPoints points;                  ///< every point shown; predictions where known; title = whose
    std::vector<signed char> part;     ///< PointPart per point; empty when there is no run
    std::vector<float> probabilities;  ///< points x probabilityClasses.size(), row-major; empty: none
    QStringList probabilityClasses;    ///< the model's classes, in its output order
    QString heldOutRegion;             ///< EEA code of a LORO run's held-out region, else empty
    QString note;                      ///< something the user must know (e.g. the split was not reproduced)
    std::array<std::size_t, 3> partCounts{};  ///< train, validation, test
    std::int64_t predicted = 0;               ///< points with a prediction
    bool live = false;                        ///< predictions of a model still training
    /// Where the run's model can be trusted (null without one); the points' DI is computed on request.
    std::shared_ptr<const AreaOfApplicability> aoa;
    QString aoaNote;            ///< why there is no area of applicability (when aoa is null)
    double predictSeconds = 0;  ///< time spent predicting (off the GUI thread)

    bool hasParts() const { return !part.empty(); }
    PointPart partOf(std::size_t row) const {
        return row < part.size() ? PointPart(part[row]) : PointPart::None;
    }
};

/// Short name of a part ("train", "validation", "test", "–").
QString partName(PointPart part);

/// The dataset alone: true classes, no predictions. Thread-safe (projects every point: call it off the GUI
/// thread for large datasets).
std::shared_ptr<const MapPanelData> mapDataOfDataset(DatasetPtr dataset, const QString& whose);

/// A run on its dataset. With run.model every point is predicted once (in chunks; cancelled between them)
/// and the part of each point is recomputed with core/split from the run's scenario, held-out region and
/// seed, then checked against run.test.rows; without a model only run.test's predictions are shown. Returns
/// null when cancelled; problems (e.g. a model that does not fit the dataset) become `note`, never
/// exceptions.
std::shared_ptr<const MapPanelData> mapDataOfRun(DatasetPtr dataset, const RunResult& run,
                                                 const QString& whose, TaskFeedback& feedback);

/// The run `request` is about to train, before any prediction: its split made again exactly as the training
/// worker makes it (same scenario, seed, held-out region and fold), so the map can show its test points and
/// hatch its held-out region from the start. Null when cancelled; a split that cannot be made becomes `note`.
std::shared_ptr<const MapPanelData> mapDataOfTraining(DatasetPtr dataset, const TrainingRequest& request,
                                                      const QString& whose, TaskFeedback& feedback);

/// `base` with every point predicted by `model` (a live snapshot while training), keeping base's split,
/// held-out region and note. Null when cancelled or when the model does not fit the dataset.
std::shared_ptr<const MapPanelData> mapDataOfModel(const MapPanelData& base, const Model& model,
                                                   const QString& whose, TaskFeedback& feedback);

/// The dissimilarity index of every point of `data` against its run's area of applicability, computed in
/// chunks (cancelled between them, progress reported). Null when cancelled, without an area of applicability,
/// or when the dataset lacks one of its features (then `error` names them).
std::shared_ptr<const std::vector<float>> dissimilarityOfPoints(const MapPanelData& data,
                                                                TaskFeedback& feedback, QString* error);

/// The dissimilarity index of one dataset row against the run's area of applicability; NaN without one or
/// when the dataset lacks one of its features. Call it off the GUI thread (a nearest-neighbour search).
float dissimilarityOfRow(const MapPanelData& data, std::size_t row);

/// The points the map draws: `data`'s, with all but the test points hidden when `testOnly` and the parts are
/// known, and the probability of `probabilityClass` (index into probabilityClasses; -1 none) filled in.
/// `classVisible` (per class of data.points.classNames; empty: all) hides the points of the classes filtered
/// out: by their predicted class when `mode` colours by it, else by their true class.
std::shared_ptr<const MapPoints> composeMapPoints(const MapPanelData& data, bool testOnly,
                                                  int probabilityClass,
                                                  const std::vector<unsigned char>& classVisible,
                                                  PointColorMode mode);
std::shared_ptr<const MapPoints> composeMapPoints(const MapPanelData& data, bool testOnly,
                                                  int probabilityClass);

/// The side panel's counts of composed `points`: all, shown, the parts, and how many shown were predicted
/// right.
QString pointCounts(const MapPanelData& data, const MapPoints& points);

}  // namespace bridgelc
