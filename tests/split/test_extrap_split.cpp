#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "core/split/split.h"
#include "tests/split/split_checks.h"

namespace bridgelc {
namespace {

const std::vector<double> kRegionShares = {0.5, 0.3, 0.15, 0.05};

TEST(ExtrapSplit, PartsAreDisjointCoverEveryRowAndKeepTheFractions) {
    const Dataset dataset = test::syntheticDataset(5000, 1, kRegionShares);
    const Split split = extrapSplit(dataset);
    EXPECT_EQ(split.name, "EXTRAP");
    EXPECT_EQ(split.scenario, "extrap");
    EXPECT_EQ(split.heldOutRegion, -1);
    EXPECT_TRUE(test::partitionsAllRows(split, dataset.size()));
    EXPECT_NEAR(split.train.size() / 5000.0, 0.7, 0.005);
    EXPECT_NEAR(split.validation.size() / 5000.0, 0.1, 0.005);
    EXPECT_NEAR(split.test.size() / 5000.0, 0.2, 0.005);
}

TEST(ExtrapSplit, ClassProportionsOfEachPartStayWithinOnePointOfTheWhole) {
    const Dataset dataset = test::syntheticDataset(5000, 2, kRegionShares);
    std::vector<std::int64_t> everything(dataset.size());
    std::iota(everything.begin(), everything.end(), 0);
    const auto whole = test::classShares(dataset, everything);
    for (std::uint64_t seed : {0u, 1u, 99u}) {
        ExtrapOptions options;
        options.seed = seed;
        const Split split = extrapSplit(dataset, options);
        for (const auto* part : {&split.train, &split.validation, &split.test}) {
            const auto shares = test::classShares(dataset, *part);
            for (std::size_t c = 0; c < 5; ++c)
                EXPECT_NEAR(shares[c], whole[c], 0.01) << "class " << c;
        }
    }
}

TEST(ExtrapSplit, SinglePointClassGoesToTrain) {
    const Dataset dataset = test::syntheticDataset(500, 3, kRegionShares);
    const Split split = extrapSplit(dataset);
    EXPECT_TRUE(std::binary_search(split.train.begin(), split.train.end(), 499));
}

TEST(ExtrapSplit, SameSeedSameSplitOtherSeedOtherSplit) {
    const Dataset dataset = test::syntheticDataset(2000, 4, kRegionShares);
    ExtrapOptions options;
    options.seed = 42;
    const Split a = extrapSplit(dataset, options), b = extrapSplit(dataset, options);
    EXPECT_EQ(a.train, b.train);
    EXPECT_EQ(a.validation, b.validation);
    EXPECT_EQ(a.test, b.test);
    options.seed = 43;
    const Split c = extrapSplit(dataset, options);
    EXPECT_NE(a.test, c.test);
    EXPECT_EQ(a.test.size(), c.test.size());  // the counts come from the class sizes, not the seed
}

TEST(ExtrapSplit, FractionsAreConfigurable) {
    const Dataset dataset = test::syntheticDataset(4000, 5, kRegionShares);
    ExtrapOptions options;
    options.trainFraction = 0.5;
    options.validationFraction = 0.25;
    const Split split = extrapSplit(dataset, options);
    EXPECT_TRUE(test::partitionsAllRows(split, dataset.size()));
    EXPECT_NEAR(split.train.size() / 4000.0, 0.5, 0.005);
    EXPECT_NEAR(split.validation.size() / 4000.0, 0.25, 0.005);
    // Fractions adding up to one leave no test set even with rounding.
    options.trainFraction = 0.65;
    options.validationFraction = 0.35;
    EXPECT_TRUE(extrapSplit(dataset, options).test.empty());
}

TEST(ExtrapSplit, RejectsImpossibleFractions) {
    const Dataset dataset = test::syntheticDataset(100, 6, kRegionShares);
    ExtrapOptions options;
    options.trainFraction = 0.8;
    options.validationFraction = 0.3;
    EXPECT_THROW(extrapSplit(dataset, options), std::invalid_argument);
    options.trainFraction = -0.1;
    EXPECT_THROW(extrapSplit(dataset, options), std::invalid_argument);
}

TEST(ExtrapSplit, HonoursAFixedSplitColumn) {
    Dataset dataset = test::syntheticDataset(3000, 7, kRegionShares);
    dataset.fixedSplit.resize(dataset.size());
    std::vector<std::int64_t> marked;
    for (std::size_t i = 0; i < dataset.size(); ++i) {
        dataset.fixedSplit[i] = static_cast<signed char>(i % 4 == 0 ? 1 : (i % 4 == 1 ? -1 : 0));
        if (i % 4 == 0) marked.push_back(static_cast<std::int64_t>(i));
    }
    const Split split = extrapSplit(dataset);
    EXPECT_TRUE(test::partitionsAllRows(split, dataset.size()));
    EXPECT_EQ(split.test, marked);
    // The rest keeps the 70:10 ratio of train to validation.
    const double validationShare =
        static_cast<double>(split.validation.size()) / (split.train.size() + split.validation.size());
    EXPECT_NEAR(validationShare, 0.1 / 0.8, 0.005);

    ExtrapOptions ignore;
    ignore.honourFixedSplit = false;
    EXPECT_NE(extrapSplit(dataset, ignore).test, marked);

    // A split column without any test row is no fixed split: the random one is used.
    std::fill(dataset.fixedSplit.begin(), dataset.fixedSplit.end(), 0);
    EXPECT_NEAR(extrapSplit(dataset).test.size() / 3000.0, 0.2, 0.005);
}

TEST(SplitSummary, CountsPointsAndClassesOfEachPart) {
    const Dataset dataset = test::syntheticDataset(1000, 8, kRegionShares);
    const Split split = extrapSplit(dataset);
    const SplitSummary summary = summarize(dataset, split);
    EXPECT_EQ(summary.name, "EXTRAP");
    EXPECT_EQ(summary.trainPoints, split.train.size());
    EXPECT_EQ(summary.validationPoints, split.validation.size());
    EXPECT_EQ(summary.testPoints, split.test.size());
    ASSERT_EQ(summary.testClassCounts.size(), dataset.classNames.size());
    for (std::size_t c = 0; c < dataset.classNames.size(); ++c) {
        std::size_t train = 0, test = 0;
        for (auto row : split.train)
            train += dataset.label[static_cast<std::size_t>(row)] == static_cast<int>(c);
        for (auto row : split.test)
            test += dataset.label[static_cast<std::size_t>(row)] == static_cast<int>(c);
        EXPECT_EQ(summary.trainClassCounts[c], train);
        EXPECT_EQ(summary.testClassCounts[c], test);
    }
}

}  // namespace
}  // namespace bridgelc
