// The linear probe of an embedding: a label that a hyperplane separates is read off almost perfectly, a label
// unrelated to the points no better than the majority class, unknown labels are left out, a single label is
// "not defined", and the same seed gives the same result.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/embed/linear_probe.h"

namespace bridgelc {
namespace {

FloatMatrix gaussianPoints(std::size_t n, std::size_t d, std::uint64_t seed) {
    FloatMatrix points(n, d);
    std::mt19937_64 random(seed);
    std::normal_distribution<float> normal;
    for (float& v : points.values)
        v = normal(random);
    return points;
}

TEST(LinearProbe, ReadsASeparableLabelAndNotARandomOne) {
    const FloatMatrix points = gaussianPoints(2000, 16, 1);
    std::vector<int> sideOfPlane(points.rows), unrelated(points.rows);
    std::mt19937_64 random(2);
    for (std::size_t i = 0; i < points.rows; ++i) {
        sideOfPlane[i] = points.at(i, 3) + 0.5f * points.at(i, 7) > 0 ? 1 : 0;
        unrelated[i] = static_cast<int>(random() % 3);
    }
    const ProbeResult separable = linearProbe(points, sideOfPlane);
    ASSERT_TRUE(separable.defined());
    EXPECT_EQ(separable.fitPoints, 1000u);
    EXPECT_EQ(separable.heldOutPoints, 1000u);
    EXPECT_GT(separable.accuracy, 0.97);
    EXPECT_LT(separable.majorityAccuracy, 0.56);

    const ProbeResult noise = linearProbe(points, unrelated);
    ASSERT_TRUE(noise.defined());
    EXPECT_EQ(noise.labels, 3u);
    EXPECT_LT(noise.accuracy, 0.40);  // chance is 1/3; 1,000 held-out points put 0.40 beyond 4 sd
}

TEST(LinearProbe, LeavesUnknownLabelsOutAndNeedsTwoLabels) {
    const FloatMatrix points = gaussianPoints(100, 4, 3);
    std::vector<int> labels(points.rows, 2);
    for (std::size_t i = 0; i < 30; ++i)
        labels[i] = -1;
    const ProbeResult single = linearProbe(points, labels);
    EXPECT_FALSE(single.defined());
    EXPECT_EQ(single.fitPoints + single.heldOutPoints, 70u);
    labels[50] = 5;
    EXPECT_TRUE(linearProbe(points, labels).defined());
    EXPECT_THROW(linearProbe(points, std::vector<int>(3, 0)), std::invalid_argument);
}

TEST(LinearProbe, SameSeedSameResult) {
    const FloatMatrix points = gaussianPoints(3000, 64, 4);
    std::vector<int> labels(points.rows);
    for (std::size_t i = 0; i < points.rows; ++i)  // the largest of three coordinates: linearly separable
        labels[i] = static_cast<int>(std::max_element(points.row(i), points.row(i) + 3) - points.row(i));
    const ProbeResult first = linearProbe(points, labels);
    const ProbeResult second = linearProbe(points, labels);
    EXPECT_EQ(first.accuracy, second.accuracy);
    EXPECT_EQ(first.majorityAccuracy, second.majorityAccuracy);
    EXPECT_GT(first.accuracy, 0.9);
}

}  // namespace
}  // namespace bridgelc
