// The paired bootstrap on cases whose answer is known by hand, and the verdict rule.
#include <gtest/gtest.h>

#include <random>

#include "core/eval/metrics.h"
#include "core/experiment/paired_bootstrap.h"

namespace bridgelc {
namespace {

constexpr std::size_t kClasses = 4;

SeedPredictions run(std::uint64_t seed, const std::vector<int>& truth, const std::vector<int>& predicted) {
    return {seed, truth, predicted};
}

std::vector<int> randomClasses(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::vector<int> classes(n);
    for (int& c : classes)
        c = static_cast<int>(rng() % kClasses);
    return classes;
}

TEST(PairedBootstrap, WeightedF1MatchesTheMetricsOfTheProduct) {
    const std::vector<int> truth = randomClasses(500, 1), predicted = randomClasses(500, 2);
    const Metrics metrics = computeMetrics(ConfusionMatrix(truth, predicted, kClasses));
    EXPECT_NEAR(weightedF1(truth, predicted, {}, kClasses), metrics.weightedF1, 1e-12);
    // Counting a point twice is the same as listing it twice.
    std::vector<std::uint32_t> weights(truth.size(), 1);
    weights[7] = 2;
    std::vector<int> t2 = truth, p2 = predicted;
    t2.push_back(truth[7]);
    p2.push_back(predicted[7]);
    EXPECT_NEAR(weightedF1(truth, predicted, weights, kClasses),
                computeMetrics(ConfusionMatrix(t2, p2, kClasses)).weightedF1, 1e-12);
}

TEST(PairedBootstrap, IdenticalPredictionsGainExactlyNothing) {
    std::vector<std::vector<SeedPredictions>> model, baseline;
    for (unsigned fold = 0; fold < 3; ++fold) {
        const std::vector<int> truth = randomClasses(200, fold), predicted = randomClasses(200, 10 + fold);
        model.push_back({run(0, truth, predicted), run(1, truth, predicted)});
        baseline.push_back(
            {run(1, truth, predicted), run(0, truth, predicted)});  // paired by seed, not order
    }
    const BootstrapComparison c = pairedBootstrap(model, baseline, kClasses, 200, 3);
    ASSERT_EQ(c.folds.size(), 3u);
    for (const BootstrapGain& g : c.folds) {
        EXPECT_NEAR(g.gain, 0, 1e-9);
        EXPECT_NEAR(g.low, 0, 1e-9);
        EXPECT_NEAR(g.high, 0, 1e-9);
        EXPECT_EQ(g.seeds, 2u);
        EXPECT_EQ(g.points, 200u);
    }
    EXPECT_NEAR(c.overall.low, 0, 1e-9);
    EXPECT_NEAR(c.overall.high, 0, 1e-9);
    EXPECT_EQ(c.foldsImproved, 0u);
    EXPECT_FALSE(c.beatsBaseline());
}

TEST(PairedBootstrap, RightWhereTheBaselineIsAlwaysWrongGainsOne) {
    std::vector<std::vector<SeedPredictions>> model, baseline;
    for (unsigned fold = 0; fold < 8; ++fold) {
        const std::vector<int> truth = randomClasses(150, 20 + fold);
        std::vector<int> wrong(truth.size());
        for (std::size_t i = 0; i < truth.size(); ++i)
            wrong[i] = (truth[i] + 1) % static_cast<int>(kClasses);
        model.push_back({run(0, truth, truth), run(1, truth, truth), run(2, truth, truth)});
        baseline.push_back({run(0, truth, wrong), run(1, truth, wrong), run(2, truth, wrong)});
    }
    const BootstrapComparison c = pairedBootstrap(model, baseline, kClasses, 1000, 0);
    for (const BootstrapGain& g : c.folds) {
        EXPECT_NEAR(g.gain, 1, 1e-9);
        EXPECT_NEAR(g.low, 1, 1e-9);
        EXPECT_NEAR(g.high, 1, 1e-9);
    }
    EXPECT_NEAR(c.overall.gain, 1, 1e-9);
    EXPECT_NEAR(c.overall.low, 1, 1e-9);
    EXPECT_EQ(c.foldsImproved, 8u);
    EXPECT_TRUE(c.beatsBaseline());
}

TEST(PairedBootstrap, KnownGainOfHalfTheFoldAndAnIntervalAroundIt) {
    // Two classes in equal numbers; the baseline always says class 0 (weighted F1 = 1/3), the model is right
    // everywhere (1): gain 2/3 on the whole fold; resampled gains scatter around it.
    std::vector<int> truth;
    for (int i = 0; i < 400; ++i)
        truth.push_back(i % 2);
    const std::vector<int> zeros(truth.size(), 0);
    const BootstrapComparison c =
        pairedBootstrap({{run(0, truth, truth)}}, {{run(0, truth, zeros)}}, 2, 1000, 7);
    EXPECT_NEAR(c.folds[0].gain, 2.0 / 3.0, 1e-9);
    EXPECT_LT(c.folds[0].low, 2.0 / 3.0);
    EXPECT_GT(c.folds[0].high, 2.0 / 3.0);
    EXPECT_GT(c.folds[0].low, 0.55);
    EXPECT_LT(c.folds[0].high, 0.78);
    // The same seed gives the same interval; another seed another one.
    const BootstrapComparison again =
        pairedBootstrap({{run(0, truth, truth)}}, {{run(0, truth, zeros)}}, 2, 1000, 7);
    EXPECT_EQ(again.folds[0].low, c.folds[0].low);
    EXPECT_EQ(again.folds[0].high, c.folds[0].high);
}

TEST(PairedBootstrap, VerdictNeedsThreeQuartersOfTheFolds) {
    // Five of eight folds far better, three slightly worse: the overall interval lies above 0, but only 5 of
    // 8 folds improve, so the model does not beat the baseline.
    std::vector<std::vector<SeedPredictions>> model, baseline;
    for (unsigned fold = 0; fold < 8; ++fold) {
        const std::vector<int> truth = randomClasses(300, 40 + fold);
        std::vector<int> better = truth, worse = truth;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            if (i % 2 == 0) worse[i] = (truth[i] + 1) % static_cast<int>(kClasses);
            if (i % 10 == 0) better[i] = (truth[i] + 1) % static_cast<int>(kClasses);
        }
        const bool improves = fold < 5;
        model.push_back({run(0, truth, better)});
        baseline.push_back({run(0, truth, improves ? worse : truth)});
    }
    const BootstrapComparison c = pairedBootstrap(model, baseline, kClasses, 500, 1);
    EXPECT_EQ(c.foldsImproved, 5u);
    EXPECT_GT(c.overall.low, 0);
    EXPECT_FALSE(c.beatsBaseline());
}

TEST(PairedBootstrap, RefusesRunsTestedOnOtherPoints) {
    const std::vector<int> a = randomClasses(50, 1), b = randomClasses(50, 2);
    EXPECT_THROW(pairedBootstrap({{run(0, a, a)}}, {{run(0, b, b)}}, kClasses), std::invalid_argument);
    EXPECT_THROW(pairedBootstrap({{run(0, a, a)}}, {{run(1, a, a)}}, kClasses), std::invalid_argument);
}

}  // namespace
}  // namespace bridgelc
