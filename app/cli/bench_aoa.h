#pragma once
// The area-of-applicability lines of `bridgelc bench`: DI of many points against the training part, next to
// inference in the same run, and what the AOA costs after training.
#include <nlohmann/json.hpp>
#include <string>

#include "core/data/dataset.h"

namespace bridgelc {
class Model;
}

namespace bridgelc::cli {

/// Builds the area of applicability of `model` on `data`'s EXTRAP training part (seed 0; ~49,000 points on
/// the full table), timing its parts (importance, d̄, training DI), then computes the DI of `points` points
/// made of the rows outside that training part, repeated, on one thread. Returns {"trainingPoints",
/// "features", "weightKind", "weightedFeatures" (weights above 0: the columns the search uses),
/// "importanceSeconds", "meanDistanceSeconds", "trainingDiSeconds", "buildSeconds", "points", "diSeconds",
/// "diPointsPerSecond", "inferencePointsPerSecond", "addedShareOfPrediction" (DI time / inference time for
/// the same points), "shareOutside", and by process CPU time, which a loaded machine does not skew:
/// "diCpuSeconds", "inferenceCpuSeconds" (one pass of the model over the same points) and
/// "addedShareOfPredictionCpu" (their ratio)}.
nlohmann::json benchApplicability(const Model& model, const Dataset& data, std::size_t points,
                                  double inferencePointsPerSecond);

/// The report's AOA lines for the terminal.
std::string applicabilityBenchText(const nlohmann::json& aoa);

}  // namespace bridgelc::cli
