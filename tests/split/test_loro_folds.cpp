#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "core/geo/regions.h"
#include "core/split/split.h"
#include "tests/split/split_checks.h"

namespace bridgelc {
namespace {

using ::testing::HasSubstr;

// Regions 0..3 with 50/30/15/2 % of the points, 3 % outside every region.
const std::vector<double> kRegionShares = {0.50, 0.30, 0.15, 0.02, 0.03};

std::vector<std::int64_t> rowsOfRegion(const Dataset& dataset, int region) {
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < dataset.size(); ++i)
        if (dataset.region[i] == region) rows.push_back(static_cast<std::int64_t>(i));
    return rows;
}

TEST(LoroFolds, TestSetIsExactlyTheRegionAndDisjointFromTraining) {
    const Dataset dataset = test::syntheticDataset(4000, 11, kRegionShares);
    std::vector<std::string> notes;
    const auto folds = loroFolds(dataset, 0.1, 5, 100, &notes);
    ASSERT_EQ(folds.size(), 3u);  // region 3 has about 80 points
    for (std::size_t f = 0; f < folds.size(); ++f) {
        const Split& fold = folds[f];
        const int region = static_cast<int>(f);
        EXPECT_EQ(fold.heldOutRegion, region);
        EXPECT_EQ(fold.name, "LORO-" + biogeographicalRegions()[f].code);
        EXPECT_EQ(fold.scenario, "loro");
        EXPECT_EQ(fold.test, rowsOfRegion(dataset, region));
        EXPECT_TRUE(test::partitionsAllRows(fold, dataset.size()));
        for (auto row : fold.train)
            EXPECT_NE(dataset.region[static_cast<std::size_t>(row)], region);
        for (auto row : fold.validation)
            EXPECT_NE(dataset.region[static_cast<std::size_t>(row)], region);
        const double validationShare =
            static_cast<double>(fold.validation.size()) / (fold.train.size() + fold.validation.size());
        EXPECT_NEAR(validationShare, 0.1, 0.01);
    }
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_THAT(notes[0], HasSubstr("outside every region"));
    EXPECT_THAT(notes[1], HasSubstr("LORO-ATL skipped"));
}

TEST(LoroFolds, PointsOutsideEveryRegionStayInTheTrainingPool) {
    const Dataset dataset = test::syntheticDataset(3000, 12, kRegionShares);
    const auto outside = rowsOfRegion(dataset, -1);
    ASSERT_FALSE(outside.empty());
    for (const Split& fold : loroFolds(dataset, 0.1, 0, 1)) {
        for (auto row : outside) {
            EXPECT_FALSE(std::binary_search(fold.test.begin(), fold.test.end(), row));
            EXPECT_TRUE(std::binary_search(fold.train.begin(), fold.train.end(), row) ||
                        std::binary_search(fold.validation.begin(), fold.validation.end(), row));
        }
    }
}

TEST(LoroFolds, SingleFoldMatchesTheFoldOfAllFoldsAndIsSeeded) {
    const Dataset dataset = test::syntheticDataset(3000, 13, kRegionShares);
    const auto folds = loroFolds(dataset, 0.1, 9);
    const Split one = loroFold(dataset, 1, 0.1, 9);
    EXPECT_EQ(one.train, folds[1].train);
    EXPECT_EQ(one.validation, folds[1].validation);
    EXPECT_NE(loroFold(dataset, 1, 0.1, 10).validation, one.validation);
    EXPECT_THROW(loroFold(dataset, 11, 0.1, 0), std::invalid_argument);
    EXPECT_THROW(loroFold(dataset, -1, 0.1, 0), std::invalid_argument);
}

TEST(LoroFolds, DatasetInOneRegionGivesNoFoldAndSaysWhy) {
    Dataset dataset = test::syntheticDataset(500, 14, kRegionShares);
    std::fill(dataset.region.begin(), dataset.region.end(), 6);
    std::vector<std::string> notes;
    EXPECT_TRUE(loroFolds(dataset, 0.1, 0, 100, &notes).empty());
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_THAT(notes[0], HasSubstr("LORO-CON skipped"));
}

}  // namespace
}  // namespace bridgelc
