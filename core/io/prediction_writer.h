#pragma once
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/run/training_run.h"

namespace bridgelc {

/// Field of the true class in exported predictions. Not "true": GeoPackage is SQLite and TRUE is an SQL
/// keyword, so every query had to quote it; nor "predicted", to read alike.
inline constexpr const char* kTrueClassField = "true_class";
/// Field of the predicted class in exported predictions.
inline constexpr const char* kPredictedClassField = "predicted_class";
/// The names files written before used; readers accept them too.
inline constexpr const char* kLegacyTrueClassField = "true";
inline constexpr const char* kLegacyPredictedClassField = "predicted";

/// File formats predictions can be exported to (all through OGR, EPSG:4326 points).
enum class PredictionFormat {
    Csv,        ///< one row per point, lon/lat columns, no geometry column
    GeoJson,    ///< FeatureCollection of points
    GeoPackage  ///< layer "predictions" of points
};

/// The format implied by a file name's extension (.csv, .geojson/.json, .gpkg); throws std::invalid_argument
/// naming the supported extensions otherwise.
PredictionFormat predictionFormatForPath(const std::string& path);

/// The probability field of each class: "p_" + the class name in lower case with every run of other
/// characters than [a-z0-9] turned into one '_' ("Artificial land" -> "p_artificial_land"); repeated names
/// get "_2", "_3".
std::vector<std::string> probabilityFieldNames(const std::vector<std::string>& classNames);

/// Writes one feature per prediction with fields id, lon, lat, region (EEA code, empty outside), true_class
/// (dataset class name), predicted_class (model class name), correct (1/0), confidence and p_<class> for
/// every model class; true_class and correct are null (empty in CSV) for a point without a label (label -1,
/// e.g. read with LoadOptions::requireLabel = false). `modelClassNames` names the columns of `predictions`
/// (they may differ from the dataset's own classes when a saved model predicts another file); "correct"
/// compares names. The file is written to a temporary and renamed. Throws std::runtime_error naming the path
/// on failure.
void writePredictions(const std::string& path, const Dataset& dataset, const Predictions& predictions,
                      const std::vector<std::string>& modelClassNames);
void writePredictions(const std::string& path, PredictionFormat format, const Dataset& dataset,
                      const Predictions& predictions, const std::vector<std::string>& modelClassNames);

}  // namespace bridgelc
