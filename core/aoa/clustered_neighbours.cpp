#include "core/aoa/clustered_neighbours.h"
#include "core/aoa/nearest_neighbours.h"

#include <dlfcn.h>
#include <faiss/Clustering.h>
#include <faiss/IndexFlat.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace bridgelc {
namespace {

using Dgemm = void (*)(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
                       const double* beta, double* c, const int* ldc);

using Sgemm = void (*)(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);

// The process's BLAS (OpenBLAS through libblas, which LibTorch already loads), looked up as the network
// inference does, so core links no second BLAS.
Dgemm processDgemm() {
    static const auto dgemm = reinterpret_cast<Dgemm>(dlsym(RTLD_DEFAULT, "dgemm_"));
    return dgemm;
}
Sgemm processSgemm() {
    static const auto sgemm = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
    return sgemm;
}

// out[j + i * nb] = a_i . b_j in float, only to pick each point's nearest centre.
void floatDots(const float* a, std::size_t na, const float* b, std::size_t nb, std::size_t k,
               std::vector<float>& out) {
    out.resize(na * nb);
    if (const Sgemm sgemm = processSgemm()) {
        const int m = static_cast<int>(nb), n = static_cast<int>(na), depth = static_cast<int>(k);
        const float one = 1.0f, zero = 0.0f;
        sgemm("T", "N", &m, &n, &depth, &one, b, &depth, a, &depth, &zero, out.data(), &m);
        return;
    }
    for (std::size_t i = 0; i < na; ++i)
        for (std::size_t j = 0; j < nb; ++j) {
            float sum = 0;
            for (std::size_t c = 0; c < k; ++c)
                sum += a[i * k + c] * b[j * k + c];
            out[j + i * nb] = sum;
        }
}

// out[j + i * nb] = a_i . b_j for the rows of a (na x k) and b (nb x k), both row-major.
void dots(const double* a, std::size_t na, const double* b, std::size_t nb, std::size_t k,
          std::vector<double>& out) {
    out.resize(na * nb);
    if (const Dgemm dgemm = processDgemm()) {
        const int m = static_cast<int>(nb), n = static_cast<int>(na), depth = static_cast<int>(k);
        const double one = 1.0, zero = 0.0;
        dgemm("T", "N", &m, &n, &depth, &one, b, &depth, a, &depth, &zero, out.data(), &m);
        return;
    }
    for (std::size_t i = 0; i < na; ++i)
        for (std::size_t j = 0; j < nb; ++j) {
            double sum = 0;
            for (std::size_t c = 0; c < k; ++c)
                sum += a[i * k + c] * b[j * k + c];
            out[j + i * nb] = sum;
        }
}

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
// Points searched together: their groups by nearest centre grow with it.
constexpr std::size_t kSlice = 65536;
// Points per matrix product when finding each point's nearest centre.
constexpr std::size_t kChunk = 1024;
// Slack on every bound, far above the rounding of distances computed in double from float values.
constexpr double kMargin = 1e-9;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

}  // namespace

/// Points that share their nearest centre, and their search state.
struct ClusteredNeighbours::Group {
    std::size_t cluster = 0, size = 0;
    std::vector<double> points;      ///< size x searched
    std::vector<double> fromCentre;  ///< ||q - centre of the group's cluster||
    std::vector<double> best, bestSquared;
    std::vector<std::size_t> bestMember;
    std::vector<std::size_t> active;  ///< scratch below
    std::vector<double> block, blockNorms, products;
};

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
    m_centreNorms.resize(k);
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
    m_offsets.resize(m_rows * d);
    m_offsetNorms.resize(m_rows);
    m_offsetLength.resize(m_rows);
    m_radius.assign(k, 0.0);
    for (std::size_t member = 0; member < m_rows; ++member) {
        const std::size_t row = m_rowOf[member];
        std::copy(&offsets[row * d], &offsets[row * d] + d, &m_offsets[member * d]);
        m_offsetNorms[member] = squaredNorm(&offsets[row * d], d);
        m_offsetLength[member] = length[row];
        const std::size_t c = static_cast<std::size_t>(assignment[row]);
        m_radius[c] = std::max(m_radius[c], length[row]);
    }

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

void ClusteredNeighbours::nearestDistances(const double* points, std::size_t n, double* out) const {
    if (m_rows == 0) {
        std::fill(out, out + n, std::numeric_limits<double>::infinity());
        return;
    }
    if (m_clusterCount == 0) {  // no column varies: every row is the same point
        for (std::size_t i = 0; i < n; ++i)
            out[i] = distanceTo(points + i * m_cols, 0);
        return;
    }
    for (std::size_t start = 0; start < n; start += kSlice)
        searchSlice(points + start * m_cols, std::min(kSlice, n - start), out + start);
}

