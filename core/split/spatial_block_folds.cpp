// Spatial block cross-validation: honest scores within seen regions, since neighbouring points are
// correlated.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/geo/laea_projection.h"
#include "core/split/split.h"
#include "core/split/split_random.h"

namespace bridgelc {

namespace {
constexpr std::uint64_t kBlockDealStream = 200;
constexpr std::uint64_t kBlockFoldStreamBase = 300;

std::string kilometres(double meters) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", meters / 1000.0);
    return text;
}
}  // namespace

std::vector<Split> spatialBlockFolds(const Dataset& dataset, int k, double blockMeters,
                                     double validationFraction, std::uint64_t seed) {
    using namespace split_detail;
    if (k < 2) throw std::invalid_argument("spatial blocks need at least 2 folds, got " + std::to_string(k));
    if (!(blockMeters > 0.0) || !std::isfinite(blockMeters))
        throw std::invalid_argument("spatial block size must be a positive number of metres");
    checkFraction(validationFraction, "spatial block validation fraction");
    if (dataset.label.size() != dataset.size() || dataset.lat.size() != dataset.size())
        throw std::invalid_argument(
            "spatial blocks: the dataset's label, lon and lat columns differ in length");

    std::vector<double> x = dataset.lon, y = dataset.lat;
    LaeaProjection().forward(x.data(), y.data(), x.size());

    // Ordered map: block order, hence the dealing, depends only on the data and the seed.
    std::map<std::pair<long long, long long>, std::vector<std::int64_t>> blocks;
    std::vector<std::int64_t> unplaced;  // coordinates PROJ cannot project: never tested, always trained on
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double bx = std::floor(x[i] / blockMeters), by = std::floor(y[i] / blockMeters);
        if (!std::isfinite(bx) || !std::isfinite(by) || std::abs(bx) > 1e15 || std::abs(by) > 1e15) {
            unplaced.push_back(static_cast<std::int64_t>(i));
            continue;
        }
        blocks[{static_cast<long long>(bx), static_cast<long long>(by)}].push_back(
            static_cast<std::int64_t>(i));
    }
    if (blocks.size() < static_cast<std::size_t>(k))
        throw std::invalid_argument("spatial blocks: the points fall in " + std::to_string(blocks.size()) +
                                    " blocks of " + kilometres(blockMeters) + " km, fewer than " +
                                    std::to_string(k) + " folds; use smaller blocks or fewer folds");

    std::vector<std::int64_t> order(blocks.size());
    for (std::size_t b = 0; b < order.size(); ++b)
        order[b] = static_cast<std::int64_t>(b);
    SplitRandom dealer(seed, kBlockDealStream);
    dealer.shuffle(order);
    std::vector<int> foldOfBlock(blocks.size());
    for (std::size_t position = 0; position < order.size(); ++position)
        foldOfBlock[static_cast<std::size_t>(order[position])] =
            static_cast<int>(position % static_cast<std::size_t>(k));

    std::vector<Split> folds(static_cast<std::size_t>(k));
    std::vector<std::vector<std::int64_t>> pools(folds.size(), unplaced);
    std::size_t b = 0;
    for (const auto& entry : blocks) {
        const int fold = foldOfBlock[b++];
        for (int f = 0; f < k; ++f) {
            auto& target =
                f == fold ? folds[static_cast<std::size_t>(f)].test : pools[static_cast<std::size_t>(f)];
            target.insert(target.end(), entry.second.begin(), entry.second.end());
        }
    }
    for (int f = 0; f < k; ++f) {
        Split& split = folds[static_cast<std::size_t>(f)];
        split.name = "BLOCKS-" + std::to_string(f + 1) + "/" + std::to_string(k);
        split.scenario = Scenario::Blocks;
        SplitRandom random(seed, kBlockFoldStreamBase + static_cast<std::uint64_t>(f));
        std::vector<std::int64_t> noTest;
        dealStratified(dataset, pools[static_cast<std::size_t>(f)], 1.0 - validationFraction,
                       validationFraction, random, split.train, split.validation, noTest);
        std::sort(split.train.begin(), split.train.end());
        std::sort(split.validation.begin(), split.validation.end());
        std::sort(split.test.begin(), split.test.end());
    }
    return folds;
}

}  // namespace bridgelc
