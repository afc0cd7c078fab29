// The float products of the clustered search without BLAS: a chunk meets a band of some 30 members at a
// time, in products of about 45 x 32 x 36, where sgemm spends as long packing its inputs and checking its
// arguments as multiplying. The members are kept transposed (one row per column, every member side by side),
// so a band is a contiguous slice of each row and a tile of 8 points x 32 members is 16 AVX-512 registers
// of sums with one fused multiply-add per point and column. Each product is a plain sum over the columns
// in a fixed order, so the error bound of clustered_float_search.cpp holds for it as for sgemm.
#include <immintrin.h>

#include <limits>

#include "core/aoa/clustered_search_parts.h"

namespace bridgelc {
namespace {

// Lanes of members from `from` on that are among the band's first `members`.
inline __mmask16 validLanes(std::size_t from, std::size_t members) {
    if (from >= members) return 0;
    return members - from >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << (members - from)) - 1);
}

// One tile: kBandTileRows points x 16 * Vectors members. The loops over the tile are unrolled so that its
// sums stay in registers (at -O2 the compiler keeps them in memory).
template <int Vectors>
__attribute__((target("avx512f"))) inline void productTile(const float* points, std::size_t stride,
                                                           const float* columns, std::size_t columnStride,
                                                           std::size_t dims, std::size_t from,
                                                           std::size_t members, float* out,
                                                           std::size_t rowLength) {
    __m512 sums[kBandTileRows][Vectors];
#pragma GCC unroll 16
    for (std::size_t p = 0; p < kBandTileRows; ++p)
#pragma GCC unroll 16
        for (int v = 0; v < Vectors; ++v)
            sums[p][v] = _mm512_setzero_ps();
    const float* column = columns + from;
    for (std::size_t t = 0; t < dims; ++t, column += columnStride) {
        __m512 lanes[Vectors];
#pragma GCC unroll 16
        for (int v = 0; v < Vectors; ++v)
            lanes[v] = _mm512_loadu_ps(column + 16 * v);
#pragma GCC unroll 16
        for (std::size_t p = 0; p < kBandTileRows; ++p) {
            const __m512 value = _mm512_set1_ps(points[p * stride + t]);
#pragma GCC unroll 16
            for (int v = 0; v < Vectors; ++v)
                sums[p][v] = _mm512_fmadd_ps(value, lanes[v], sums[p][v]);
        }
    }
    // Lanes past the band read the next cluster's members (or the padding): infinity, never a minimum.
    const __m512 infinity = _mm512_set1_ps(std::numeric_limits<float>::infinity());
#pragma GCC unroll 16
    for (int v = 0; v < Vectors; ++v) {
        const __mmask16 valid = validLanes(from + 16 * v, members);
#pragma GCC unroll 16
        for (std::size_t p = 0; p < kBandTileRows; ++p)
            _mm512_storeu_ps(out + p * rowLength + from + 16 * v,
                             _mm512_mask_blend_ps(valid, infinity, sums[p][v]));
    }
}

__attribute__((target("avx512f"))) void bandProductsAvx512(const float* block, std::size_t rows,
                                                           std::size_t stride, const float* columns,
                                                           std::size_t columnStride, std::size_t dims,
                                                           std::size_t members, float* out,
                                                           std::size_t rowLength) {
    for (std::size_t a = 0; a < rows; a += kBandTileRows) {
        const float* points = block + a * stride;
        float* outRows = out + a * rowLength;
        std::size_t from = 0;
        for (; from + 32 <= rowLength; from += 32)
            productTile<2>(points, stride, columns, columnStride, dims, from, members, outRows, rowLength);
        if (from < rowLength)
            productTile<1>(points, stride, columns, columnStride, dims, from, members, outRows, rowLength);
    }
}

}  // namespace

bool bandProducts(const float* block, std::size_t rows, std::size_t stride, const float* columns,
                  std::size_t columnStride, std::size_t dims, std::size_t members, std::vector<float>& out,
                  std::size_t rowLength) {
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (!avx512) return false;
    const std::size_t tiles = (rows + kBandTileRows - 1) / kBandTileRows;
    out.resize(tiles * kBandTileRows * rowLength);
    bandProductsAvx512(block, tiles * kBandTileRows, stride, columns, columnStride, dims, members, out.data(),
                       rowLength);
    return true;
}

}  // namespace bridgelc
