// Leave-one-region-out: the paper's test of transfer to an unseen biogeographical region.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/geo/regions.h"
#include "core/split/split.h"
#include "core/split/split_random.h"

namespace bridgelc {

namespace {
constexpr std::uint64_t kLoroStreamBase = 100;

void checkRegions(const Dataset& dataset) {
    if (dataset.label.size() != dataset.size())
        throw std::invalid_argument("LORO split: the dataset has " + std::to_string(dataset.label.size()) +
                                    " labels for " + std::to_string(dataset.size()) + " points");
    if (dataset.region.size() != dataset.size())
        throw std::invalid_argument("LORO split: the dataset has " + std::to_string(dataset.region.size()) +
                                    " regions for " + std::to_string(dataset.size()) + " points");
}
}  // namespace

Split loroFold(const Dataset& dataset, int region, double validationFraction, std::uint64_t seed) {
    using namespace split_detail;
    checkRegions(dataset);
    checkFraction(validationFraction, "LORO validation fraction");
    const auto& regions = biogeographicalRegions();
    if (region < 0 || region >= static_cast<int>(regions.size()))
        throw std::invalid_argument("LORO split: no region with index " + std::to_string(region));

    Split split;
    split.name = "LORO-" + regions[static_cast<std::size_t>(region)].code;
    split.scenario = Scenario::Loro;
    split.heldOutRegion = region;
    // Points outside every region (-1) are never a test set of their own; they stay in the training pool.
    std::vector<std::int64_t> pool;
    for (std::size_t i = 0; i < dataset.size(); ++i)
        (dataset.region[i] == region ? split.test : pool).push_back(static_cast<std::int64_t>(i));
    SplitRandom random(seed, kLoroStreamBase + static_cast<std::uint64_t>(region));
    std::vector<std::int64_t> noTest;
    dealStratified(dataset, pool, 1.0 - validationFraction, validationFraction, random, split.train,
                   split.validation, noTest);
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.validation.begin(), split.validation.end());
    return split;
}

std::vector<Split> loroFolds(const Dataset& dataset, double validationFraction, std::uint64_t seed,
                             std::size_t minTestPoints, std::vector<std::string>* notes) {
    checkRegions(dataset);
    const auto& regions = biogeographicalRegions();
    std::vector<std::size_t> counts(regions.size(), 0);
    std::size_t outside = 0;
    for (int region : dataset.region) {
        if (region >= 0 && region < static_cast<int>(regions.size()))
            ++counts[static_cast<std::size_t>(region)];
        else
            ++outside;
    }
    auto note = [notes](std::string text) {
        if (notes) notes->push_back(std::move(text));
    };
    if (outside > 0)
        note(std::to_string(outside) +
             " points outside every region are never tested and stay in the training pool");

    std::vector<Split> folds;
    for (std::size_t r = 0; r < regions.size(); ++r) {
        if (counts[r] == 0) continue;
        if (counts[r] < std::max<std::size_t>(minTestPoints, 1)) {
            note("LORO-" + regions[r].code + " skipped: " + std::to_string(counts[r]) +
                 " points, fewer than " + std::to_string(minTestPoints));
            continue;
        }
        if (counts[r] == dataset.size()) {
            note("LORO-" + regions[r].code + " skipped: every point is in " + regions[r].name +
                 ", nothing is left to train on");
            continue;
        }
        folds.push_back(loroFold(dataset, static_cast<int>(r), validationFraction, seed));
    }
    return folds;
}

}  // namespace bridgelc