void ClusteredNeighbours::searchSlice(const double* points, std::size_t n, double* out) const {
    const std::size_t d = m_searched.size(), k = m_clusterCount;
    std::vector<float> queries(n * d);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < d; ++t)
            queries[i * d + t] = static_cast<float>(points[i * m_cols + m_searched[t]]);
    // Each point's nearest centre decides only the groups (any grouping gives the same results), so float
    // matrix products do.
    std::vector<std::size_t> nearest(n, 0);
    std::vector<float> products;
    for (std::size_t start = 0; start < n && k > 1; start += kChunk) {
        const std::size_t count = std::min(kChunk, n - start);
        floatDots(&queries[start * d], count, m_centresFloat.data(), k, d, products);
        for (std::size_t i = 0; i < count; ++i) {
            float closest = std::numeric_limits<float>::infinity();
            const float* row = &products[i * k];
            for (std::size_t c = 0; c < k; ++c) {
                const float squared = m_centreNorms[c] - 2.0f * row[c];
                if (squared < closest) closest = squared, nearest[start + i] = c;
            }
        }
    }
    std::vector<std::size_t> groupBegin(k + 1, 0), order(n);
    for (std::size_t i = 0; i < n; ++i)
        ++groupBegin[nearest[i] + 1];
    std::partial_sum(groupBegin.begin(), groupBegin.end(), groupBegin.begin());
    {
        std::vector<std::size_t> next(groupBegin.begin(), groupBegin.end() - 1);
        for (std::size_t i = 0; i < n; ++i)
            order[next[nearest[i]]++] = i;
    }
    Group group;
    for (std::size_t c = 0; c < k; ++c) {
        group.cluster = c;
        group.size = groupBegin[c + 1] - groupBegin[c];
        if (group.size == 0) continue;
        group.points.resize(group.size * d);
        for (std::size_t g = 0; g < group.size; ++g) {
            const std::size_t i = order[groupBegin[c] + g];
            std::copy(&queries[i * d], &queries[i * d] + d, &group.points[g * d]);
        }
        searchGroup(group);
        for (std::size_t g = 0; g < group.size; ++g) {
            const std::size_t i = order[groupBegin[c] + g];
            // No member at all only when the point is not finite; its distance then says so.
            const std::size_t member = group.bestMember[g];
            out[i] = distanceTo(points + i * m_cols, member == kNone ? 0 : m_rowOf[member]);
        }
    }
}

void ClusteredNeighbours::searchGroup(Group& group) const {
    const std::size_t d = m_searched.size(), k = m_clusterCount, size = group.size;
    constexpr double infinity = std::numeric_limits<double>::infinity();
    const double* centre = &m_centres[group.cluster * d];
    group.fromCentre.resize(size);
    for (std::size_t g = 0; g < size; ++g) {
        double squared = 0;
        for (std::size_t t = 0; t < d; ++t)
            squared += (group.points[g * d + t] - centre[t]) * (group.points[g * d + t] - centre[t]);
        group.fromCentre[g] = std::sqrt(squared);
    }
    group.best.assign(size, infinity);
    group.bestSquared.assign(size, infinity);
    group.bestMember.assign(size, kNone);

    // The farthest any point of the group may still look, measured from the group's centre.
    double reach = infinity;
    for (std::size_t p = 0; p < k; ++p) {
        if (m_visitBound[group.cluster * k + p] > reach + kMargin) break;
        const std::size_t c = m_visitOrder[group.cluster * k + p];
        const std::size_t clusterBegin = m_begin[c], clusterEnd = m_begin[c + 1];
        if (clusterBegin == clusterEnd) continue;
        // First by ||q - c|| >= ||c - centre|| - ||q - centre||, which costs nothing; then, for the points
        // left, by ||q - c|| itself. A point needs the cluster when ||q - c|| - radius is within its best.
        const double centres = m_visitDistance[group.cluster * k + p];
        group.active.clear();
        for (std::size_t g = 0; g < size; ++g)
            if (centres - group.fromCentre[g] - m_radius[c] <= group.best[g] + kMargin)
                group.active.push_back(g);
        if (group.active.empty()) continue;
        group.block.resize(group.active.size() * d);
        group.blockNorms.resize(group.active.size());
        // The band of distances from the centre in which a member could beat a point's best so far.
        double low = infinity, high = -infinity;
        std::size_t kept = 0;
        for (std::size_t g : group.active) {
            double* offset = &group.block[kept * d];
            for (std::size_t t = 0; t < d; ++t)
                offset[t] = group.points[g * d + t] - m_centres[c * d + t];
            const double squared = squaredNorm(offset, d), toCentre = std::sqrt(squared);
            const double within = group.best[g] + kMargin;
            if (toCentre - m_radius[c] > within) continue;
            group.active[kept] = g;
            group.blockNorms[kept] = squared;
            low = std::min(low, toCentre - within);
            high = std::max(high, toCentre + within);
            ++kept;
        }
        if (kept == 0) continue;
        const auto lengths = m_offsetLength.begin();
        const std::size_t first =
            std::lower_bound(lengths + clusterBegin, lengths + clusterEnd, low) - lengths;
        const std::size_t last = std::upper_bound(lengths + first, lengths + clusterEnd, high) - lengths;
        if (first == last) continue;

        const std::size_t members = last - first;
        dots(group.block.data(), kept, &m_offsets[first * d], members, d, group.products);
        for (std::size_t a = 0; a < kept; ++a) {
            const std::size_t g = group.active[a];
            const double* products = &group.products[a * members];
            double bestSquared = group.bestSquared[g];
            std::size_t bestMember = kNone;
            for (std::size_t m = 0; m < members; ++m) {
                const double squared = group.blockNorms[a] + m_offsetNorms[first + m] - 2.0 * products[m];
                if (squared < bestSquared) bestSquared = squared, bestMember = first + m;
            }
            if (bestMember == kNone) continue;
            group.bestSquared[g] = bestSquared;
            group.best[g] = std::sqrt(std::max(0.0, bestSquared));
            group.bestMember[g] = bestMember;
        }
        reach = 0;
        for (std::size_t g = 0; g < size; ++g)
            reach = std::max(reach, group.fromCentre[g] + group.best[g]);
    }
}

}  // namespace bridgelc
