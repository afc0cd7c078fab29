// LORO with region-held-out validation: validation holds whole training regions, never the test region,
// and rotates with the seed.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/split/split.h"
#include "tests/experiment/protocol_dataset.h"

namespace bridgelc {
namespace {

TEST(RegionValidation, ValidatesOnlyOnTrainingRegionsNeverOnTheTestRegion) {
    const Dataset data = testing::fourRegionDataset();
    for (int test : {0, 3, 6, 8})
        for (int k : {1, 2})
            for (std::uint64_t seed = 0; seed < 4; ++seed) {
                const Split split = loroFoldRegionValidation(data, test, k, seed, 50);
                SCOPED_TRACE(split.name + " k=" + std::to_string(k) + " seed=" + std::to_string(seed));
                ASSERT_EQ(split.validationRegions.size(), static_cast<std::size_t>(k));
                EXPECT_EQ(std::count(split.validationRegions.begin(), split.validationRegions.end(), test),
                          0);
                const std::set<int> validating(split.validationRegions.begin(),
                                               split.validationRegions.end());
                ASSERT_FALSE(split.validation.empty());
                for (std::int64_t row : split.validation) {
                    EXPECT_NE(data.region[row], test) << "a test-region point validates";
                    EXPECT_TRUE(validating.count(data.region[row]))
                        << "validation holds a non-validation region";
                }
                for (std::int64_t row : split.train) {
                    EXPECT_NE(data.region[row], test);
                    EXPECT_FALSE(validating.count(data.region[row])) << "a validation region is trained on";
                }
                for (std::int64_t row : split.test)
                    EXPECT_EQ(data.region[row], test);
                // Every point is in exactly one part; points outside every region train.
                EXPECT_EQ(split.train.size() + split.validation.size() + split.test.size(), data.size());
                std::size_t outside = 0;
                for (std::int64_t row : split.train)
                    outside += data.region[row] < 0;
                EXPECT_GT(outside, 0u);
            }
}

TEST(RegionValidation, RotatesWithTheSeed) {
    const Dataset data = testing::fourRegionDataset();
    std::set<int> seen;
    for (std::uint64_t seed = 0; seed < 3; ++seed)
        seen.insert(loroFoldRegionValidation(data, 8, 1, seed, 50).validationRegions.front());
    EXPECT_EQ(seen, (std::set<int>{0, 3, 6})) << "three seeds validate on the three training regions in turn";
}

TEST(RegionValidation, SkipsSmallRegionsAndRefusesTooFewCandidates) {
    const Dataset data = testing::fourRegionDataset();
    // 160 points per region: with a minimum of 1000 none qualifies.
    EXPECT_THROW(loroFoldRegionValidation(data, 8, 1, 0, 1000), std::invalid_argument);
    EXPECT_THROW(loroFoldRegionValidation(data, 8, 4, 0, 50), std::invalid_argument);
    EXPECT_THROW(loroFoldRegionValidation(data, 8, 0, 0, 50), std::invalid_argument);
}

TEST(RegionValidation, ScenarioSplitsUseItForEveryLoroFold) {
    const Dataset data = testing::fourRegionDataset();
    ScenarioOptions options;
    options.scenario = Scenario::Loro;
    options.seed = 1;
    options.minTestPoints = 50;
    options.validationRegions = 1;
    options.validationMinPoints = 50;
    const std::vector<Split> folds = scenarioSplits(data, options);
    ASSERT_EQ(folds.size(), 4u);
    for (const Split& fold : folds) {
        ASSERT_EQ(fold.validationRegions.size(), 1u) << fold.name;
        EXPECT_NE(fold.validationRegions.front(), fold.heldOutRegion) << fold.name;
    }
    options.validationRegions = 0;  // the paper's random share: no validation region
    for (const Split& fold : scenarioSplits(data, options))
        EXPECT_TRUE(fold.validationRegions.empty()) << fold.name;
}

}  // namespace
}  // namespace bridgelc
