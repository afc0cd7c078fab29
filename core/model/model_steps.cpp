#include "core/model/model_steps.h"

#include <algorithm>

namespace bridgelc {

IterationUnit iterationUnitOf(const std::string& modelName) {
    if (modelName == "random-forest") return IterationUnit::Tree;
    if (modelName == "gradient-boosting") return IterationUnit::BoostingRound;
    return IterationUnit::Epoch;
}

int plannedIterations(const std::string& modelName, const TrainingSettings& settings) {
    switch (iterationUnitOf(modelName)) {
        case IterationUnit::Tree:
            return std::max(1, settings.trees);
        case IterationUnit::BoostingRound:
            return std::max(1, settings.boostingRounds);
        case IterationUnit::Epoch:
            break;
    }
    return settings.epochs;
}

}  // namespace bridgelc
