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
/// "importanceSeconds", "meanDistanceSeconds", "trainingDiSeconds", "indexSeconds" (the search over the
/// training rows, also built on load), "buildSeconds", "points", "diSeconds",
/// "diPointsPerSecond", "inferencePointsPerSecond", "addedShareOfPrediction" (DI time / inference time for
/// the same points), "shareOutside", and by process CPU time, which a loaded machine does not skew:
/// "diCpuSeconds", "inferenceCpuSeconds" (one pass of the model over the same points) and
/// "addedShareOfPredictionCpu" (their ratio), "diPointsPerSecondCpu", "inferencePointsPerSecondCpu", and
/// "reference": the first 20,000 points' DI from the reference k-d tree against the search in use
/// ("sameDecision" and "withinOnePercent" as shares of those points, "largestRelativeDifference" (relative to
/// the reference DI, or to 1e-6 when that is smaller),
/// "referencePointsPerSecondCpu", and "searchPointsPerSecondCpu": the search in use on those points alone,
/// "largestDifferenceFromTheFullRun": how far its DI of them alone lies from theirs in the full run)}.
nlohmann::json benchApplicability(const Model& model, const Dataset& data, std::size_t points,
                                  double inferencePointsPerSecond);

/// The report's AOA lines for the terminal.
std::string applicabilityBenchText(const nlohmann::json& aoa);

}  // namespace bridgelc::cli
