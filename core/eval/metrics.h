#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/eval/confusion_matrix.h"

namespace bridgelc {

/// Scores of one class (precision = user's accuracy, recall = producer's accuracy).
struct ClassScores {
    double precision = 0, recall = 0, f1 = 0;
    std::size_t support = 0;  ///< true points of the class
};

/// The accuracy figures remote-sensing papers report. Undefined ratios (0/0) count as 0, as scikit-learn's
/// zero_division=0 does.
struct Metrics {
    std::size_t points = 0;
    double overallAccuracy = 0;
    double kappa = 0;
    double macroF1 = 0;
    double weightedF1 = 0;        ///< the paper's headline "F1"
    double balancedAccuracy = 0;  ///< mean recall over classes present in the truth
    std::vector<ClassScores> perClass;
};

Metrics computeMetrics(const ConfusionMatrix& confusion);

/// Metrics of the points of each region (index into biogeographicalRegions(); regions without points get
/// points == 0).
std::vector<Metrics> metricsPerRegion(const std::vector<int>& truth, const std::vector<int>& predicted,
                                      const std::vector<int>& region, std::size_t classes,
                                      std::size_t regions);

}  // namespace bridgelc
