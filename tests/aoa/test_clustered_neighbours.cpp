// The clustered nearest-neighbour search that DI uses, against a brute-force search over every row and every
// column in double and against the reference k-d tree: it prunes clusters and members by bounds and computes
// distances by matrix products, and none of that may change a distance by more than float rounding.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/aoa/clustered_neighbours.h"
#include "core/aoa/nearest_neighbours.h"
#include "core/data/point_reader.h"

namespace bridgelc {
namespace {

// Float rows and a float query, as the search keeps them; the difference and the sum in double.
double bruteForceNearest(const std::vector<float>& rows, std::size_t cols, const double* point) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r * cols < rows.size(); ++r) {
        double squared = 0;
        for (std::size_t c = 0; c < cols; ++c) {
            const double difference = double(static_cast<float>(point[c])) - double(rows[r * cols + c]);
            squared += difference * difference;
        }
        best = std::min(best, squared);
    }
    return std::sqrt(best);
}

void expectSameDistance(double got, double expected, const std::string& what) {
    EXPECT_NEAR(got, expected, 1e-5 * expected + 1e-9) << what;
}

// Rows drawn around 25 centres of different spreads (the real predictors are clustered too), with two
// columns 0 and one constant, as weights of 0 and constant predictors give.
std::vector<double> clusteredRows(std::size_t rows, std::size_t cols, std::mt19937_64& random) {
    std::normal_distribution<double> normal;
    std::uniform_int_distribution<int> pick(0, 24);
    std::vector<double> centres(25 * cols), spread(25);
    for (double& v : centres)
        v = normal(random) * 3.0;
    for (double& v : spread)
        v = 0.05 + std::abs(normal(random));
    std::vector<double> matrix(rows * cols);
    for (std::size_t r = 0; r < rows; ++r) {
        const int centre = pick(random);
        for (std::size_t c = 0; c < cols; ++c)
            matrix[r * cols + c] = (c == 2 || c == 9) ? 0.0
                                   : c == 4           ? -1.5
                                            : centres[centre * cols + c] + spread[centre] * normal(random);
    }
    return matrix;
}

TEST(ClusteredNeighbours, MatchesBruteForceOnClusteredRows) {
    const std::size_t rows = 8000, cols = 14;
    std::mt19937_64 random(7);
    const std::vector<double> matrix = clusteredRows(rows, cols, random);
    const ClusteredNeighbours index(matrix, cols);
    EXPECT_EQ(index.size(), rows);
    EXPECT_EQ(index.searchedCols(), cols - 3);
    EXPECT_GT(index.clusterCount(), 40u);

    // Points near the rows, far from all of them, between clusters, and copies of rows; every column, the
    // left-out ones too, may differ from the rows.
    std::vector<double> points = clusteredRows(1500, cols, random);
    std::normal_distribution<double> normal;
    const std::size_t n = 1500 + 300 + 200;
    for (std::size_t i = 0; i < 300; ++i)
        for (std::size_t c = 0; c < cols; ++c)
            points.push_back(normal(random) * (i % 2 ? 4.0 : 40.0));
    for (std::size_t i = 0; i < 200; ++i)
        points.insert(points.end(), matrix.begin() + (i * 37) * cols, matrix.begin() + (i * 37 + 1) * cols);
    ASSERT_EQ(points.size(), n * cols);

    const std::vector<float> training(matrix.begin(), matrix.end());
    std::vector<double> batch(n);
    index.nearestDistances(points.data(), n, batch.data());
    for (std::size_t i = 0; i < n; ++i) {
        expectSameDistance(batch[i], bruteForceNearest(training, cols, &points[i * cols]),
                           "point " + std::to_string(i));
        // Alone, a point may be compared with fewer rows, in other matrix shapes: the same to rounding.
        const double alone = index.nearestDistance(&points[i * cols]);
        EXPECT_NEAR(alone, batch[i], 1e-12 * batch[i] + 1e-12) << "alone and in a batch, point " << i;
    }
    // A row finds itself.
    for (std::size_t i = 1800; i < n; ++i)
        EXPECT_EQ(batch[i], 0.0) << "copy of a row, point " << i;
}

