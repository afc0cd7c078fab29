#include "core/split/split_random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace bridgelc::split_detail {
namespace {

TEST(SplitRandom, ShuffleIsAPermutationAndDependsOnSeedAndStream) {
    std::vector<std::int64_t> base(1000);
    std::iota(base.begin(), base.end(), 0);
    auto shuffled = [&](std::uint64_t seed, std::uint64_t stream) {
        std::vector<std::int64_t> items = base;
        SplitRandom random(seed, stream);
        random.shuffle(items);
        return items;
    };
    const auto a = shuffled(1, 0);
    EXPECT_TRUE(std::is_permutation(a.begin(), a.end(), base.begin()));
    EXPECT_NE(a, base);
    EXPECT_EQ(a, shuffled(1, 0));
    EXPECT_NE(a, shuffled(2, 0));
    EXPECT_NE(a, shuffled(1, 1));
}

TEST(SplitRandom, BelowIsInRangeAndRoughlyUniform) {
    SplitRandom random(7, 0);
    std::vector<int> counts(6, 0);
    for (int i = 0; i < 60000; ++i) {
        const std::uint64_t value = random.below(6);
        ASSERT_LT(value, 6u);
        ++counts[value];
    }
    for (int count : counts)
        EXPECT_NEAR(count, 10000, 500);  // about 5 standard deviations
    EXPECT_EQ(random.below(1), 0u);
}

TEST(SplitRandom, EveryPositionIsEquallyLikelyAfterShuffling) {
    // Where element 0 ends up over many shuffles of 4 items: uniform for a correct Fisher-Yates.
    std::vector<int> where(4, 0);
    for (std::uint64_t seed = 0; seed < 8000; ++seed) {
        std::vector<std::int64_t> items = {0, 1, 2, 3};
        SplitRandom random(seed, 0);
        random.shuffle(items);
        ++where[std::find(items.begin(), items.end(), 0) - items.begin()];
    }
    for (int count : where)
        EXPECT_NEAR(count, 2000, 200);
}

}  // namespace
}  // namespace bridgelc::split_detail
