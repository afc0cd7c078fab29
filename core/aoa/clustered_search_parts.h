#pragma once
// Internal to ClusteredNeighbours (clustered_*.cpp): a chunk's search state and the kernels over it.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "core/aoa/clustered_neighbours.h"

namespace bridgelc {

/// Slack on every bound, far above the rounding of distances computed in double from float values.
constexpr double kClusteredMargin = 1e-9;
constexpr std::size_t kNoMember = std::numeric_limits<std::size_t>::max();

/// Nearby points that share their nearest centre, and their search state.
struct ClusteredNeighbours::Chunk {
    std::size_t cluster = 0, size = 0;
    std::vector<double> points;      ///< size x stride (zeros after the searched columns)
    std::vector<double> fromCentre;  ///< ||q - centre of the chunk's cluster||
    std::vector<double> best, bestSquared;
    std::vector<std::size_t> bestMember;
    std::vector<std::size_t> active;  ///< scratch below
    std::vector<double> block, blockNorms, products, minima;
    // The float search (clustered_float_search.cpp) only.
    /// For each point the float estimate of ||q - x||^2 of its best member plus that estimate's error bound
    /// (bestSquared holds the estimate), and the least estimate minus its bound over every other member it
    /// was compared with: the best is certainly the nearest when that least value is above the first.
    std::vector<double> bestError, othersLow;
    std::vector<float> floatBlock, floatProducts, floatMinima;

    /// Sizes the scratch for `size` points, measures each point's distance to `home` (its cluster's centre)
    /// and forgets every best so far.
    void start(const double* home, std::size_t searched, std::size_t stride);
};

/// out[j + i * nb] = a_i . b_j for the rows of a (na x k) and b (nb x k), row-major with leading dimension
/// k (BLAS, the process's own).
void dots(const double* a, std::size_t na, const double* b, std::size_t nb, std::size_t k,
          std::vector<double>& out);
/// The same in float; with rowLength > nb, each row of out holds rowLength values, the last ones infinity.
void floatDots(const float* a, std::size_t na, const float* b, std::size_t nb, std::size_t k,
               std::vector<float>& out, std::size_t rowLength = 0);

/// Points per tile of bandProducts(): it computes whole tiles, so `block` must hold `rows` rounded up to a
/// multiple of this (the extra rows' products are computed and ignored).
constexpr std::size_t kBandTileRows = 8;
/// floatDots() of `rows` points (rows of `stride`, the first `dims` values used) with the band of `members`
/// members whose columns start at `columns` (dims rows of columnStride floats, each member's values side by
/// side, readable 16 past the band), rows of rowLength (a multiple of 16) filled up with infinity, by an
/// AVX-512 kernel; false, and nothing done, on a CPU without AVX-512.
bool bandProducts(const float* block, std::size_t rows, std::size_t stride, const float* columns,
                  std::size_t columnStride, std::size_t dims, std::size_t members, std::vector<float>& out,
                  std::size_t rowLength);

/// The smallest of each row of a rows x cols matrix into out[0..rows); NaN is never chosen.
void rowMinima(const double* values, std::size_t rows, std::size_t cols, double* out);
void rowMinima(const float* values, std::size_t rows, std::size_t cols, float* out);

/// The column c of least norms[c] - 2 products[c] of each row of a rows x cols matrix (cols a multiple of 16,
/// norms of cols values) into out[0..rows); 0 for a row where every value is NaN.
void nearestCentres(const float* products, std::size_t rows, std::size_t cols, const float* norms,
                    std::size_t* out);

/// row = -2 (point - centre) and then 1 at position d, the point's side of the product with a member's
/// (x - c, ||x - c||^2); returns ||point - centre||^2. Point, centre and row are padded to `stride` (a
/// multiple of 8) with zeros.
double scaledOffset(const double* point, const double* centre, std::size_t d, std::size_t stride,
                    double* row);
/// The same row rounded to float (the difference and the sum in double).
double scaledOffset(const double* point, const double* centre, std::size_t d, std::size_t stride, float* row);

inline void ClusteredNeighbours::Chunk::start(const double* home, std::size_t searched, std::size_t stride) {
    constexpr double infinity = std::numeric_limits<double>::infinity();
    fromCentre.resize(size);
    block.resize(size * stride);
    blockNorms.resize(size);
    active.resize(size);
    for (std::size_t g = 0; g < size; ++g)
        fromCentre[g] = std::sqrt(scaledOffset(&points[g * stride], home, searched, stride, block.data()));
    best.assign(size, infinity);
    bestSquared.assign(size, infinity);
    bestMember.assign(size, kNoMember);
}

// First by ||q - c|| >= ||c - centre|| - ||q - centre||, which costs nothing; then, for the points left, by
// ||q - c|| itself. A point needs the cluster when ||q - c|| - radius is within its best (an upper bound on
// its nearest distance); its band of distances from c is ||q - c|| -/+ that best.
template <typename Row>
ClusteredNeighbours::Band ClusteredNeighbours::selectBand(Chunk& chunk, std::size_t c, double centres,
                                                          Row* rows) const {
    constexpr double infinity = std::numeric_limits<double>::infinity();
    const std::size_t d = m_searched.size(), stride = m_stride;
    double low = infinity, high = -infinity;
    Band band;
    for (std::size_t g = 0; g < chunk.size; ++g) {
        const double within = chunk.best[g] + kClusteredMargin;
        if (centres - chunk.fromCentre[g] - m_radius[c] > within) continue;
        const double squared = scaledOffset(&chunk.points[g * stride], &m_paddedCentres[c * stride], d,
                                            stride, rows + band.kept * stride);
        const double toCentre = std::sqrt(squared);
        if (toCentre - m_radius[c] > within) continue;
        chunk.active[band.kept] = g;
        chunk.blockNorms[band.kept] = squared;
        low = std::min(low, toCentre - within);
        high = std::max(high, toCentre + within);
        ++band.kept;
    }
    if (band.kept == 0) return band;
    const auto lengths = m_offsetLength.begin();
    band.first = std::lower_bound(lengths + m_begin[c], lengths + m_begin[c + 1], low) - lengths;
    band.last = std::upper_bound(lengths + band.first, lengths + m_begin[c + 1], high) - lengths;
    return band;
}

}  // namespace bridgelc
