// The first pass of the clustered search, with the matrix products in float (twice as many per instruction
// and half the memory of double), and a rigorous bound on their error, so that it either proves which
// member is nearest or leaves the point to the search in double (searchChunk).
//
// Why the bound holds. A product is p = a.b with a = (-2 (q - c), 1) and b = (x - c, ||x - c||^2), n = stride
// terms (the padding is 0 on both sides, exactly). The float inputs are a and b each rounded once, so
// a_f = a (1 + e1), b_f = b (1 + e2) term by term with |e1|, |e2| <= u = 2^-24, and the float dot product of
// n terms in any order, with or without fused multiply-adds, is within gamma_n = n u / (1 - n u) of sum |a_f
// b_f| (Higham, Accuracy and Stability of Numerical Algorithms, 3.1). Together |p_float - p| <= (gamma_n (1 +
// u)^2 + 2 u + u^2) sum |a b| <= (n + 3) u ||a|| ||b|| for n u < 1e-3, by Cauchy-Schwarz, with ||a|| = sqrt(4
// ||q - c||^2 + 1) and ||b|| = L sqrt(1 + L^2), L = ||x - c||, which grows with L: the last member of the
// band compared has the largest. The squared distance is ||q - c||^2 + p, summed in double; that rounding is
// the same as in the search in double, so it is left to kClusteredMargin like there.
//
// With each estimate s_m and its bound e_m, the true squared distance of member m lies in [s_m - e_m,
// s_m + e_m]. The member with the least estimate is certainly the nearest of those compared when its s + e
// is below s_m - e_m of every other one; the members the bounds never compared are farther than the least
// s_m + e_m found, which is no less than the nearest's true distance. A point where that fails (two members
// nearly equidistant, or copies of the same row) is searched again in double.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/aoa/clustered_neighbours.h"
#include "core/aoa/clustered_search_parts.h"

namespace bridgelc {

void ClusteredNeighbours::searchChunkInFloat(Chunk& chunk) const {
    const std::size_t stride = m_stride, k = m_clusterCount, size = chunk.size;
    constexpr double infinity = std::numeric_limits<double>::infinity();
    const double errorPerNorm = double(stride + 3) * std::ldexp(1.0, -24);
    chunk.start(&m_paddedCentres[chunk.cluster * stride], m_searched.size(), stride);
    chunk.floatBlock.resize((size + kBandTileRows) * stride);
    chunk.floatMinima.resize(size);
    // best: an upper bound on the point's nearest distance (the least estimate plus its bound, as a
    // distance).
    chunk.bestError.assign(size, 0.0);
    chunk.othersLow.assign(size, infinity);

    double reach = infinity;
    for (std::size_t p = 0; p < k; ++p) {
        if (m_visitBound[chunk.cluster * k + p] > reach + kClusteredMargin) break;
        const std::size_t c = m_visitOrder[chunk.cluster * k + p];
        if (m_begin[c] == m_begin[c + 1]) continue;
        // best holds each point's upper bound here, so the band is the same as in searchChunk.
        const Band band =
            selectBand(chunk, c, m_visitDistance[chunk.cluster * k + p], chunk.floatBlock.data());
        const std::size_t kept = band.kept, first = band.first, last = band.last;
        if (kept == 0 || first == last) continue;

        const std::size_t members = last - first;
        const double longest = m_offsetLength[last - 1],
                     memberNorm = longest * std::sqrt(1.0 + longest * longest);
        // Rows of whole lanes of 16, filled up with infinity, so the scan for the least needs no remainder.
        const std::size_t rowLength = (members + 15) / 16 * 16;
        if (!bandProducts(chunk.floatBlock.data(), kept, stride,
                          &m_floatColumns[m_columnBegin[c] + first - m_begin[c]], m_columnWidth[c],
                          m_searched.size() + 1, members, chunk.floatProducts, rowLength))
            floatDots(chunk.floatBlock.data(), kept, &m_floatOffsets[first * stride], members, stride,
                      chunk.floatProducts, rowLength);
        rowMinima(chunk.floatProducts.data(), kept, rowLength, chunk.floatMinima.data());
        for (std::size_t a = 0; a < kept; ++a) {
            const std::size_t g = chunk.active[a];
            const double error = errorPerNorm * std::sqrt(4.0 * chunk.blockNorms[a] + 1.0) * memberNorm;
            const double least = chunk.blockNorms[a] + double(chunk.floatMinima[a]);
            // Every estimate plus its bound is above the nearest distance; the least of them bounds the
            // search.
            chunk.best[g] = std::min(chunk.best[g], std::sqrt(std::max(0.0, least + error)));
            if (!(least < chunk.bestSquared[g])) {
                // Not the best: only the least of this band can come near the best.
                chunk.othersLow[g] = std::min(chunk.othersLow[g], least - error);
                continue;
            }
            // A new best: the old one, and the second least of this band, join the others.
            const float* products = &chunk.floatProducts[a * rowLength];
            const std::size_t m = std::find(products, products + members, chunk.floatMinima[a]) - products;
            float second = std::numeric_limits<float>::infinity();
            for (std::size_t other = 0; other < members; ++other)
                if (other != m && products[other] < second) second = products[other];
            chunk.othersLow[g] = std::min({chunk.othersLow[g], chunk.bestSquared[g] - chunk.bestError[g],
                                           chunk.blockNorms[a] + double(second) - error});
            chunk.bestSquared[g] = least;
            chunk.bestError[g] = error;
            chunk.bestMember[g] = first + m;
        }
        reach = 0;
        for (std::size_t g = 0; g < size; ++g)
            reach = std::max(reach, chunk.fromCentre[g] + chunk.best[g]);
    }
    // Undecided points: no member at all (a point that is not finite) or a member within the bounds of the
    // best. kNoMember tells the caller to search them in double.
    for (std::size_t g = 0; g < size; ++g)
        if (!(chunk.othersLow[g] > chunk.bestSquared[g] + chunk.bestError[g]))
            chunk.bestMember[g] = kNoMember;
}

}  // namespace bridgelc
