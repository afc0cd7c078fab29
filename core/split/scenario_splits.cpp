// The one place a scenario becomes splits; the desktop application, the CLI and the experiment runner all
// come through here, so they divide the same data the same way.
#include <algorithm>

#include "core/split/split.h"

namespace bridgelc {

std::vector<Split> scenarioSplits(const Dataset& dataset, const ScenarioOptions& options,
                                  std::vector<std::string>* notes) {
    switch (options.scenario.kind()) {
        case Scenario::Extrap: {
            ExtrapOptions extrap;
            extrap.trainFraction = options.trainFraction;
            extrap.validationFraction = options.validationFraction;
            extrap.seed = options.seed;
            return {extrapSplit(dataset, extrap)};
        }
        case Scenario::Loro: {
            if (options.heldOutRegion)
                return {options.validationRegions > 0
                            ? loroFoldRegionValidation(dataset, *options.heldOutRegion,
                                                       options.validationRegions, options.seed,
                                                       options.validationMinPoints)
                            : loroFold(dataset, *options.heldOutRegion, options.validationFraction,
                                       options.seed)};
            std::vector<Split> folds =
                loroFolds(dataset, options.validationFraction, options.seed, options.minTestPoints, notes);
            if (options.validationRegions > 0)
                for (Split& fold : folds)
                    fold = loroFoldRegionValidation(dataset, fold.heldOutRegion, options.validationRegions,
                                                    options.seed, options.validationMinPoints);
            return folds;
        }
        case Scenario::Blocks:
            return spatialBlockFolds(dataset, options.blockFolds, options.blockMeters,
                                     options.validationFraction, options.seed);
    }
    return {};
}

}  // namespace bridgelc
