// t-SNE on clusters whose answer is known (they must come out separated), its seeding, cancel and progress;
// Barnes-Hut against exact t-SNE on the same input; and the neighbour agreement that measures them.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/embed/barnes_hut_tree.h"
#include "core/embed/exact_tsne.h"
#include "core/embed/neighbour_agreement.h"
#include "core/embed/tsne.h"

namespace bridgelc {
namespace {

/// `perCluster` points around each of `clusters` centres 12 apart on different axes of a 10-d space.
FloatMatrix clusters(int clusters, std::size_t perCluster, std::vector<int>& labels, unsigned seed = 5) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise;
    FloatMatrix m(static_cast<std::size_t>(clusters) * perCluster, 10);
    labels.clear();
    for (std::size_t i = 0; i < m.rows; ++i) {
        const int c = static_cast<int>(i % static_cast<std::size_t>(clusters));
        labels.push_back(c);
        for (std::size_t j = 0; j < m.cols; ++j)
            m.at(i, j) = noise(rng) + (static_cast<int>(j) == c ? 12.f : 0.f);
    }
    return m;
}

TEST(NeighbourAgreement, CountsNeighboursWithTheSameLabel) {
    // 1-D points: 0, 1 | 10, 11 | 20: the nearest neighbour of each of the first four has its label; 20's
    // nearest (11) does not.
    FloatMatrix line(5, 1);
    const float x[] = {0, 1, 10, 11, 20};
    for (std::size_t i = 0; i < 5; ++i)
        line.at(i, 0) = x[i];
    EXPECT_DOUBLE_EQ(neighbourAgreement(line, {0, 0, 1, 1, 2}), 0.8);
    EXPECT_DOUBLE_EQ(neighbourAgreement(line, {0, 1, 0, 1, 0}), 0.0);
    // An unlabelled point is not scored, and as a neighbour it agrees with nobody: 10 and 20 have 11.
    EXPECT_DOUBLE_EQ(neighbourAgreement(line, {0, 0, 1, -1, 2}), 0.5);
    EXPECT_DOUBLE_EQ(chanceAgreement({0, 0, 1, 1, -1}), 0.5);
    EXPECT_THROW(neighbourAgreement(line, {0, 1}), std::invalid_argument);
}

TEST(Tsne, SeparatesClearlySeparatedClusters) {
    // 750 points: more than one 512-point tile, so pairs across tiles (computed once, used twice) count too.
    std::vector<int> labels;
    const FloatMatrix data = clusters(3, 250, labels);
    TsneOptions options;
    options.iterations = 500;
    const TsneResult result = tsne(data, options);
    ASSERT_FALSE(result.cancelled);
    ASSERT_EQ(result.embedding.rows, 750u);
    ASSERT_EQ(result.embedding.cols, 2u);
    EXPECT_EQ(result.iterations, 500);
    const double agreement = neighbourAgreement(result.embedding, labels, 5);
    std::printf("t-SNE of 3 clusters: 5-NN class agreement %.3f, KL %.3f\n", agreement, result.klDivergence);
    EXPECT_GT(agreement, 0.95);
    EXPECT_GT(result.klDivergence, 0.0);
    // A random labelling of the same picture agrees only by chance.
    std::vector<int> shuffled = labels;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(1));
    EXPECT_LT(neighbourAgreement(result.embedding, shuffled, 5), 0.5);
}

TEST(Tsne, SameSeedSameResultOtherSeedOther) {
    std::vector<int> labels;
    const FloatMatrix data = clusters(2, 30, labels);
    TsneOptions options;
    options.iterations = 100;
    const TsneResult a = tsne(data, options), b = tsne(data, options);
    EXPECT_EQ(a.embedding.values, b.embedding.values);
    options.seed = 1;
    EXPECT_NE(tsne(data, options).embedding.values, a.embedding.values);
}