// Thousands of points that share one nearest centre are searched in many chunks, each with its own bounds:
// every point still finds its nearest row, whatever chunk it falls in, and copies of rows find 0.
TEST(ClusteredNeighbours, LargeGroupsSplitIntoChunks) {
    const std::size_t rows = 6000, cols = 9;
    std::mt19937_64 random(11);
    const std::vector<double> matrix = clusteredRows(rows, cols, random);
    const ClusteredNeighbours index(matrix, cols);
    std::normal_distribution<double> normal;
    const std::size_t n = 12000;  // groups well above the 512 points of a chunk
    std::vector<double> points;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t row = (i % 7) * 13;  // a few rows, each the centre of a cloud of points
        for (std::size_t c = 0; c < cols; ++c)
            points.push_back(i % 10 == 0 ? matrix[row * cols + c]
                                         : matrix[row * cols + c] + normal(random) * (i % 3 ? 0.05 : 0.5));
    }
    const std::vector<float> training(matrix.begin(), matrix.end());
    std::vector<double> batch(n);
    index.nearestDistances(points.data(), n, batch.data());
    for (std::size_t i = 0; i < n; ++i) {
        expectSameDistance(batch[i], bruteForceNearest(training, cols, &points[i * cols]),
                           "point " + std::to_string(i));
        if (i % 10 == 0) EXPECT_EQ(batch[i], 0.0) << "copy of a row, point " << i;
    }
}

// Pairs of rows nearly equidistant from a point, closer to equal than the float products' error bound but
// not to double rounding: the float pass cannot tell them apart and leaves the point to the search in
// double, which must find the nearer one (the distance is then the brute force's to the bit). Rows stored
// twice and points equal to them leave two members at 0: also decided in double, and exactly 0.
TEST(ClusteredNeighbours, NearlyEquidistantRowsAreDecidedInDouble) {
    const std::size_t cols = 6;
    std::mt19937_64 random(5);
    std::vector<double> matrix = clusteredRows(3000, cols, random), points;
    // Coordinates on a grid of 2^-10, so that the offsets below are exact in float.
    std::uniform_int_distribution<int> onGrid(-4096, 4096);
    const double step = std::ldexp(1.0, -16);  // the pair's squared distances differ by 2^-32
    for (std::size_t pair = 0; pair < 40; ++pair) {
        std::vector<double> point(cols), near(cols), far(cols);
        for (std::size_t c = 0; c < cols; ++c)
            point[c] = near[c] = far[c] = std::ldexp(double(onGrid(random)), -10);
        near[0] += 0.75;  // at 0.75
        far[0] -= 0.75;
        far[1] += step;  // at sqrt(0.75^2 + 2^-32)
        const std::vector<double>& firstAdded = pair % 2 ? near : far;
        const std::vector<double>& secondAdded = pair % 2 ? far : near;
        matrix.insert(matrix.end(), firstAdded.begin(), firstAdded.end());
        matrix.insert(matrix.end(), secondAdded.begin(), secondAdded.end());
        points.insert(points.end(), point.begin(), point.end());
    }
    const std::size_t copies = 20;
    for (std::size_t i = 0; i < copies; ++i) {
        const std::vector<double> row(matrix.begin() + (i * 53) * cols, matrix.begin() + (i * 53 + 1) * cols);
        matrix.insert(matrix.end(), row.begin(), row.end());
        points.insert(points.end(), row.begin(), row.end());
    }
    const ClusteredNeighbours index(matrix, cols);
    const std::vector<float> training(matrix.begin(), matrix.end());
    const std::size_t n = points.size() / cols;
    std::vector<double> got(n);
    index.nearestDistances(points.data(), n, got.data());
    for (std::size_t i = 0; i < n; ++i) {
        EXPECT_EQ(got[i], bruteForceNearest(training, cols, &points[i * cols])) << "point " << i;
        EXPECT_EQ(index.nearestDistance(&points[i * cols]), got[i]) << "alone, point " << i;
    }
    for (std::size_t i = n - copies; i < n; ++i)
        EXPECT_EQ(got[i], 0.0) << "a row stored twice, point " << i;
}

