// `bridgelc bench --json` on tiny sizes: the report has every figure the closing notes quote, and the PyTorch
// reference (Debian's python3-torch, which scripts/setup.sh installs) runs with the thread count it is given
// and predicts the same rows with the same warm-up and passes as ours.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace {

using bridgelc::test::runCli;

const std::string kTinyBench = "bench --json --rows 2048 --epochs 1 --points 2000 --no-forest";

nlohmann::json benchReport(const std::string& arguments) {
    const auto out = runCli(arguments);
    EXPECT_EQ(out.exitCode, 0) << out.text;
    const auto brace = out.text.find('{');
    if (brace == std::string::npos) return {};
    return nlohmann::json::parse(out.text.substr(brace));
}

TEST(CliBench, ReportsTrainingAtBothBatchSizesInferenceAndMatmulPeak) {
    const nlohmann::json report = benchReport(kTinyBench);
    ASSERT_TRUE(report.contains("training")) << report.dump(2);
    ASSERT_EQ(report["training"].size(), 2u);
    EXPECT_EQ(report["training"][0]["batch"], 128);
    EXPECT_EQ(report["training"][1]["batch"], 1024);
    for (const auto& row : report["training"]) {
        EXPECT_GT(row["oursSamplesPerSecond"].get<double>(), 0.0);
        EXPECT_FALSE(row.contains("ratio")) << "no PyTorch was asked for";
    }
    EXPECT_EQ(report["inference"]["points"], 2000);
    EXPECT_GT(report["inference"]["oursPointsPerSecond"].get<double>(), 0.0);
    EXPECT_GT(report["matmulGflops"]["2048x2048x2048"].get<double>(), 0.0);
}

TEST(CliBench, InferenceShareIsTheMedianOfPassesEachAgainstTheMatmulRunJustBeforeIt) {
    const nlohmann::json report = benchReport(kTinyBench);
    const nlohmann::json& inference = report["inference"];
    ASSERT_TRUE(inference.contains("passSharesOfMatmul")) << inference.dump(2);
    std::vector<double> shares = inference["passSharesOfMatmul"].get<std::vector<double>>();
    ASSERT_EQ(shares.size(), inference["passes"].get<std::size_t>());
    ASSERT_EQ(shares.size(), 3u);
    for (double share : shares)
        EXPECT_GT(share, 0.0);
    std::sort(shares.begin(), shares.end());
    EXPECT_DOUBLE_EQ(inference["shareOfMatmul"].get<double>(), shares[1]);
    // The peak-based share divides the best pass by the best short window of the matmul table.
    const double peak = report["matmulGflops"][inference["matmulSize"].get<std::string>()].get<double>();
    EXPECT_NEAR(inference["shareOfMatmulPeak"].get<double>(), inference["oursGflops"].get<double>() / peak,
                1e-9);
}

TEST(CliBench, PyTorchReferenceRunsWithItsOwnThreadCount) {
    ASSERT_EQ(std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1"), 0)
        << "python3-torch is not installed (scripts/setup.sh installs it)";
    const nlohmann::json report = benchReport(kTinyBench + " --python --python-threads 1");
    ASSERT_TRUE(report.contains("training")) << report.dump(2);
    EXPECT_EQ(report["pythonThreads"], 1);
    for (const auto& row : report["training"]) {
        EXPECT_GT(row["pytorchSamplesPerSecond"].get<double>(), 0.0);
        EXPECT_NEAR(row["ratio"].get<double>(),
                    row["oursSamplesPerSecond"].get<double>() / row["pytorchSamplesPerSecond"].get<double>(),
                    1e-9);
        // One thread cannot use more CPU time than wall time; a BLAS pool on every core would (about 2x).
        EXPECT_GT(row["pytorchCpuSamplesPerSecond"].get<double>(),
                  0.75 * row["pytorchSamplesPerSecond"].get<double>());
    }
    // Inference: as many passes on each side, best and median of each, and ratios of both.
    const nlohmann::json& inference = report["inference"];
    const auto theirs = inference["pytorchPassPointsPerSecond"].get<std::vector<double>>();
    auto ours = inference["oursPassPointsPerSecond"].get<std::vector<double>>();
    ASSERT_EQ(theirs.size(), 3u);
    ASSERT_EQ(ours.size(), 3u);
    EXPECT_DOUBLE_EQ(inference["pytorchPointsPerSecond"].get<double>(),
                     *std::max_element(theirs.begin(), theirs.end()));
    EXPECT_DOUBLE_EQ(inference["oursPointsPerSecond"].get<double>(),
                     *std::max_element(ours.begin(), ours.end()));
    std::sort(ours.begin(), ours.end());
    EXPECT_DOUBLE_EQ(inference["oursMedianPointsPerSecond"].get<double>(), ours[1]);
    EXPECT_NEAR(
        inference["ratio"].get<double>(),
        inference["oursPointsPerSecond"].get<double>() / inference["pytorchPointsPerSecond"].get<double>(),
        1e-9);
    EXPECT_NEAR(inference["medianRatio"].get<double>(),
                inference["oursMedianPointsPerSecond"].get<double>() /
                    inference["pytorchMedianPointsPerSecond"].get<double>(),
                1e-9);
}

TEST(CliBench, ForestAgainstScikitLearnOnTheSameRows) {
    const nlohmann::json report =
        benchReport("bench --json --rows 512 --epochs 1 --points 500 --forest-trees 5");
    ASSERT_TRUE(report.contains("forest")) << report.dump(2);
    const nlohmann::json& forest = report["forest"];
    EXPECT_EQ(forest["trees"], 5);
    EXPECT_GT(forest["trainPoints"].get<int>(), forest["testPoints"].get<int>());
    EXPECT_GT(forest["oursFitSeconds"].get<double>(), 0.0);
    // Five trees on the sample still classify far better than chance over its 8 classes.
    EXPECT_GT(forest["oursWeightedF1"].get<double>(), 0.3);
    ASSERT_EQ(std::system("/usr/bin/python3 -c 'import sklearn' >/dev/null 2>&1"), 0)
        << "python3-sklearn is not installed (scripts/setup.sh installs it)";
    ASSERT_TRUE(forest.contains("ratio")) << forest.dump(2);
    // The report says how the two forests differ beside the F1 difference.
    const std::string method = forest["method"].get<std::string>();
    EXPECT_NE(method.find("32 histogram bins"), std::string::npos) << method;
    EXPECT_NE(method.find("0.632 of the rows drawn without replacement"), std::string::npos) << method;
    EXPECT_NE(method.find("bootstraps"), std::string::npos) << method;
    EXPECT_GT(forest["sklearnWeightedF1"].get<double>(), 0.3);
    EXPECT_NEAR(forest["ratio"].get<double>(),
                forest["oursFitSeconds"].get<double>() / forest["sklearnFitSeconds"].get<double>(), 1e-9);
    EXPECT_NE(forest["sklearn"].get<std::string>().find("scikit-learn"), std::string::npos);
}

}  // namespace
