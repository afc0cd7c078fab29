#include "core/aoa/clustered_neighbours.h"
#include "core/aoa/nearest_neighbours.h"

#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace bridgelc {
namespace {

double squaredNorm(const double* x, std::size_t k) {
    double sum = 0;
    for (std::size_t c = 0; c < k; ++c)
        sum += x[c] * x[c];
    return sum;
}

// Rows per k-means cluster: fewer, larger clusters make bigger matrix products but weaker bounds.
constexpr std::size_t kRowsPerCluster = 96;
constexpr std::size_t kMaxClusters = 1024;
// k-means iterations: the search is exact whatever the clusters, so a rough clustering is enough.
constexpr int kClusteringIterations = 10;

}  // namespace

ClusteredNeighbours::ClusteredNeighbours(const std::vector<double>& rowMajor, std::size_t cols)
    : m_values(rowMajor.begin(), rowMajor.end()), m_rows(cols ? m_values.size() / cols : 0), m_cols(cols) {
    for (std::size_t c = 0; c < m_cols && m_rows > 0; ++c)
        for (std::size_t r = 1; r < m_rows; ++r)
            if (m_values[r * m_cols + c] != m_values[c]) {
                m_searched.push_back(c);
                break;
            }
    if (m_rows == 0 || m_searched.empty()) return;
    const std::size_t d = m_searched.size();
    std::vector<double> searchedRows(m_rows * d);
    for (std::size_t r = 0; r < m_rows; ++r)
        for (std::size_t k = 0; k < d; ++k)
            searchedRows[r * d + k] = m_values[r * m_cols + m_searched[k]];
    buildClusters(searchedRows);
}

ClusteredNeighbours::~ClusteredNeighbours() = default;

