// The area of applicability against its definition (Meyer & Pebesma 2021) on a case small enough to compute
// by hand. The expected numbers below come from a separate plain-Python evaluation of the definition (sample
// standard deviation, weights = importance / max, d̄ = mean of the 28 pairwise distances, nearest point of
// another fold, R's fivenum hinges: tests/aoa/hand_case.py), not from this code.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/aoa/area_of_applicability.h"
#include "core/aoa/boxplot_stats.h"
#include "core/aoa/mean_pair_distance.h"

namespace bridgelc {
namespace {

constexpr double kTolerance = 1e-6;

const std::vector<float> kTraining = {1.0f, 10.0f, 2.0f, 12.0f, 1.5f, 9.0f,  3.0f, 11.0f,
                                      2.5f, 14.0f, 4.0f, 10.0f, 3.5f, 13.0f, 9.0f, 30.0f};
const std::vector<int> kFolds = {0, 0, 0, 1, 1, 1, 2, 2};

std::shared_ptr<const AreaOfApplicability> handCase() {
    return AreaOfApplicability::build(kTraining.data(), 8, {"a", "b"}, AoaWeights{"test", {2.0, 1.0}}, kFolds,
                                      {"f0", "f1", "f2"}, {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"});
}

TEST(AreaOfApplicability, MatchesTheDefinitionOnAHandComputedCase) {
    const auto aoa = handCase();
    EXPECT_NEAR(aoa->means()[0], 3.3125, kTolerance);
    EXPECT_NEAR(aoa->means()[1], 13.625, kTolerance);
    EXPECT_NEAR(aoa->sds()[0], 2.506242206970428, kTolerance);
    EXPECT_NEAR(aoa->sds()[1], 6.823017765517794, kTolerance);
    EXPECT_DOUBLE_EQ(aoa->weights()[0], 1.0);
    EXPECT_DOUBLE_EQ(aoa->weights()[1], 0.5);
    EXPECT_NEAR(aoa->meanDistance(), 1.164164803095385, kTolerance);
    const std::vector<double> trainingDi = {0.572454942692, 0.212642793223, 0.465327207797, 0.212642793223,
                                            0.212642793223, 0.255007738221, 0.212642793223, 2.126427932226};
    ASSERT_EQ(aoa->trainingDi().size(), trainingDi.size());
    for (std::size_t i = 0; i < trainingDi.size(); ++i)
        EXPECT_NEAR(aoa->trainingDi()[i], trainingDi[i], kTolerance) << "training point " << i;
    // Hinges 0.212642793223 and 0.518891075244: the limit 0.978263498277 leaves out the far point (2.126).
    EXPECT_NEAR(aoa->threshold(), 0.572454942692, kTolerance);

    const std::vector<float> points = {2.0f, 11.0f, 6.0f, 20.0f, NAN, 12.0f};
    const std::vector<double> di = aoa->dissimilarity(points.data(), 3);
    EXPECT_NEAR(di[0], 0.062947579848, kTolerance);
    EXPECT_NEAR(di[1], 0.930654415594, kTolerance);
    EXPECT_NEAR(di[2], 0.089956565581, kTolerance);  // the missing value is the training mean
    EXPECT_TRUE(aoa->inside(di[0]));
    EXPECT_FALSE(aoa->inside(di[1]));
}

TEST(AreaOfApplicability, UpperWhiskerIsRsBoxplotStats) {
    // R: boxplot.stats(c(1:7, 100))$stats is 1.0 2.5 4.5 6.5 7.0; fivenum(1:5) is 1 2 3 4 5.
    EXPECT_DOUBLE_EQ(upperWhisker({100, 1, 2, 3, 4, 5, 6, 7}), 7.0);
    const std::vector<double> five = tukeyFiveNumbers({1, 2, 3, 4, 5, 6, 7, 100});
    EXPECT_EQ(five, (std::vector<double>{1.0, 2.5, 4.5, 6.5, 100.0}));
    EXPECT_EQ(tukeyFiveNumbers({5, 4, 3, 2, 1}), (std::vector<double>{1, 2, 3, 4, 5}));
    EXPECT_DOUBLE_EQ(upperWhisker({1, 2, 3, 4, 5}), 5.0);
    EXPECT_THROW(upperWhisker({NAN}), std::invalid_argument);
}

TEST(AreaOfApplicability, MeanPairDistanceThroughBlocksEqualsDirectSum) {
    // More rows than one BLAS block, so off-diagonal and diagonal blocks both count.
    const std::size_t rows = 2500, cols = 7;
    std::mt19937_64 random(3);
    std::normal_distribution<double> normal;
    std::vector<double> matrix(rows * cols);
    for (double& v : matrix)
        v = normal(random);
    long double direct = 0;
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = i + 1; j < rows; ++j) {
            double squared = 0;
            for (std::size_t c = 0; c < cols; ++c)
                squared += (matrix[i * cols + c] - matrix[j * cols + c]) *
                           (matrix[i * cols + c] - matrix[j * cols + c]);
            direct += std::sqrt(squared);
        }
    const double expected = static_cast<double>(direct / (rows * (rows - 1) / 2.0L));
    EXPECT_NEAR(meanPairDistance(matrix.data(), rows, cols), expected, 1e-9 * expected);
}

TEST(AreaOfApplicability, NegativeImportanceWeighsNothingAndNoneMeansEqual) {
    const auto negative =
        AreaOfApplicability::build(kTraining.data(), 8, {"a", "b"}, AoaWeights{"test", {-1.0, 4.0}}, kFolds,
                                   {}, std::vector<std::string>(8, "x"));
    EXPECT_EQ(negative->weights(), (std::vector<double>{0.0, 1.0}));
    const auto none =
        AreaOfApplicability::build(kTraining.data(), 8, {"a", "b"}, AoaWeights{"test", {0.0, -2.0}}, kFolds,
                                   {}, std::vector<std::string>(8, "x"));
    EXPECT_EQ(none->weights(), (std::vector<double>{1.0, 1.0}));
    EXPECT_EQ(none->importance().kind, kWeightsEqual);
}

TEST(AreaOfApplicability, OneFoldIsRefused) {
    EXPECT_THROW(AreaOfApplicability::build(kTraining.data(), 8, {"a", "b"}, AoaWeights{"test", {1.0, 1.0}},
                                            std::vector<int>(8, 0), {}, std::vector<std::string>(8, "x")),
                 AoaError);
}

class AoaFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("bridgelc_aoa_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::filesystem::path m_dir;
};

TEST_F(AoaFilesTest, SavedAndLoadedGivesTheSameDissimilarity) {
    const auto aoa = handCase();
    const std::string name = aoa->save(m_dir.string());
    const auto loaded = AreaOfApplicability::load((m_dir / name).string());
    EXPECT_EQ(loaded->featureNames(), aoa->featureNames());
    EXPECT_EQ(loaded->trainingIds(), aoa->trainingIds());
    EXPECT_EQ(loaded->trainingFolds(), kFolds);
    EXPECT_DOUBLE_EQ(loaded->threshold(), aoa->threshold());
    EXPECT_DOUBLE_EQ(loaded->meanDistance(), aoa->meanDistance());
    const std::vector<float> points = {2.0f, 11.0f, 6.0f, 20.0f};
    EXPECT_EQ(loaded->dissimilarity(points.data(), 2), aoa->dissimilarity(points.data(), 2));
}

TEST_F(AoaFilesTest, DamagedFilesAreRefusedByName) {
    handCase()->save(m_dir.string());
    const auto json = (m_dir / kAoaFileName).string();
    const auto matrix = (m_dir / kAoaMatrixFileName).string();
    {  // one flipped byte in the matrix
        std::fstream file(matrix, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(40);
        file.put('\x7f');
    }
    try {
        AreaOfApplicability::load(json);
        FAIL() << "a damaged matrix was accepted";
    } catch (const AoaError& error) {
        EXPECT_NE(std::string(error.what()).find(matrix), std::string::npos) << error.what();
    }
    std::ofstream(json) << "{\"formatVersion\": 1, \"features\": [\"a\"";
    try {
        AreaOfApplicability::load(json);
        FAIL() << "a truncated aoa.json was accepted";
    } catch (const AoaError& error) {
        EXPECT_NE(std::string(error.what()).find(json), std::string::npos) << error.what();
    }
    std::filesystem::remove(json);
    EXPECT_THROW(AreaOfApplicability::load(json), AoaError);
}

}  // namespace
}  // namespace bridgelc
