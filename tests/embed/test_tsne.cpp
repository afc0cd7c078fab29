// t-SNE on clusters whose answer is known (they must come out separated), its seeding, cancel and progress;
// and the neighbour agreement that measures it.
#include <gtest/gtest.h>

#include <random>

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

}  // namespace
}  // namespace bridgelc
