// Metrics against scikit-learn: tests/eval/make_golden.py wrote the expected values into tests/eval/golden/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/eval/metrics.h"
#include "core/eval/metrics_format.h"

namespace bridgelc {
namespace {

constexpr double kTolerance = 1e-9;

std::filesystem::path goldenDir() {
    // From the build's absolute test-data path, not __FILE__: a compiler cache may make __FILE__ relative.
    return std::filesystem::path(BRIDGELC_TEST_DATA_DIR).parent_path() / "eval" / "golden";
}

nlohmann::json readGolden(const std::string& name) {
    std::ifstream in(goldenDir() / (name + ".json"));
    if (!in) throw std::runtime_error("missing golden file " + name);
    return nlohmann::json::parse(in);
}

class GoldenMetrics : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenMetrics, MatchScikitLearn) {
    const nlohmann::json golden = readGolden(GetParam());
    const auto truth = golden["truth"].get<std::vector<int>>();
    const auto predicted = golden["predicted"].get<std::vector<int>>();
    const std::size_t classes = golden["classes"].get<std::size_t>();
    const nlohmann::json& expected = golden["expected"];

    const ConfusionMatrix confusion(truth, predicted, classes);
    for (std::size_t t = 0; t < classes; ++t)
        for (std::size_t p = 0; p < classes; ++p)
            EXPECT_EQ(confusion.at(t, p), expected["confusion"][t][p].get<std::size_t>()) << t << "," << p;

    const Metrics m = computeMetrics(confusion);
    EXPECT_EQ(m.points, expected["points"].get<std::size_t>());
    EXPECT_NEAR(m.overallAccuracy, expected["overallAccuracy"].get<double>(), kTolerance);
    EXPECT_NEAR(m.kappa, expected["kappa"].get<double>(), kTolerance);
    EXPECT_NEAR(m.macroF1, expected["macroF1"].get<double>(), kTolerance);
    EXPECT_NEAR(m.weightedF1, expected["weightedF1"].get<double>(), kTolerance);
    EXPECT_NEAR(m.balancedAccuracy, expected["balancedAccuracy"].get<double>(), kTolerance);
    ASSERT_EQ(m.perClass.size(), classes);
    for (std::size_t c = 0; c < classes; ++c) {
        const nlohmann::json& e = expected["perClass"][c];
        EXPECT_NEAR(m.perClass[c].precision, e["precision"].get<double>(), kTolerance) << "class " << c;
        EXPECT_NEAR(m.perClass[c].recall, e["recall"].get<double>(), kTolerance) << "class " << c;
        EXPECT_NEAR(m.perClass[c].f1, e["f1"].get<double>(), kTolerance) << "class " << c;
        EXPECT_EQ(m.perClass[c].support, e["support"].get<std::size_t>()) << "class " << c;
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenMetrics,
                         ::testing::Values("basic", "never_predicted", "absent_from_truth", "perfect",
                                           "chance", "imbalanced_regions"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(MetricsPerRegion, MatchScikitLearnPerRegion) {
    const nlohmann::json golden = readGolden("imbalanced_regions");
    const auto truth = golden["truth"].get<std::vector<int>>();
    const auto predicted = golden["predicted"].get<std::vector<int>>();
    const auto region = golden["region"].get<std::vector<int>>();
    const std::size_t regions = golden["regions"].get<std::size_t>();
    const auto perRegion =
        metricsPerRegion(truth, predicted, region, golden["classes"].get<std::size_t>(), regions);
    ASSERT_EQ(perRegion.size(), regions);
    for (std::size_t g = 0; g < regions; ++g) {
        const nlohmann::json& e = golden["expectedPerRegion"][g];
        EXPECT_EQ(perRegion[g].points, e["points"].get<std::size_t>()) << "region " << g;
        if (perRegion[g].points == 0) continue;
        EXPECT_NEAR(perRegion[g].overallAccuracy, e["overallAccuracy"].get<double>(), kTolerance);
        EXPECT_NEAR(perRegion[g].macroF1, e["macroF1"].get<double>(), kTolerance);
        EXPECT_NEAR(perRegion[g].weightedF1, e["weightedF1"].get<double>(), kTolerance);
    }
    EXPECT_EQ(perRegion[2].points, 0u);  // the fixture leaves region 2 empty on purpose
}

TEST(Metrics, EmptyConfusionGivesZerosNotNaN) {
    const Metrics m = computeMetrics(ConfusionMatrix(3));
    EXPECT_EQ(m.points, 0u);
    EXPECT_EQ(m.overallAccuracy, 0.0);
    EXPECT_EQ(m.kappa, 0.0);
    EXPECT_EQ(m.weightedF1, 0.0);
    EXPECT_EQ(m.perClass.size(), 3u);
}

TEST(ConfusionMatrix, RejectsOutOfRangeAndMismatchedInput) {
    ConfusionMatrix confusion(2);
    EXPECT_THROW(confusion.add(2, 0), std::out_of_range);
    EXPECT_THROW(confusion.add(0, -1), std::out_of_range);
    EXPECT_THROW(ConfusionMatrix({0, 1}, {0}, 2), std::invalid_argument);
    EXPECT_THROW(metricsPerRegion({0}, {0}, {0, 1}, 2, 2), std::invalid_argument);
}

TEST(ConfusionMatrix, TotalsAndCounts) {
    ConfusionMatrix confusion(3);
    confusion.add(0, 1, 4);
    confusion.add(2, 1);
    confusion.add(2, 2, 2);
    EXPECT_EQ(confusion.total(), 7u);
    EXPECT_EQ(confusion.rowTotal(2), 3u);
    EXPECT_EQ(confusion.columnTotal(1), 5u);
    EXPECT_EQ(confusion.at(0, 1), 4u);
}

TEST(MetricsFormat, HeadlineAndTableShowTheFigures) {
    const Metrics m = computeMetrics(ConfusionMatrix({0, 0, 1, 1}, {0, 1, 1, 1}, 2));
    const std::string headline = formatHeadline(m);
    EXPECT_NE(headline.find("OA 0.7500"), std::string::npos) << headline;
    EXPECT_NE(headline.find("n = 4"), std::string::npos) << headline;
    const std::string table = formatClassTable(m, {"Cropland"});
    EXPECT_NE(table.find("Cropland"), std::string::npos) << table;
    EXPECT_NE(table.find("\n1 "), std::string::npos) << table;  // unnamed class shown by index
}

}  // namespace
}  // namespace bridgelc
