// The search side of ClusteredNeighbours (clustered_neighbours.cpp builds the clusters): points grouped by
// their nearest centre, each group split into chunks of nearby points, each chunk compared by matrix
// products with the members its bounds cannot rule out.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "core/aoa/clustered_neighbours.h"
#include "core/aoa/clustered_search_parts.h"

namespace bridgelc {
namespace {

// Puts order[begin, end) in an order where each leaf range (at most `chunk` points, appended to `leaves`)
// holds points near each other: split at the median of the coordinate over which the points spread widest,
// like a k-d tree. A chunk's bounds are those of its farthest point, so compact chunks rule out more.
void splitIntoChunks(const float* queries, std::size_t d, std::size_t* order, std::size_t begin,
                     std::size_t end, std::size_t chunk, std::vector<std::size_t>& leaves) {
    const std::size_t count = end - begin;
    if (count <= chunk) {
        leaves.push_back(end);
        return;
    }
    std::size_t widest = 0;
    float widestRange = -1;
    for (std::size_t t = 0; t < d; ++t) {
        float low = std::numeric_limits<float>::infinity(), high = -low;
        for (std::size_t i = begin; i < end; ++i) {
            low = std::min(low, queries[order[i] * d + t]);
            high = std::max(high, queries[order[i] * d + t]);
        }
        if (high - low > widestRange) widestRange = high - low, widest = t;
    }
    // Split so that both halves fill their chunks evenly.
    const std::size_t chunks = (count + chunk - 1) / chunk, middle = begin + count * (chunks / 2) / chunks;
    std::nth_element(order + begin, order + middle, order + end, [&](std::size_t a, std::size_t b) {
        return queries[a * d + widest] < queries[b * d + widest];
    });
    splitIntoChunks(queries, d, order, begin, middle, chunk, leaves);
    splitIntoChunks(queries, d, order, middle, end, chunk, leaves);
}

// Points searched together: their groups by nearest centre grow with it.
constexpr std::size_t kSlice = 65536;
// Points per matrix product when finding each point's nearest centre.
constexpr std::size_t kCentreBatch = 1024;
// Points searched as one chunk: enough rows for efficient matrix products, few enough that the chunk's
// bounds stay close to each of its points' own and its products stay in cache. With the tile kernel (no
// per-call cost, each band's members loaded once per tile of 8 points) 256 and 512 beat 128 and 64 on the
// bench; 512 gave the steadier figures.
constexpr std::size_t kChunkPoints = 512;

}  // namespace

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
    for (std::size_t start = 0; start < n && k > 1; start += kCentreBatch) {
        const std::size_t count = std::min(kCentreBatch, n - start);
        floatDots(&queries[start * d], count, m_centresFloat.data(), k, d, products, m_centreNorms.size());
        nearestCentres(products.data(), count, m_centreNorms.size(), m_centreNorms.data(), &nearest[start]);
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
    Chunk chunk, undecided;
    std::vector<std::size_t> leaves, undecidedAt;
    for (std::size_t c = 0; c < k; ++c) {
        leaves.clear();
        splitIntoChunks(queries.data(), d, order.data(), groupBegin[c], groupBegin[c + 1], kChunkPoints,
                        leaves);
        std::size_t begin = groupBegin[c];
        for (const std::size_t end : leaves) {
            chunk.cluster = c;
            chunk.size = end - begin;
            chunk.points.assign(chunk.size * m_stride, 0.0);
            for (std::size_t g = 0; g < chunk.size; ++g) {
                const std::size_t i = order[begin + g];
                std::copy(&queries[i * d], &queries[i * d] + d, &chunk.points[g * m_stride]);
            }
            if (chunk.size > 0) searchChunkInFloat(chunk);
            // The points the float products could not decide, again in double.
            undecidedAt.clear();
            for (std::size_t g = 0; g < chunk.size; ++g)
                if (chunk.bestMember[g] == kNoMember) undecidedAt.push_back(g);
            if (!undecidedAt.empty()) {
                undecided.cluster = c;
                undecided.size = undecidedAt.size();
                undecided.points.resize(undecided.size * m_stride);
                for (std::size_t j = 0; j < undecided.size; ++j)
                    std::copy(&chunk.points[undecidedAt[j] * m_stride],
                              &chunk.points[(undecidedAt[j] + 1) * m_stride],
                              &undecided.points[j * m_stride]);
                searchChunk(undecided);
                for (std::size_t j = 0; j < undecided.size; ++j)
                    chunk.bestMember[undecidedAt[j]] = undecided.bestMember[j];
            }
            for (std::size_t g = 0; g < chunk.size; ++g) {
                const std::size_t i = order[begin + g];
                // No member at all only when the point is not finite; its distance then says so.
                const std::size_t member = chunk.bestMember[g];
                out[i] = distanceTo(points + i * m_cols, member == kNoMember ? 0 : m_rowOf[member]);
            }
            begin = end;
        }
    }
}

void ClusteredNeighbours::searchChunk(Chunk& chunk) const {
    const std::size_t stride = m_stride, k = m_clusterCount, size = chunk.size;
    constexpr double infinity = std::numeric_limits<double>::infinity();
    chunk.start(&m_paddedCentres[chunk.cluster * stride], m_searched.size(), stride);
    chunk.minima.resize(size);

    // The farthest any point of the chunk may still look, measured from the chunk's centre.
    double reach = infinity;
    for (std::size_t p = 0; p < k; ++p) {
        if (m_visitBound[chunk.cluster * k + p] > reach + kClusteredMargin) break;
        const std::size_t c = m_visitOrder[chunk.cluster * k + p];
        if (m_begin[c] == m_begin[c + 1]) continue;
        const Band band = selectBand(chunk, c, m_visitDistance[chunk.cluster * k + p], chunk.block.data());
        const std::size_t kept = band.kept, first = band.first, last = band.last;
        if (kept == 0 || first == last) continue;

        // products[m + a * members] = ||q_a - x_m||^2 - ||q_a - c||^2 (see m_offsets).
        const std::size_t members = last - first;
        dots(chunk.block.data(), kept, &m_offsets[first * stride], members, stride, chunk.products);
        rowMinima(chunk.products.data(), kept, members, chunk.minima.data());
        for (std::size_t a = 0; a < kept; ++a) {
            const std::size_t g = chunk.active[a];
            const double least = chunk.minima[a];
            if (!(chunk.blockNorms[a] + least < chunk.bestSquared[g])) continue;
            const double* products = &chunk.products[a * members];
            const std::size_t m = std::find(products, products + members, least) - products;
            chunk.bestSquared[g] = chunk.blockNorms[a] + least;
            chunk.best[g] = std::sqrt(std::max(0.0, chunk.bestSquared[g]));
            chunk.bestMember[g] = first + m;
        }
        reach = 0;
        for (std::size_t g = 0; g < size; ++g)
            reach = std::max(reach, chunk.fromCentre[g] + chunk.best[g]);
    }
}

}  // namespace bridgelc
