#pragma once
#include <cstddef>
#include <vector>

namespace bridgelc {

/// Exact nearest-neighbour search among the rows of a fixed row-major matrix, by Euclidean distance, made
/// for many points at once (a million predicted points against tens of thousands of training rows).
///
/// The rows are split into k-means clusters (faiss). Each cluster keeps its rows' offsets from its centre,
/// sorted by their length. By the triangle inequality a row x of a cluster with centre c is no nearer to a
/// point q than | ||q - c|| - ||x - c|| |, so a cluster is skipped when ||q - c|| minus its radius is not
/// below the nearest distance found so far, and within a cluster only the rows whose distance from the centre
/// lies within that distance of ||q - c|| are compared. Points are handled in groups that share their nearest
/// centre; a group is searched in chunks of nearby points (split at the median of their widest coordinate),
/// so each chunk keeps its own, tighter bounds and the distances of a chunk to the rows it cannot rule out
/// are small matrix products: first in float (sgemm) with a rigorous bound on their error, which decides
/// almost every point, then, for a point where two rows lie within that bound of each other, in double (BLAS
/// dgemm). Nothing is approximated: the row found is a nearest row to double rounding, and the distance
/// returned is recomputed over every column from that row, like NearestNeighbours (the reference k-d tree).
///
/// As there, the query is taken as float like the stored rows, so a row's distance to itself is exactly 0,
/// and columns that do not vary between rows take no part in the search.
class ClusteredNeighbours {
public:
    ClusteredNeighbours(const std::vector<double>& rowMajor, std::size_t cols);
    ~ClusteredNeighbours();
    ClusteredNeighbours(const ClusteredNeighbours&) = delete;
    ClusteredNeighbours& operator=(const ClusteredNeighbours&) = delete;

    std::size_t size() const { return m_rows; }
    std::size_t cols() const { return m_cols; }
    /// Columns the search compares (those that vary between rows).
    std::size_t searchedCols() const { return m_searched.size(); }
    std::size_t clusterCount() const { return m_clusterCount; }
    /// The Euclidean distance from `point` (cols() values) to its nearest row; infinity when there are none.
    double nearestDistance(const double* point) const;
    /// nearestDistance() of each of n points (n x cols(), row-major) into out[0..n).
    void nearestDistances(const double* points, std::size_t n, double* out) const;

private:
    struct Chunk;
    /// The chunk's points that may still have a nearer member in cluster c, and the band of its members
    /// (by distance from c) that could be that member: rows [first, last) of the sorted offsets.
    struct Band {
        std::size_t kept = 0, first = 0, last = 0;
    };
    /// Fills chunk.active and chunk.blockNorms for the kept points and writes their product rows, one per
    /// kept point, into `rows` (double for searchChunk, float for searchChunkInFloat).
    template <typename Row>
    Band selectBand(Chunk& chunk, std::size_t c, double centres, Row* rows) const;
    void buildClusters(const std::vector<double>& searchedRows);
    void searchSlice(const double* points, std::size_t n, double* out) const;
    void searchChunk(Chunk& chunk) const;
    /// searchChunk with the products in float; gives kNoMember as the member of a point it cannot decide.
    void searchChunkInFloat(Chunk& chunk) const;
    double distanceTo(const double* point, std::size_t row) const;

    std::vector<float> m_values;          ///< every column, rows x cols, as stored by the caller's float
    std::vector<std::size_t> m_searched;  ///< columns that vary
    std::size_t m_rows = 0, m_cols = 0, m_clusterCount = 0;

    std::vector<double> m_centres;      ///< clusterCount x searched
    std::vector<float> m_centresFloat;  ///< the same in float, to group points by their nearest centre
    std::vector<float> m_centreNorms;   ///< ||c||^2 of those, then infinity up to a multiple of 16
    std::vector<double> m_radius;       ///< largest ||x - c|| of each cluster
    std::vector<std::size_t> m_begin;   ///< cluster k holds members m_begin[k] .. m_begin[k + 1]
    /// searched + 1 rounded up to a multiple of 8: the row length of the padded matrices below (zeros after).
    std::size_t m_stride = 0;
    std::vector<double> m_paddedCentres;  ///< clusterCount x stride
    /// members x stride, by cluster, shortest first: x - c, then ||x - c||^2, so that one matrix product with
    /// a point's row (-2 (q - c), 1) gives ||x - c||^2 - 2 (q - c).(x - c) = ||q - x||^2 - ||q - c||^2.
    std::vector<double> m_offsets;
    std::vector<float> m_floatOffsets;  ///< the same in float, for the first pass
    /// The same transposed cluster by cluster, for bandProducts(): cluster k's block starts at
    /// m_columnBegin[k] and its row t holds value t of each member, then zeros up to m_columnWidth[k] (at
    /// least 16, so a band's last lanes may read on). A band is a short slice of a few kB of rows.
    std::vector<float> m_floatColumns;
    std::vector<std::size_t> m_columnBegin, m_columnWidth;
    std::vector<double> m_offsetLength;  ///< ||x - c|| of each member (ascending within a cluster)
    std::vector<std::size_t> m_rowOf;    ///< the row of each member
    /// Row a: every cluster, those whose centre is nearest cluster a's first (the order a group visits them).
    std::vector<std::size_t> m_visitOrder;  ///< clusters x clusters
    std::vector<double> m_visitDistance;    ///< the distance between the two centres, in the same layout
    /// Row a, position p: the least ||c - a|| - radius(c) over the clusters c from position p of row a on.
    /// No cluster from p on can hold a row nearer to a point q than this value minus ||q - a||, so a group
    /// of points stops there once that is beyond all its bests.
    std::vector<double> m_visitBound;  ///< clusters x clusters
};

}  // namespace bridgelc
