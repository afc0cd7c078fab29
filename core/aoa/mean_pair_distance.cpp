#include "core/aoa/mean_pair_distance.h"

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace bridgelc {
namespace {

using Dgemm = void (*)(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
                       const double* beta, double* c, const int* ldc);

// The process's BLAS (OpenBLAS through libblas, which LibTorch already loads), looked up as the network
// inference does, so core links no second BLAS.
Dgemm processDgemm() {
    static const auto dgemm = reinterpret_cast<Dgemm>(dlsym(RTLD_DEFAULT, "dgemm_"));
    return dgemm;
}

constexpr std::size_t kBlockRows = 1024;

// Column-major nj x ni: dots[j + i * nj] = a_i . b_j.
void blockDots(const double* a, std::size_t ni, const double* b, std::size_t nj, std::size_t cols,
               std::vector<double>& dots) {
    dots.resize(ni * nj);
    if (const Dgemm dgemm = processDgemm()) {
        const int m = static_cast<int>(nj), n = static_cast<int>(ni), k = static_cast<int>(cols);
        const double one = 1.0, zero = 0.0;
        dgemm("T", "N", &m, &n, &k, &one, b, &k, a, &k, &zero, dots.data(), &m);
        return;
    }
    for (std::size_t i = 0; i < ni; ++i)
        for (std::size_t j = 0; j < nj; ++j) {
            double sum = 0;
            for (std::size_t c = 0; c < cols; ++c)
                sum += a[i * cols + c] * b[j * cols + c];
            dots[j + i * nj] = sum;
        }
}

}  // namespace

double meanPairDistance(const double* matrix, std::size_t rows, std::size_t cols) {
    if (rows < 2) return 0.0;
    std::vector<double> norms(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        double sum = 0;
        for (std::size_t c = 0; c < cols; ++c)
            sum += matrix[r * cols + c] * matrix[r * cols + c];
        norms[r] = sum;
    }
    std::vector<double> dots;
    long double total = 0;
    for (std::size_t i0 = 0; i0 < rows; i0 += kBlockRows) {
        const std::size_t ni = std::min(kBlockRows, rows - i0);
        for (std::size_t j0 = i0; j0 < rows; j0 += kBlockRows) {
            const std::size_t nj = std::min(kBlockRows, rows - j0);
            blockDots(matrix + i0 * cols, ni, matrix + j0 * cols, nj, cols, dots);
            double blockSum = 0;
            for (std::size_t i = 0; i < ni; ++i) {
                // Within a diagonal block only the pairs above the diagonal count.
                const std::size_t jStart = (i0 == j0) ? i + 1 : 0;
                const double* column = dots.data() + i * nj;
                for (std::size_t j = jStart; j < nj; ++j) {
                    const double squared = norms[i0 + i] + norms[j0 + j] - 2.0 * column[j];
                    blockSum += std::sqrt(std::max(0.0, squared));
                }
            }
            total += blockSum;
        }
    }
    const long double pairs = static_cast<long double>(rows) * (rows - 1) / 2;
    return static_cast<double>(total / pairs);
}

}  // namespace bridgelc