void ClusteredNeighbours::buildClusters(const std::vector<double>& rows) {
    const std::size_t d = m_searched.size();
    const std::size_t k = std::clamp<std::size_t>(m_rows / kRowsPerCluster, 1, kMaxClusters);
    m_clusterCount = k;
    std::vector<faiss::Index::idx_t> assignment(m_rows, 0);
    m_centres.assign(k * d, 0.0);
    if (k == 1) {
        for (std::size_t r = 0; r < m_rows; ++r)
            for (std::size_t c = 0; c < d; ++c)
                m_centres[c] += rows[r * d + c] / double(m_rows);
    } else {
        const std::vector<float> x(rows.begin(), rows.end());
        faiss::ClusteringParameters parameters;
        parameters.niter = kClusteringIterations;
        parameters.seed = 20210901;
        parameters.verbose = false;
        faiss::Clustering clustering(static_cast<int>(d), static_cast<int>(k), parameters);
        faiss::IndexFlatL2 index(static_cast<faiss::Index::idx_t>(d));
        clustering.train(static_cast<faiss::Index::idx_t>(m_rows), x.data(), index);
        index.reset();
        index.add(static_cast<faiss::Index::idx_t>(k), clustering.centroids.data());
        std::vector<float> distances(m_rows);
        index.search(static_cast<faiss::Index::idx_t>(m_rows), x.data(), 1, distances.data(),
                     assignment.data());
        std::copy(clustering.centroids.begin(), clustering.centroids.end(), m_centres.begin());
    }
    m_centresFloat.assign(m_centres.begin(), m_centres.end());
    // Padded to whole lanes of 16 (infinity - 2 x infinity is NaN, never the nearest) for nearestCentres.
    m_centreNorms.assign((k + 15) / 16 * 16, std::numeric_limits<float>::infinity());
    for (std::size_t c = 0; c < k; ++c)
        m_centreNorms[c] = static_cast<float>(squaredNorm(&m_centres[c * d], d));

    // Members by cluster, nearest to the centre first; the bounds need each one's offset and its length.
    std::vector<double> offsets(m_rows * d), length(m_rows);
    for (std::size_t r = 0; r < m_rows; ++r) {
        const std::size_t c = static_cast<std::size_t>(assignment[r]);
        for (std::size_t t = 0; t < d; ++t)
            offsets[r * d + t] = rows[r * d + t] - m_centres[c * d + t];
        length[r] = std::sqrt(squaredNorm(&offsets[r * d], d));
    }
    m_rowOf.resize(m_rows);
    std::iota(m_rowOf.begin(), m_rowOf.end(), std::size_t{0});
    std::sort(m_rowOf.begin(), m_rowOf.end(), [&](std::size_t a, std::size_t b) {
        return assignment[a] != assignment[b] ? assignment[a] < assignment[b] : length[a] < length[b];
    });
    m_begin.assign(k + 1, 0);
    for (std::size_t r = 0; r < m_rows; ++r)
        ++m_begin[static_cast<std::size_t>(assignment[r]) + 1];
    std::partial_sum(m_begin.begin(), m_begin.end(), m_begin.begin());
    // Padded with zeros to whole lanes of 8 doubles, so the search's loops over a row need no remainder.
    const std::size_t stride = (d + 1 + 7) / 8 * 8;
    m_stride = stride;
    m_paddedCentres.assign(k * stride, 0.0);
    for (std::size_t c = 0; c < k; ++c)
        std::copy(&m_centres[c * d], &m_centres[c * d] + d, &m_paddedCentres[c * stride]);
    m_offsets.assign(m_rows * stride, 0.0);
    m_offsetLength.resize(m_rows);
    m_radius.assign(k, 0.0);
    for (std::size_t member = 0; member < m_rows; ++member) {
        const std::size_t row = m_rowOf[member];
        std::copy(&offsets[row * d], &offsets[row * d] + d, &m_offsets[member * stride]);
        m_offsets[member * stride + d] = squaredNorm(&offsets[row * d], d);
        m_offsetLength[member] = length[row];
        const std::size_t c = static_cast<std::size_t>(assignment[row]);
        m_radius[c] = std::max(m_radius[c], length[row]);
    }

    m_floatOffsets.assign(m_offsets.begin(), m_offsets.end());
    m_columnBegin.assign(k, 0);
    m_columnWidth.assign(k, 0);
    std::size_t columnValues = 0;
    for (std::size_t c = 0; c < k; ++c) {
        m_columnBegin[c] = columnValues;
        m_columnWidth[c] = (m_begin[c + 1] - m_begin[c] + 16 + 15) / 16 * 16;
        columnValues += (d + 1) * m_columnWidth[c];
    }
    m_floatColumns.assign(columnValues, 0.0f);
    for (std::size_t c = 0; c < k; ++c)
        for (std::size_t member = m_begin[c]; member < m_begin[c + 1]; ++member)
            for (std::size_t t = 0; t <= d; ++t)
                m_floatColumns[m_columnBegin[c] + t * m_columnWidth[c] + member - m_begin[c]] =
                    m_floatOffsets[member * stride + t];

    // Each group visits the clusters nearest its own centre first, so its bound tightens early.
    m_visitOrder.resize(k * k);
    m_visitDistance.resize(k * k);
    m_visitBound.resize(k * k);
    std::vector<double> centreDistance(k);
    for (std::size_t a = 0; a < k; ++a) {
        for (std::size_t b = 0; b < k; ++b) {
            double squared = 0;
            for (std::size_t t = 0; t < d; ++t) {
                const double difference = m_centres[a * d + t] - m_centres[b * d + t];
                squared += difference * difference;
            }
            centreDistance[b] = std::sqrt(squared);
        }
        std::size_t* order = &m_visitOrder[a * k];
        std::iota(order, order + k, std::size_t{0});
        std::stable_sort(order, order + k,
                         [&](std::size_t x, std::size_t y) { return centreDistance[x] < centreDistance[y]; });
        for (std::size_t p = 0; p < k; ++p)
            m_visitDistance[a * k + p] = centreDistance[order[p]];
        double least = std::numeric_limits<double>::infinity();
        for (std::size_t p = k; p-- > 0;) {
            least = std::min(least, centreDistance[order[p]] - m_radius[order[p]]);
            m_visitBound[a * k + p] = least;
        }
    }
}

double ClusteredNeighbours::distanceTo(const double* point, std::size_t row) const {
    return floatRowDistance(point, &m_values[row * m_cols], m_cols);
}

double ClusteredNeighbours::nearestDistance(const double* point) const {
    double out = 0;
    nearestDistances(point, 1, &out);
    return out;
}

}  // namespace bridgelc