TEST(Tsne, StopsWhenCancelledAndReportsProgress) {
    std::vector<int> labels;
    const FloatMatrix data = clusters(2, 40, labels);
    TsneOptions options;
    options.iterations = 300;
    std::vector<double> progress;
    ReductionControl control;
    control.onProgress = [&](double p) { progress.push_back(p); };
    control.isCancelled = [&] { return progress.size() > 20; };
    const TsneResult stopped = tsne(data, options, control);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_TRUE(stopped.embedding.empty());
    EXPECT_LT(stopped.iterations, 300);

    progress.clear();
    control.isCancelled = {};
    const TsneResult done = tsne(data, options, control);
    EXPECT_FALSE(done.cancelled);
    ASSERT_FALSE(progress.empty());
    EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
    EXPECT_NEAR(progress.back(), 1.0, 1e-9);
    EXPECT_THROW(tsne(FloatMatrix(3, 2)), std::invalid_argument);
}

TEST(BarnesHutTree, WithThetaZeroSumsEveryPairExactly) {
    // 300 points with coincident pairs (cells that can never be split) and a far outlier.
    std::mt19937 rng(3);
    std::normal_distribution<double> normal;
    std::vector<double> points(600);
    for (double& v : points)
        v = normal(rng);
    for (int i = 0; i < 20; ++i) {
        points[2 * (i + 100)] = points[2 * i];
        points[2 * (i + 100) + 1] = points[2 * i + 1];
    }
    points[598] = 400.0;
    std::vector<double> forces;
    const double z = BarnesHutTree(points).repulsion(0.0, forces);
    double zExact = 0;
    for (std::size_t i = 0; i < 300; ++i) {
        double fx = 0, fy = 0;
        for (std::size_t j = 0; j < 300; ++j) {
            if (i == j) continue;
            const double dx = points[2 * i] - points[2 * j], dy = points[2 * i + 1] - points[2 * j + 1];
            const double q = 1.0 / (1.0 + dx * dx + dy * dy);
            zExact += q;
            fx += q * q * dx;
            fy += q * q * dy;
        }
        // The list's sums run in single precision.
        ASSERT_NEAR(forces[2 * i], fx, 1e-5 * (1 + std::abs(fx))) << i;
        ASSERT_NEAR(forces[2 * i + 1], fy, 1e-5 * (1 + std::abs(fy))) << i;
    }
    EXPECT_NEAR(z, zExact, 1e-5 * zExact);
    // The approximation at the iterations' theta stays within a few percent of the sum.
    EXPECT_NEAR(BarnesHutTree(points).repulsion(0.5, forces), zExact, 0.03 * zExact);
}

TEST(Tsne, BarnesHutFitsAsWellAsExactOnTheSameInput) {
    // 1,200 points of 6 overlapping clusters in 40-d: neither method separates them perfectly, so the
    // comparison measures the fit. Both embeddings are scored against the same exact affinities.
    std::mt19937 rng(17);
    std::normal_distribution<float> noise;
    const std::size_t n = 1200;
    FloatMatrix data(n, 40);
    std::vector<int> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<int>(i % 6);
        for (std::size_t j = 0; j < data.cols; ++j)
            data.at(i, j) = noise(rng) + (j % 6 == static_cast<std::size_t>(labels[i]) ? 1.2f : 0.f);
    }
    TsneOptions exactOptions;
    exactOptions.learningRate = 200;  // the exact method's own setting
    const TsneResult exact = exactTsne(data, exactOptions);
    const TsneResult fast = tsne(data);
    ASSERT_FALSE(exact.cancelled);
    ASSERT_FALSE(fast.cancelled);
    EXPECT_NEAR(exactKlDivergence(data, exact.embedding), exact.klDivergence, 1e-3 * exact.klDivergence);
    const double klExact = exact.klDivergence, klFast = exactKlDivergence(data, fast.embedding);
    const double agreeExact = neighbourAgreement(exact.embedding, labels, 10);
    const double agreeFast = neighbourAgreement(fast.embedding, labels, 10);
    std::printf("exact: KL %.4f, 10-NN agreement %.4f; Barnes-Hut: KL %.4f (own P %.4f), 10-NN %.4f\n",
                klExact, agreeExact, klFast, fast.klDivergence, agreeFast);
    EXPECT_LE(klFast, klExact * 1.01);
    EXPECT_GE(agreeFast, agreeExact - 0.01);
}

}  // namespace
}  // namespace bridgelc
