// The small kernels of the clustered search: the process's BLAS for the matrix products, and the loops that
// run once per point and visited cluster or over every product, written over lanes of 8 doubles or 16 floats
// and compiled for AVX-512 and AVX2 as well as the baseline (the library is built for plain x86-64).
#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/aoa/clustered_search_parts.h"

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

}  // namespace

void floatDots(const float* a, std::size_t na, const float* b, std::size_t nb, std::size_t k,
               std::vector<float>& out, std::size_t rowLength) {
    const std::size_t ldc = std::max(rowLength, nb);
    out.resize(na * ldc);
    if (const Sgemm sgemm = processSgemm()) {
        const int m = static_cast<int>(nb), n = static_cast<int>(na), depth = static_cast<int>(k),
                  leading = static_cast<int>(ldc);
        const float one = 1.0f, zero = 0.0f;
        sgemm("T", "N", &m, &n, &depth, &one, b, &depth, a, &depth, &zero, out.data(), &leading);
    } else {
        for (std::size_t i = 0; i < na; ++i)
            for (std::size_t j = 0; j < nb; ++j) {
                float sum = 0;
                for (std::size_t c = 0; c < k; ++c)
                    sum += a[i * k + c] * b[j * k + c];
                out[j + i * ldc] = sum;
            }
    }
    for (std::size_t i = 0; i < na && ldc > nb; ++i)
        std::fill(&out[i * ldc + nb], &out[(i + 1) * ldc], std::numeric_limits<float>::infinity());
}

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

// The smallest of each row of a rows x cols matrix, with NaN never chosen. Most rows improve on no point's
// best, so only the smallest value is needed at first; this scan is as long as the matrix products' output
// and the compiler does not vectorise a minimum over doubles by itself (it may not reorder the comparisons),
// so it is written over whole lanes, the last one filled up with infinity (rows are short, often shorter
// than two lanes, so a scalar remainder would cost as much as the rest).
template <typename Value, typename Lanes>
inline void rowMinimaOverLanes(const Value* values, std::size_t rows, std::size_t cols, Value* out) {
    constexpr std::size_t width = sizeof(Lanes) / sizeof(Value);
    constexpr Value infinity = std::numeric_limits<Value>::infinity();
    const std::size_t whole = cols / width * width;
    for (std::size_t r = 0; r < rows; ++r) {
        const Value* row = values + r * cols;
        Lanes least = Lanes{} + infinity, next;
        for (std::size_t c = 0; c < whole; c += width) {
            std::memcpy(&next, row + c, sizeof next);
            least = next < least ? next : least;
        }
        if (whole < cols) {
            for (std::size_t lane = 0; lane < width; ++lane)
                next[lane] = whole + lane < cols ? row[whole + lane] : infinity;
            least = next < least ? next : least;
        }
        Value smallest = infinity;
        for (std::size_t lane = 0; lane < width; ++lane)
            smallest = least[lane] < smallest ? least[lane] : smallest;
        out[r] = smallest;
    }
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void rowMinima(const double* values,
                                                                            std::size_t rows,
                                                                            std::size_t cols, double* out) {
    rowMinimaOverLanes<double, double __attribute__((vector_size(64)))>(values, rows, cols, out);
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void rowMinima(const float* values,
                                                                            std::size_t rows,
                                                                            std::size_t cols, float* out) {
    rowMinimaOverLanes<float, float __attribute__((vector_size(64)))>(values, rows, cols, out);
}

// Each of a million points scans every centre (hundreds), so the scan is over lanes like rowMinima: first
// the least value of each lane, then the first centre that holds the least of those (the first of equal
// ones, as a scalar scan would pick).
__attribute__((target_clones("avx512f", "avx2", "default"))) void nearestCentres(
    const float* products, std::size_t rows, std::size_t cols, const float* norms, std::size_t* out) {
    using Lanes = float __attribute__((vector_size(64)));
    constexpr std::size_t width = 16;
    constexpr float infinity = std::numeric_limits<float>::infinity();
    for (std::size_t r = 0; r < rows; ++r) {
        const float* row = products + r * cols;
        Lanes least = Lanes{} + infinity;
        for (std::size_t c = 0; c < cols; c += width) {
            Lanes product, norm;
            std::memcpy(&product, row + c, sizeof product);
            std::memcpy(&norm, norms + c, sizeof norm);
            const Lanes squared = norm - 2.0f * product;
            least = squared < least ? squared : least;
        }
        float smallest = infinity;
        for (std::size_t lane = 0; lane < width; ++lane)
            smallest = least[lane] < smallest ? least[lane] : smallest;
        std::size_t nearest = 0;
        for (std::size_t c = 0; c < cols; ++c)
            if (norms[c] - 2.0f * row[c] == smallest) {
                nearest = c;
                break;
            }
        out[r] = nearest;
    }
}

// Called for every point and every cluster it visits: over lanes of 8 like rowMinima.
__attribute__((target_clones("avx512f", "avx2", "default"))) double scaledOffset(
    const double* point, const double* centre, std::size_t d, std::size_t stride, double* row) {
    using Lanes = double __attribute__((vector_size(64)));
    Lanes sum = {};
    for (std::size_t t = 0; t < stride; t += 8) {
        Lanes p, c;
        std::memcpy(&p, point + t, sizeof p);
        std::memcpy(&c, centre + t, sizeof c);
        const Lanes difference = p - c, scaled = -2.0 * difference;
        sum += difference * difference;
        std::memcpy(row + t, &scaled, sizeof scaled);
    }
    row[d] = 1.0;
    double squared = 0;
    for (int lane = 0; lane < 8; ++lane)
        squared += sum[lane];
    return squared;
}

__attribute__((target_clones("avx512f", "avx2", "default"))) double scaledOffset(
    const double* point, const double* centre, std::size_t d, std::size_t stride, float* row) {
    using Lanes = double __attribute__((vector_size(64)));
    using FloatLanes = float __attribute__((vector_size(32)));
    Lanes sum = {};
    for (std::size_t t = 0; t < stride; t += 8) {
        Lanes p, c;
        std::memcpy(&p, point + t, sizeof p);
        std::memcpy(&c, centre + t, sizeof c);
        const Lanes difference = p - c, scaled = -2.0 * difference;
        sum += difference * difference;
        const FloatLanes rounded = __builtin_convertvector(scaled, FloatLanes);
        std::memcpy(row + t, &rounded, sizeof rounded);
    }
    row[d] = 1.0;
    double squared = 0;
    for (int lane = 0; lane < 8; ++lane)
        squared += sum[lane];
    return squared;
}

}  // namespace bridgelc
