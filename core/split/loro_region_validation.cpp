// Leave-one-region-out with region-held-out validation: the settings of a model tested on an unseen region
// are chosen on other unseen regions, never on the test region and never on random points of the regions it
// trains on (which would reward what does not transfer).
#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/geo/regions.h"
#include "core/split/split.h"

namespace bridgelc {

Split loroFoldRegionValidation(const Dataset& dataset, int region, int validationRegions, std::uint64_t seed,
                               std::size_t minValidationPoints) {
    const auto& regions = biogeographicalRegions();
    if (dataset.region.size() != dataset.size())
        throw std::invalid_argument("LORO split: the dataset has " + std::to_string(dataset.region.size()) +
                                    " regions for " + std::to_string(dataset.size()) + " points");
    if (region < 0 || region >= static_cast<int>(regions.size()))
        throw std::invalid_argument("LORO split: no region with index " + std::to_string(region));
    if (validationRegions < 1)
        throw std::invalid_argument("LORO split: region-held-out validation needs at least one region, not " +
                                    std::to_string(validationRegions));

    std::vector<std::size_t> counts(regions.size(), 0);
    for (int r : dataset.region)
        if (r >= 0 && r < static_cast<int>(regions.size())) ++counts[static_cast<std::size_t>(r)];
    std::vector<int> candidates;
    for (std::size_t r = 0; r < regions.size(); ++r)
        if (static_cast<int>(r) != region && counts[r] > 0 && counts[r] >= minValidationPoints)
            candidates.push_back(static_cast<int>(r));
    const std::size_t k = static_cast<std::size_t>(validationRegions);
    const std::string name = "LORO-" + regions[static_cast<std::size_t>(region)].code;
    if (candidates.size() < k)
        throw std::invalid_argument(name + ": " + std::to_string(k) +
                                    " validation region(s) asked for, but only " +
                                    std::to_string(candidates.size()) + " other region(s) have at least " +
                                    std::to_string(minValidationPoints) + " points");

    Split split;
    split.name = name;
    split.scenario = Scenario::Loro;
    split.heldOutRegion = region;
    const std::size_t m = candidates.size();
    for (std::size_t j = 0; j < k; ++j)
        split.validationRegions.push_back(candidates[static_cast<std::size_t>((seed % m) * k + j) % m]);
    std::sort(split.validationRegions.begin(), split.validationRegions.end());
    for (std::size_t i = 0; i < dataset.size(); ++i) {
        const int r = dataset.region[i];
        const auto row = static_cast<std::int64_t>(i);
        if (r == region)
            split.test.push_back(row);
        else if (std::binary_search(split.validationRegions.begin(), split.validationRegions.end(), r))
            split.validation.push_back(row);
        else
            split.train.push_back(row);
    }
    if (split.train.empty())
        throw std::invalid_argument(name +
                                    ": nothing is left to train on once the validation regions are set "
                                    "aside");
    return split;
}

}  // namespace bridgelc
