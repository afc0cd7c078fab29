#pragma once
// What a model's training steps are, known before it trains (the GUI plans and labels runs with it).
#include <string>

#include "core/train/training_observer.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// What the training curve of the model named `modelName` counts: trees (random forest), boosting rounds
/// (gradient boosting) or epochs (every neural model, and names this version does not know).
IterationUnit iterationUnitOf(const std::string& modelName);
/// How many of those `settings` plan for that model: trees, maximum boosting rounds, or epochs.
int plannedIterations(const std::string& modelName, const TrainingSettings& settings);

}  // namespace bridgelc
