#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/geo/laea_projection.h"
#include "core/split/split.h"
#include "tests/split/split_checks.h"

namespace bridgelc {
namespace {

const std::vector<double> kRegionShares = {0.6, 0.4};

TEST(SpatialBlockFolds, TestSetsPartitionThePointsAndEachFoldCoversAll) {
    const Dataset dataset = test::syntheticDataset(4000, 21, kRegionShares);
    const auto folds = spatialBlockFolds(dataset, 5, 100000.0, 0.1, 3);
    ASSERT_EQ(folds.size(), 5u);
    std::vector<int> timesTested(dataset.size(), 0);
    for (std::size_t f = 0; f < folds.size(); ++f) {
        EXPECT_EQ(folds[f].name, "BLOCKS-" + std::to_string(f + 1) + "/5");
        EXPECT_EQ(folds[f].scenario, "blocks");
        EXPECT_TRUE(test::partitionsAllRows(folds[f], dataset.size()));
        EXPECT_GT(folds[f].test.size(), 400u);  // about 1/5 of the blocks each
        for (auto row : folds[f].test)
            ++timesTested[static_cast<std::size_t>(row)];
    }
    EXPECT_TRUE(std::all_of(timesTested.begin(), timesTested.end(), [](int t) { return t == 1; }));
}

TEST(SpatialBlockFolds, NoBlockIsSharedBetweenTestAndTraining) {
    const Dataset dataset = test::syntheticDataset(3000, 22, kRegionShares);
    std::vector<double> x = dataset.lon, y = dataset.lat;
    LaeaProjection().forward(x.data(), y.data(), x.size());
    auto blockOf = [&](std::int64_t row) {
        const auto i = static_cast<std::size_t>(row);
        return std::make_pair(std::floor(x[i] / 50000.0), std::floor(y[i] / 50000.0));
    };
    for (const Split& fold : spatialBlockFolds(dataset, 4, 50000.0, 0.1, 0)) {
        std::set<std::pair<double, double>> testBlocks;
        for (auto row : fold.test)
            testBlocks.insert(blockOf(row));
        for (const auto* part : {&fold.train, &fold.validation})
            for (auto row : *part)
                EXPECT_EQ(testBlocks.count(blockOf(row)), 0u) << fold.name;
    }
}

TEST(SpatialBlockFolds, SeededAndValidated) {
    const Dataset dataset = test::syntheticDataset(2000, 23, kRegionShares);
    const auto a = spatialBlockFolds(dataset, 3, 200000.0, 0.1, 1);
    const auto b = spatialBlockFolds(dataset, 3, 200000.0, 0.1, 1);
    const auto c = spatialBlockFolds(dataset, 3, 200000.0, 0.1, 2);
    for (std::size_t f = 0; f < 3; ++f) {
        EXPECT_EQ(a[f].test, b[f].test);
        EXPECT_EQ(a[f].validation, b[f].validation);
    }
    EXPECT_NE(a[0].test, c[0].test);
    EXPECT_THROW(spatialBlockFolds(dataset, 1), std::invalid_argument);
    EXPECT_THROW(spatialBlockFolds(dataset, 5, 0.0), std::invalid_argument);
    EXPECT_THROW(spatialBlockFolds(dataset, 5, 5.0e6), std::invalid_argument);  // one or two huge blocks
}

TEST(SpatialBlockFolds, PointsWithoutCoordinatesAreOnlyTrainedOn) {
    Dataset dataset = test::syntheticDataset(1000, 24, kRegionShares);
    dataset.lon[10] = std::nan("");
    const auto folds = spatialBlockFolds(dataset, 5);
    for (const Split& fold : folds) {
        EXPECT_TRUE(test::partitionsAllRows(fold, dataset.size()));
        EXPECT_FALSE(std::binary_search(fold.test.begin(), fold.test.end(), 10));
    }
}

}  // namespace
}  // namespace bridgelc
