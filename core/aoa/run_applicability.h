#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/aoa/area_of_applicability.h"
#include "core/eval/metrics.h"

namespace bridgelc {

class Model;
struct Dataset;
struct Split;

/// The cross-validation fold of each training row of a split, for the training DI: the biogeographical
/// regions for LORO (so the threshold reflects transfer to an unseen region), the spatial blocks of the
/// BLOCKS scenario (5 folds of 100 km blocks, seeded) for EXTRAP and BLOCKS.
struct TrainingFolds {
    std::vector<int> fold;           ///< one per split.train row
    std::vector<std::string> names;  ///< name of each fold value
};
TrainingFolds trainingFolds(const Dataset& dataset, const Split& split, std::uint64_t seed);

/// The area of applicability of a trained model on split.train (importance from featureImportance() on
/// split.validation). Throws AoaError when it cannot be defined (e.g. one fold only).
std::shared_ptr<const AreaOfApplicability> buildAreaOfApplicability(const Model& model,
                                                                    const Dataset& dataset,
                                                                    const Split& split, std::uint64_t seed);

/// Scores of the labelled points inside and outside the area of applicability.
struct ApplicabilityScores {
    std::size_t inside = 0, outside = 0;
    Metrics insideMetrics, outsideMetrics;
    double shareOutside() const {
        return inside + outside ? double(outside) / double(inside + outside) : 0.0;
    }
};
ApplicabilityScores scoreByApplicability(const std::vector<int>& truth, const std::vector<int>& predicted,
                                         const std::vector<bool>& inside, std::size_t classes);

}  // namespace bridgelc
