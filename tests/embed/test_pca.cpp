// PCA against a matrix whose components are known in closed form, and its invariants on random data.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/embed/pca.h"

namespace bridgelc {
namespace {

// Rows t * (1, 1, 0) + s * (0, 0, 1) + offset with t and s uncorrelated: PC1 is (1, 1, 0) / sqrt(2) with
// scores t * sqrt(2), PC2 is (0, 0, 1) with scores s; variances 2 var(t) and var(s).
FloatMatrix knownMatrix() {
    const double t[] = {-2, -1, 0, 1, 2}, s[] = {0.1, -0.2, 0, 0.2, -0.1};
    FloatMatrix m(5, 3);
    for (std::size_t i = 0; i < 5; ++i) {
        m.at(i, 0) = static_cast<float>(t[i] + 3);
        m.at(i, 1) = static_cast<float>(t[i] - 1);
        m.at(i, 2) = static_cast<float>(s[i] + 5);
    }
    return m;
}

TEST(Pca, FindsTheKnownComponentsScoresAndVarianceShares) {
    const PcaResult fit = pca(knownMatrix(), 2);
    ASSERT_EQ(fit.components.rows, 2u);
    ASSERT_EQ(fit.components.cols, 3u);
    const double r = 1 / std::sqrt(2.0);
    EXPECT_NEAR(fit.components.at(0, 0), r, 1e-5);
    EXPECT_NEAR(fit.components.at(0, 1), r, 1e-5);
    EXPECT_NEAR(fit.components.at(0, 2), 0, 1e-5);
    EXPECT_NEAR(std::abs(fit.components.at(1, 2)), 1, 1e-5);
    EXPECT_NEAR(fit.mean[0], 3, 1e-6);
    EXPECT_NEAR(fit.mean[2], 5, 1e-6);
    // Sample variances: 2 * 2.5 = 5 along PC1, 0.025 along PC2, nothing else.
    EXPECT_NEAR(fit.explainedVarianceRatio[0], 5 / 5.025, 1e-6);
    EXPECT_NEAR(fit.explainedVarianceRatio[1], 0.025 / 5.025, 1e-6);
    const double t[] = {-2, -1, 0, 1, 2}, s[] = {0.1, -0.2, 0, 0.2, -0.1};
    const double sign = fit.components.at(1, 2) > 0 ? 1 : -1;
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_NEAR(fit.scores.at(i, 0), t[i] * std::sqrt(2.0), 1e-5);
        EXPECT_NEAR(fit.scores.at(i, 1), sign * s[i], 1e-5);
    }
}

TEST(Pca, ComponentsAreOrthonormalAndTransformRepeatsTheScores) {
    std::mt19937 rng(3);
    std::normal_distribution<float> noise;
    FloatMatrix m(200, 6);
    for (std::size_t i = 0; i < m.rows; ++i)
        for (std::size_t j = 0; j < m.cols; ++j)
            m.at(i, j) = noise(rng) * static_cast<float>(j + 1);
    const PcaResult fit = pca(m, 3);
    for (std::size_t a = 0; a < 3; ++a)
        for (std::size_t b = 0; b < 3; ++b) {
            double dot = 0;
            for (std::size_t j = 0; j < 6; ++j)
                dot += fit.components.at(a, j) * fit.components.at(b, j);
            EXPECT_NEAR(dot, a == b ? 1.0 : 0.0, 1e-5);
        }
    EXPECT_GT(fit.explainedVarianceRatio[0], fit.explainedVarianceRatio[1]);
    EXPECT_GT(fit.explainedVarianceRatio[1], fit.explainedVarianceRatio[2]);
    // Column 6 has the largest spread, so it dominates PC1.
    EXPECT_GT(std::abs(fit.components.at(0, 5)), 0.9);
    const FloatMatrix again = pcaTransform(fit, m);
    ASSERT_EQ(again.values.size(), fit.scores.values.size());
    for (std::size_t i = 0; i < again.values.size(); ++i)
        EXPECT_NEAR(again.values[i], fit.scores.values[i], 1e-3);
}

TEST(Pca, RejectsImpossibleRequests) {
    EXPECT_THROW(pca(knownMatrix(), 0), std::invalid_argument);
    EXPECT_THROW(pca(knownMatrix(), 4), std::invalid_argument);
    EXPECT_THROW(pca(FloatMatrix(1, 3), 1), std::invalid_argument);
    EXPECT_THROW(pcaTransform(pca(knownMatrix(), 1), FloatMatrix(2, 2)), std::invalid_argument);
}

}  // namespace
}  // namespace bridgelc
