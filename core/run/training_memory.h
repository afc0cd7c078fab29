#pragma once
#include <cstdint>
#include <string>

#include "core/model/model_registry.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// What training one model on a dataset will need in memory, by part (DESIGN section 5's cost model: the
/// data tensors, the parameters with their gradients, optimiser moments and best/EMA copies, the activations
/// of one batch, and SupCon's 2B x 2B similarity matrix, which grows with the square of the batch).
struct TrainingMemory {
    std::uint64_t data = 0, parameters = 0, activations = 0, contrastive = 0;
    std::uint64_t total() const { return data + parameters + activations + contrastive; }
    std::string breakdown() const;  ///< "data 40 MB, model 3.2 MB, ..." (parts that are not zero)
};

TrainingMemory estimateTrainingMemory(const ModelInfo& model, const TrainingSettings& settings,
                                      std::uint64_t points, std::uint64_t features, std::uint64_t classes);

/// Empty when the estimate fits memoryBudget(); otherwise a plain sentence saying what is needed, what is
/// available and what to change (a smaller batch size that fits, or fewer points).
std::string trainingMemoryProblem(const ModelInfo& model, const TrainingSettings& settings,
                                  std::uint64_t points, std::uint64_t features, std::uint64_t classes);

}  // namespace bridgelc
