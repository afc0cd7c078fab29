#include "core/run/training_memory.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/util/memory_budget.h"

namespace bridgelc {

namespace {
constexpr std::uint64_t kHidden = 256, kLayers = 3, kEncoding = 128, kFloat = 4;
}  // namespace

std::string TrainingMemory::breakdown() const {
    std::string text;
    auto part = [&](const char* name, std::uint64_t bytes) {
        if (bytes) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", name, humanBytes(bytes));
    };
    part("data", data);
    part("model and optimiser", parameters);
    part("one batch", activations);
    part("SupCon similarity matrix", contrastive);
    return text;
}

TrainingMemory estimateTrainingMemory(const ModelInfo& model, const TrainingSettings& settings,
                                      std::uint64_t points, std::uint64_t features, std::uint64_t classes) {
    TrainingMemory m;
    if (model.isTree) {
        // XGBoost: the float matrix, its quantised copy, gradients and pairs per class, and predictions.
        m.data = points * features * kFloat * 3;
        m.parameters = points * classes * 8 * 3;
        return m;
    }
    const bool encoding = model.usesCoordinates && model.name != "mlp-latlon";
    const std::uint64_t inputs = features + (encoding ? kEncoding : 2);
    const std::uint64_t branches = model.usesRegions ? 2 : 1;
    const std::uint64_t batch =
        std::max<std::uint64_t>(2, std::min<std::uint64_t>(settings.batchSize, points));
    // Features, labels and regions of every row, and the 128-d encoding where the model reads one.
    m.data = points * (features * kFloat + 16 + (encoding ? kEncoding * kFloat : 0));
    const std::uint64_t weights = branches * (inputs * kHidden + (kLayers - 1) * kHidden * kHidden) +
                                  kHidden * (classes + 16) + (encoding ? 2 * kEncoding * kHidden : 0);
    // Weights, gradients, two AdamW moments, the best copy and the moving average.
    m.parameters = weights * kFloat * 6;
    // Per layer: linear output, normalised, activated, dropout mask; forward and backward.
    m.activations = batch * (inputs + branches * kHidden * kLayers * 4) * kFloat * 2;
    if (model.usesRegions && settings.contrastiveWeight > 0 && model.name != "bridgelc-no-supcon")
        m.contrastive = (2 * batch) * (2 * batch) * kFloat * 6;  // similarities, exp, masks, log-probs, grads
    return m;
}

std::string trainingMemoryProblem(const ModelInfo& model, const TrainingSettings& settings,
                                  std::uint64_t points, std::uint64_t features, std::uint64_t classes) {
    const TrainingMemory need = estimateTrainingMemory(model, settings, points, features, classes);
    const MemoryBudget budget = memoryBudget();
    if (need.total() <= budget.availableBytes) return {};
    std::string message = fmt::format(
        "Training {} on {} points needs about {} of memory ({}), but only {} is available (limited by {}).",
        model.displayName, points, humanBytes(need.total()), need.breakdown(),
        humanBytes(budget.availableBytes), budget.limitedBy);
    // The largest batch that fits, halving from the one asked for.
    TrainingSettings smaller = settings;
    while (!model.isTree && smaller.batchSize > 2) {
        smaller.batchSize /= 2;
        if (estimateTrainingMemory(model, smaller, points, features, classes).total() <=
            budget.availableBytes)
            return message +
                   fmt::format(" Use a batch size of {} or less (now {}), or train on fewer points.",
                               smaller.batchSize, settings.batchSize);
    }
    return message + " Train on fewer points or fewer features, or close other programs.";
}

}  // namespace bridgelc
