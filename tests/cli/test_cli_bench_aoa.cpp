// `bridgelc bench --json` reports the area of applicability next to inference in the same run: DI points per
// second against the EXTRAP training part, the share it adds to a prediction, and what building it cost.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.h"

namespace {

TEST(CliBenchAoa, ReportsDiRateNextToInferenceAndTheBuildCost) {
    const auto out = bridgelc::test::runCli(
        "bench --json --rows 2048 --epochs 1 --points 3000 --no-forest --raster-side 0", false);
    ASSERT_EQ(out.exitCode, 0) << out.text;
    const nlohmann::json report = nlohmann::json::parse(out.text.substr(out.text.find('{')));
    ASSERT_TRUE(report.contains("aoa")) << report.dump(2);
    const nlohmann::json& aoa = report["aoa"];
    EXPECT_EQ(aoa["points"], 3000);
    EXPECT_GT(aoa["trainingPoints"].get<std::size_t>(), 1000u);
    EXPECT_EQ(aoa["features"], report["features"]);
    EXPECT_EQ(aoa["weightKind"], "permutation_weighted_f1");  // the bench's model is BRIDGE-LC
    // The search leaves out predictors weighted 0; at least the most important one (weight 1) stays.
    EXPECT_GE(aoa["weightedFeatures"].get<std::size_t>(), 1u);
    EXPECT_LE(aoa["weightedFeatures"].get<std::size_t>(), aoa["features"].get<std::size_t>());
    const double di = aoa["diPointsPerSecond"], inference = report["inference"]["oursPointsPerSecond"];
    EXPECT_GT(di, 0.0);
    EXPECT_DOUBLE_EQ(aoa["inferencePointsPerSecond"].get<double>(), inference);
    EXPECT_NEAR(aoa["addedShareOfPrediction"].get<double>(), inference / di, 1e-9 * inference / di);
    EXPECT_GT(aoa["meanDistanceSeconds"].get<double>(), 0.0);
    EXPECT_GT(aoa["trainingDiSeconds"].get<double>(), 0.0);
    EXPECT_GE(aoa["buildSeconds"].get<double>(), aoa["importanceSeconds"].get<double>());
    const double outside = aoa["shareOutside"];
    EXPECT_GE(outside, 0.0);
    EXPECT_LE(outside, 1.0);
    EXPECT_GT(aoa["indexSeconds"].get<double>(), 0.0);
    // The clustered search is exact: against the reference k-d tree, every point keeps its decision and its
    // DI to float rounding.
    const nlohmann::json& reference = aoa["reference"];
    EXPECT_EQ(reference["points"], 3000);
    EXPECT_EQ(reference["sameDecision"].get<double>(), 1.0);
    EXPECT_EQ(reference["withinOnePercent"].get<double>(), 1.0);
    EXPECT_LT(reference["largestRelativeDifference"].get<double>(), 1e-5);
    EXPECT_GT(reference["referencePointsPerSecondCpu"].get<double>(), 0.0);
    EXPECT_GT(reference["searchPointsPerSecondCpu"].get<double>(), 0.0);
    EXPECT_LT(reference["largestDifferenceFromTheFullRun"].get<double>(), 1e-12);
}

}  // namespace
