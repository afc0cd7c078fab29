#pragma once
#include <cstddef>
#include <vector>

#include "core/train/training_settings.h"

namespace bridgelc {

/// Cross-entropy weight of each of `classes` classes from the training labels. None: all 1.
/// InverseFrequency: w_c = 1 / count_c for classes present, rescaled so the present classes average 1;
/// classes absent from training get 0 (no target ever uses them). Labels outside 0..classes-1 are ignored.
std::vector<double> classWeights(const std::vector<int>& labels, std::size_t classes,
                                 ClassWeighting weighting);

}  // namespace bridgelc
