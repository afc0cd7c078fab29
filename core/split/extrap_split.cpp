// EXTRAP: the paper's random stratified split, or the fixed split a file carries.
#include <algorithm>
#include <stdexcept>

#include "core/split/split.h"
#include "core/split/split_random.h"

namespace bridgelc {

namespace {
constexpr std::uint64_t kExtrapStream = 1;
}

Split extrapSplit(const Dataset& dataset, const ExtrapOptions& options) {
    using namespace split_detail;
    checkFraction(options.trainFraction, "EXTRAP train fraction");
    checkFraction(options.validationFraction, "EXTRAP validation fraction");
    if (options.trainFraction + options.validationFraction > 1.0 + 1e-9)
        throw std::invalid_argument("EXTRAP train and validation fractions add up to more than 1");
    if (dataset.label.size() != dataset.size())
        throw std::invalid_argument("EXTRAP split: the dataset has " + std::to_string(dataset.label.size()) +
                                    " labels for " + std::to_string(dataset.size()) + " points");

    Split split;
    split.name = "EXTRAP";
    split.scenario = Scenario::Extrap;
    SplitRandom random(options.seed, kExtrapStream);

    const bool fixed = options.honourFixedSplit && dataset.fixedSplit.size() == dataset.size() &&
                       std::count(dataset.fixedSplit.begin(), dataset.fixedSplit.end(), 1) > 0;
    std::vector<std::int64_t> pool;
    pool.reserve(dataset.size());
    if (fixed) {
        // The file decides the test set; rows marked train or not marked share train and validation in the
        // same proportion as the random split would.
        for (std::size_t i = 0; i < dataset.size(); ++i)
            (dataset.fixedSplit[i] == 1 ? split.test : pool).push_back(static_cast<std::int64_t>(i));
        const double kept = options.trainFraction + options.validationFraction;
        const double validationShare = kept > 0.0 ? options.validationFraction / kept : 0.0;
        std::vector<std::int64_t> noTest;
        dealStratified(dataset, pool, 1.0 - validationShare, validationShare, random, split.train,
                       split.validation, noTest);
    } else {
        for (std::size_t i = 0; i < dataset.size(); ++i)
            pool.push_back(static_cast<std::int64_t>(i));
        dealStratified(dataset, pool, options.trainFraction, options.validationFraction, random, split.train,
                       split.validation, split.test);
    }
    std::sort(split.train.begin(), split.train.end());
    std::sort(split.validation.begin(), split.validation.end());
    std::sort(split.test.begin(), split.test.end());
    return split;
}

}  // namespace bridgelc