TEST(ClusteredNeighbours, DegenerateMatrices) {
    const double point[] = {4.0, 6.0};
    const ClusteredNeighbours same({1, 2, 1, 2, 1, 2}, 2);
    EXPECT_EQ(same.searchedCols(), 0u);
    EXPECT_DOUBLE_EQ(same.nearestDistance(point), 5.0);
    const ClusteredNeighbours empty({}, 2);
    EXPECT_TRUE(std::isinf(empty.nearestDistance(point)));
    const ClusteredNeighbours one({1, 2}, 2);
    EXPECT_DOUBLE_EQ(one.nearestDistance(point), 5.0);
    // Fewer rows than one cluster holds, with a duplicate: one cluster, searched whole.
    const ClusteredNeighbours few({0, 0, 3, 4, 3, 4, 10, 0}, 2);
    EXPECT_EQ(few.clusterCount(), 1u);
    const double points[] = {3, 4, 9, 1, -3, -4};
    double out[3];
    few.nearestDistances(points, 3, out);
    EXPECT_EQ(out[0], 0.0);
    EXPECT_DOUBLE_EQ(out[1], std::sqrt(2.0));
    EXPECT_DOUBLE_EQ(out[2], 5.0);
}

// The full real table as the area of applicability sees it: 70 % of the rows standardised and weighted (a
// third of the weights 0, as permutation importance gives) as the training rows, the other 30 % as new
// points. Every distance agrees with the reference k-d tree, and a sample with brute force.
TEST(ClusteredNeighbours, MatchesTheKdTreeOnTheFullRealTable) {
    const LoadResult loaded =
        loadPoints(std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2.csv");
    ASSERT_TRUE(loaded.dataset) << loaded.report.fatalMessage();
    const Dataset& data = *loaded.dataset;
    const std::size_t d = data.featureCount(), n = data.size();
    ASSERT_EQ(d, 35u);
    ASSERT_GT(n, 60000u);
    std::vector<double> mean(d, 0.0), sd(d, 0.0), weight(d);
    for (std::size_t j = 0; j < d; ++j) {
        for (std::size_t r = 0; r < n; ++r)
            mean[j] += data.row(r)[j] / double(n);
        for (std::size_t r = 0; r < n; ++r)
            sd[j] += (data.row(r)[j] - mean[j]) * (data.row(r)[j] - mean[j]) / double(n - 1);
        sd[j] = std::sqrt(sd[j]);
        weight[j] = j % 3 == 1 ? 0.0 : 0.2 + 0.8 * double((j * 7) % 11) / 10.0;
    }
    std::vector<double> training, points;
    for (std::size_t r = 0; r < n; ++r) {
        std::vector<double>& target = r % 10 < 7 ? training : points;
        for (std::size_t j = 0; j < d; ++j) {
            const double v = data.row(r)[j];
            target.push_back(std::isnan(v) || sd[j] <= 0 ? 0.0 : float((v - mean[j]) / sd[j] * weight[j]));
        }
    }
    const std::size_t rows = training.size() / d, queries = points.size() / d;
    const ClusteredNeighbours index(training, d);
    const NearestNeighbours reference(training, d);
    EXPECT_EQ(index.searchedCols(), reference.searchedCols());
    EXPECT_GT(index.clusterCount(), 100u);
    std::vector<double> got(queries), expected(queries);
    index.nearestDistances(points.data(), queries, got.data());
    reference.nearestDistances(points.data(), queries, expected.data());
    for (std::size_t i = 0; i < queries; ++i)
        expectSameDistance(got[i], expected[i], "point " + std::to_string(i));
    const std::vector<float> rowsAsStored(training.begin(), training.end());
    for (std::size_t i = 0; i < queries; i += 41)
        expectSameDistance(got[i], bruteForceNearest(rowsAsStored, d, &points[i * d]),
                           "brute force, point " + std::to_string(i));
    ASSERT_GT(rows, 45000u);
}

}  // namespace
}  // namespace bridgelc
