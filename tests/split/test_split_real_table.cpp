// Splits of the real LUCAS 2018 table (69,971 points), read with the minimal test reader so the test does
// not depend on the general point reader.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <numeric>

#include "core/geo/regions.h"
#include "core/split/split.h"
#include "tests/lucas_table.h"
#include "tests/split/split_checks.h"

namespace bridgelc {
namespace {

Dataset readLucasTable(const std::string& path) {
    Dataset dataset;
    dataset.sourcePath = path;
    std::map<std::string, int> classes;
    for (const test::LucasRow& row : test::readLucasRows(path)) {
        dataset.ids.push_back(row.id);
        dataset.lon.push_back(row.lon);
        dataset.lat.push_back(row.lat);
        dataset.region.push_back(regionIndex(row.region));
        auto [it, added] = classes.emplace(row.landCover, static_cast<int>(classes.size()));
        if (added) dataset.classNames.push_back(row.landCover);
        dataset.label.push_back(it->second);
    }
    return dataset;
}

class RealTableSplits : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dataset = new Dataset(
            readLucasTable(std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2.csv"));
    }
    static void TearDownTestSuite() {
        delete s_dataset;
        s_dataset = nullptr;
    }
    static Dataset* s_dataset;
};
Dataset* RealTableSplits::s_dataset = nullptr;

TEST_F(RealTableSplits, LoroGivesOneFoldPerRegionWithTheDocumentedSizes) {
    const Dataset& dataset = *s_dataset;
    ASSERT_EQ(dataset.size(), 69971u);
    std::vector<std::string> notes;
    const auto folds = loroFolds(dataset, 0.1, 0, 100, &notes);
    // Region sizes from the data README: every region with at least 100 points gets a fold (BLS has 152).
    const std::map<std::string, std::size_t> expected = {{"ALP", 3816},  {"ATL", 13825}, {"BLS", 152},
                                                         {"BOR", 10659}, {"CON", 24723}, {"MED", 15034},
                                                         {"PAN", 1380},  {"STE", 382}};
    ASSERT_EQ(folds.size(), expected.size());
    EXPECT_TRUE(notes.empty());
    for (const Split& fold : folds) {
        const std::string code = biogeographicalRegions()[static_cast<std::size_t>(fold.heldOutRegion)].code;
        EXPECT_EQ(fold.name, "LORO-" + code);
        EXPECT_EQ(fold.test.size(), expected.at(code)) << code;
        EXPECT_TRUE(test::partitionsAllRows(fold, dataset.size()));
        for (auto row : fold.test)
            ASSERT_EQ(dataset.region[static_cast<std::size_t>(row)], fold.heldOutRegion);
    }
    // A higher minimum skips the small regions with a note each.
    notes.clear();
    EXPECT_EQ(loroFolds(dataset, 0.1, 0, 1000, &notes).size(), 6u);
    EXPECT_EQ(notes.size(), 2u);
}

TEST_F(RealTableSplits, ExtrapIsStratifiedOnTheRealClasses) {
    const Dataset& dataset = *s_dataset;
    const Split split = extrapSplit(dataset);
    EXPECT_TRUE(test::partitionsAllRows(split, dataset.size()));
    std::vector<std::int64_t> everything(dataset.size());
    std::iota(everything.begin(), everything.end(), 0);
    const auto whole = test::classShares(dataset, everything);
    for (const auto* part : {&split.train, &split.validation, &split.test}) {
        const auto shares = test::classShares(dataset, *part);
        for (std::size_t c = 0; c < whole.size(); ++c)
            EXPECT_NEAR(shares[c], whole[c], 0.001);
    }
}

TEST_F(RealTableSplits, HundredKilometreBlocksGiveFiveBalancedEnoughFolds) {
    const Dataset& dataset = *s_dataset;
    const auto folds = spatialBlockFolds(dataset, 5, 100000.0, 0.1, 0);
    std::size_t tested = 0;
    for (const Split& fold : folds) {
        EXPECT_TRUE(test::partitionsAllRows(fold, dataset.size()));
        // Blocks hold different numbers of points, so folds differ, but none should be tiny.
        EXPECT_GT(fold.test.size(), dataset.size() / 10);
        tested += fold.test.size();
    }
    EXPECT_EQ(tested, dataset.size());
}

}  // namespace
}  // namespace bridgelc
