// The nearest-neighbour search of the area of applicability against a brute-force search over every row
// and every column in double: the tree leaves out columns that do not vary and searches points in its own
// order, and neither may change a distance by more than float rounding.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "core/aoa/area_of_applicability.h"
#include "core/aoa/nearest_neighbours.h"
#include "core/data/point_reader.h"

namespace bridgelc {
namespace {

// Float rows and a float query, as the search keeps them; the difference and the sum in double.
double bruteForceNearest(const std::vector<float>& rows, std::size_t cols, const float* point,
                         std::size_t skipFrom = 0, std::size_t skipTo = 0) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r * cols < rows.size(); ++r) {
        if (r >= skipFrom && r < skipTo) continue;
        double squared = 0;
        for (std::size_t c = 0; c < cols; ++c) {
            const double difference = double(point[c]) - double(rows[r * cols + c]);
            squared += difference * difference;
        }
        best = std::min(best, squared);
    }
    return std::sqrt(best);
}

// Float rounding of squared distances summed over a few dozen columns, with a wide margin.
void expectSameDistance(double got, double expected, const std::string& what) {
    EXPECT_NEAR(got, expected, 1e-5 * expected + 1e-9) << what;
}

TEST(NearestNeighbours, LeavesOutColumnsThatDoNotVaryAndStillMatchesBruteForce) {
    const std::size_t rows = 3000, cols = 12, queries = 700;
    std::mt19937_64 random(11);
    std::normal_distribution<double> normal;
    std::vector<double> matrix(rows * cols);
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c)
            // Columns 3 and 7 are 0 (weight 0), column 5 is constant but not 0, the rest vary by scale.
            matrix[r * cols + c] = (c == 3 || c == 7) ? 0.0 : c == 5 ? 2.5 : normal(random) * (1.0 + c);
    const NearestNeighbours index(matrix, cols);
    EXPECT_EQ(index.size(), rows);
    EXPECT_EQ(index.searchedCols(), cols - 3);

    const std::vector<float> training(matrix.begin(), matrix.end());
    std::vector<double> points(queries * cols);
    for (double& v : points)
        v = normal(random) * 4.0;  // every column, the left-out ones too, differs from the rows
    std::vector<double> batch(queries);
    index.nearestDistances(points.data(), queries, batch.data());
    for (std::size_t i = 0; i < queries; ++i) {
        std::vector<float> point(points.begin() + i * cols, points.begin() + (i + 1) * cols);
        const double expected = bruteForceNearest(training, cols, point.data());
        expectSameDistance(batch[i], expected, "point " + std::to_string(i));
        EXPECT_EQ(index.nearestDistance(&points[i * cols]), batch[i]) << "alone and in a batch, point " << i;
    }
    // A row finds itself.
    std::vector<double> ownRows(matrix.begin(), matrix.begin() + 50 * cols), own(50);
    index.nearestDistances(ownRows.data(), 50, own.data());
    for (double distance : own)
        EXPECT_EQ(distance, 0.0);
}

TEST(NearestNeighbours, IdenticalRowsAndNoRows) {
    const std::vector<double> same = {1, 2, 1, 2, 1, 2};
    const NearestNeighbours index(same, 2);
    EXPECT_EQ(index.searchedCols(), 0u);
    const double point[] = {4.0, 6.0};
    EXPECT_DOUBLE_EQ(index.nearestDistance(point), 5.0);
    const NearestNeighbours empty({}, 2);
    EXPECT_TRUE(std::isinf(empty.nearestDistance(point)));
}

// The real table (4,000-point sample, 35 features) with weights of which several are 0, as permutation
// importance gives: training DI (nearest point of another region) and DI of points outside the training part.
TEST(NearestNeighbours, AreaOfApplicabilityOnRealPredictorsMatchesBruteForce) {
    const LoadResult loaded =
        loadPoints(std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2_sample4k.csv");
    ASSERT_TRUE(loaded.dataset) << loaded.report.fatalMessage();
    const Dataset& data = *loaded.dataset;
    const std::size_t d = data.featureCount(), trainRows = 3200;
    ASSERT_EQ(d, 35u);
    ASSERT_GT(data.size(), trainRows + 500);
    std::vector<double> importance(d);
    for (std::size_t j = 0; j < d; ++j)
        importance[j] = j % 5 == 2 ? 0.0 : j % 3 == 0 ? -0.01 : 0.01 * double(j + 1);
    std::vector<int> folds(trainRows);
    std::vector<std::string> ids(trainRows), foldNames;
    for (std::size_t r = 0; r < trainRows; ++r) {
        folds[r] = data.region[r] < 0 ? 99 : data.region[r];
        ids[r] = std::to_string(r);
    }
    for (int f = 0; f < 100; ++f)
        foldNames.push_back("fold " + std::to_string(f));
    const auto aoa = AreaOfApplicability::build(data.features.data(), trainRows, data.featureNames,
                                                AoaWeights{"test", importance}, folds, foldNames, ids);
    const std::vector<float>& matrix = aoa->trainingMatrix();

    // Training DI: brute force over the rows of other folds (rows of one fold are not contiguous, so each
    // row is checked against every other-fold row explicitly).
    std::map<int, std::vector<float>> rowsOfFold;
    for (std::size_t r = 0; r < trainRows; ++r)
        rowsOfFold[folds[r]].insert(rowsOfFold[folds[r]].end(), &matrix[r * d], &matrix[r * d] + d);
    ASSERT_GE(rowsOfFold.size(), 3u);
    for (std::size_t r = 0; r < trainRows; r += 7) {
        double nearest = std::numeric_limits<double>::infinity();
        for (const auto& [fold, rows] : rowsOfFold)
            if (fold != folds[r]) nearest = std::min(nearest, bruteForceNearest(rows, d, &matrix[r * d]));
        expectSameDistance(aoa->trainingDi()[r] * aoa->meanDistance(), nearest,
                           "training point " + std::to_string(r));
    }

    // New points: standardised and weighted as the training rows, then the nearest of all training rows.
    const std::size_t n = data.size() - trainRows;
    const std::vector<double> di = aoa->dissimilarity(data.row(trainRows), n);
    std::size_t sameDecision = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<float> point(d);
        for (std::size_t j = 0; j < d; ++j) {
            const double v = data.row(trainRows + i)[j];
            point[j] = static_cast<float>(!std::isnan(v) && aoa->sds()[j] > 0
                                              ? (v - aoa->means()[j]) / aoa->sds()[j] * aoa->weights()[j]
                                              : 0.0);
        }
        const double expected = bruteForceNearest(matrix, d, point.data()) / aoa->meanDistance();
        expectSameDistance(di[i], expected, "point " + std::to_string(i));
        sameDecision += aoa->inside(di[i]) == aoa->inside(expected) ? 1 : 0;
    }
    EXPECT_EQ(sameDecision, n);
}

}  // namespace
}  // namespace bridgelc
