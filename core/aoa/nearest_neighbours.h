#pragma once
#include <cstddef>
#include <memory>
#include <vector>

namespace bridgelc {

/// Euclidean distance from `point` (taken as float, as the rows are stored, so a row's distance to itself is
/// exactly 0) to the float row `row` of `cols` values, summed in double. Both searches end with it.
double floatRowDistance(const double* point, const float* row, std::size_t cols);

/// Exact nearest-neighbour search among the rows of a fixed row-major matrix, by Euclidean distance: the
/// reference that tests and `bridgelc bench` hold ClusteredNeighbours (the search DI uses) against. A
/// nanoflann k-d tree built once over a float copy of the rows (float distances ran 1.6x faster than double
/// over the real table's 35 standardised features, with the same sum of distances to 9 digits).
///
/// The tree holds only the columns that vary between rows, largest spread first: a predictor weighted 0
/// is 0 in every row, and a constant column adds the same amount to every distance, so neither changes
/// which row is nearest (on the real table 6 of 35 permutation weights were 0, and the search ran 1.3x
/// faster without them). The distance returned is then recomputed over every column, in double, from the
/// row found, so it does not depend on the columns the tree left out. It equals a brute-force search's to
/// float rounding: rows nearer than that to the same distance may swap.
class NearestNeighbours {
public:
    NearestNeighbours(std::vector<double> rowMajor, std::size_t cols);
    ~NearestNeighbours();
    NearestNeighbours(const NearestNeighbours&) = delete;
    NearestNeighbours& operator=(const NearestNeighbours&) = delete;

    std::size_t size() const { return m_rows; }
    std::size_t cols() const { return m_cols; }
    /// Columns the tree searches in (those that vary between rows).
    std::size_t searchedCols() const { return m_searched.size(); }
    /// The Euclidean distance from `point` (cols() values) to its nearest row; infinity when there are none.
    double nearestDistance(const double* point) const;
    /// nearestDistance() of each of n points (n x cols(), row-major) into out[0..n). The points are searched
    /// in the order of their value in the widest column, so consecutive searches walk the same branches of
    /// the tree while they are in cache (1.5x faster for points in random order); each result is the same
    /// as nearestDistance() alone.
    void nearestDistances(const double* points, std::size_t n, double* out) const;

    struct Tree;  ///< the nanoflann side (nearest_neighbours.cpp)

private:
    std::size_t nearestRow(const float* searchedPoint) const;
    double distanceTo(const double* point, std::size_t row) const;

    std::vector<float> m_values;          ///< every column, rows x cols
    std::vector<float> m_searchedValues;  ///< the searched columns only, rows x searchedCols()
    std::vector<std::size_t> m_searched;  ///< column of each searched column, widest spread first
    std::size_t m_rows = 0, m_cols = 0;
    std::unique_ptr<Tree> m_tree;
};

}  // namespace bridgelc
