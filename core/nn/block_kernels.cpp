#include "core/nn/block_kernels.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <vector>

// Plain loops that -O3 vectorises (at -O2 GCC leaves loops of unknown length scalar), in an AVX-512, an AVX2
// and a baseline copy chosen when the program loads. No multiply-add is contracted (AVX-512 has FMA, hence
// fp-contract=off), so every copy gives the same bits: each column's sum runs in row order whatever the
// vector width.
#pragma GCC optimize("O3", "no-trapping-math", "fp-contract=off")

namespace bridgelc {
namespace {

/// Columns whose sums are carried down the rows together. The sums are in double, so a strip of 32 columns
/// keeps each sum in four AVX-512 registers for the whole walk down the block; over whole 256-wide rows they
/// lived in memory, a load and a store of each sum per element, which made these passes cost three cycles per
/// element. Sums run in row order either way, so the strips give the same bits.
constexpr std::int64_t kStrip = 32;
/// Rows up to which blockBackward walks strips down the whole block (both passes of a strip while it is in
/// cache): 16 KB per array and strip at 128 rows. Measured against the whole-row form: 25 % faster at 128
/// and 256 rows, 1.4x and 1.8x slower at 512 and 1024. (The statistics' strips were faster at every size.)
constexpr std::int64_t kStripRows = 256;

/// Calls strip(j0, width) for every strip of columns, with the width a constant for the full strips (so their
/// inner loops unroll and the sums stay in registers) and the remainder's width otherwise.
template <typename Strip>
__attribute__((always_inline)) inline void forEachStrip(std::int64_t columns, Strip strip) {
    std::int64_t j0 = 0;
    for (; j0 + kStrip <= columns; j0 += kStrip)
        strip(j0, std::integral_constant<std::int64_t, kStrip>());
    if (j0 < columns) strip(j0, columns - j0);
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void batchStatistics(
    const float* z, std::int64_t rows, std::int64_t columns, double epsilon, double momentum,
    float* runningMean, float* runningVar, double* mean, double* invstd) {
    const double n = static_cast<double>(rows);
    forEachStrip(columns, [&](std::int64_t j0, auto width) {
        const std::int64_t w = width;
        double sum[kStrip] = {}, squares[kStrip] = {};
        for (std::int64_t i = 0; i < rows; ++i) {
            const float* row = z + i * columns + j0;
            for (std::int64_t j = 0; j < w; ++j)
                sum[j] += row[j];
        }
        for (std::int64_t j = 0; j < w; ++j)
            sum[j] /= n;
        for (std::int64_t i = 0; i < rows; ++i) {
            const float* row = z + i * columns + j0;
            for (std::int64_t j = 0; j < w; ++j) {
                const double d = row[j] - sum[j];
                squares[j] += d * d;
            }
        }
        for (std::int64_t j = 0; j < w; ++j) {
            mean[j0 + j] = sum[j];
            invstd[j0 + j] = 1.0 / std::sqrt(squares[j] / n + epsilon);
            const double unbiased = squares[j] / static_cast<double>(rows - 1);
            runningMean[j0 + j] =
                static_cast<float>(momentum * sum[j] + (1 - momentum) * runningMean[j0 + j]);
            runningVar[j0 + j] =
                static_cast<float>(momentum * unbiased + (1 - momentum) * runningVar[j0 + j]);
        }
    });
}

__attribute__((target_clones("avx512f", "avx2", "default"))) void normaliseActivate(
    const float* z, std::int64_t rows, std::int64_t columns, const float* alpha, const float* shift,
    bool masked, float* y) {
    for (std::int64_t i = 0; i < rows; ++i) {
        const float* in = z + i * columns;
        float* out = y + i * columns;
        if (masked) {
            for (std::int64_t j = 0; j < columns; ++j) {
                const float v = in[j] * alpha[j] + shift[j];
                out[j] = (v < 0.0f ? 0.0f : v) * out[j];
            }
        } else {
            for (std::int64_t j = 0; j < columns; ++j) {
                const float v = in[j] * alpha[j] + shift[j];
                out[j] = v < 0.0f ? 0.0f : v;
            }
        }
    }
}

namespace {

/// blockBackward strip by strip (up to kStripRows rows).
__attribute__((always_inline)) inline void stripBackward(const float* z, const float* y, std::int64_t rows,
                                                         std::int64_t columns, float scale,
                                                         const double* mean, const double* invstd,
                                                         const float* gamma, const float* incoming,
                                                         float* grad, float* gradGamma, float* gradBeta,
                                                         float* gradBias) {
    const double n = static_cast<double>(rows);
    const bool inPlace = incoming == grad;
    // A strip is finished (both passes) before the next: its rows of z, y and the gradient, 16 KB each at
    // 128 rows, are still in the L1 cache for the second pass.
    forEachStrip(columns, [&](std::int64_t j0, auto width) {
        const std::int64_t w = width;
        double sums[kStrip] = {}, dots[kStrip] = {};
        float centre[kStrip];
        for (std::int64_t j = 0; j < w; ++j)
            centre[j] = static_cast<float>(mean[j0 + j]);
        for (std::int64_t i = 0; i < rows; ++i) {
            float* __restrict g = grad + i * columns + j0;
            const float* __restrict yr = y + i * columns + j0;
            const float* __restrict zr = z + i * columns + j0;
            // Two forms, each free of aliasing, so both vectorise.
            if (inPlace) {
                for (std::int64_t j = 0; j < w; ++j) {
                    const float scaled = g[j] * scale;
                    g[j] = yr[j] <= 0.0f ? 0.0f : scaled;
                }
            } else {
                const float* __restrict in = incoming + i * columns + j0;
                for (std::int64_t j = 0; j < w; ++j) {
                    const float scaled = in[j] * scale;
                    g[j] = yr[j] <= 0.0f ? 0.0f : scaled;
                }
            }
            for (std::int64_t j = 0; j < w; ++j) {
                sums[j] += g[j];
                dots[j] += static_cast<double>(zr[j] - centre[j]) * g[j];
            }
        }
        float gradMean[kStrip], k[kStrip], factor[kStrip];
        for (std::int64_t j = 0; j < w; ++j) {
            const double s = invstd[j0 + j];
            gradMean[j] = static_cast<float>(sums[j] / n);
            k[j] = static_cast<float>(dots[j] * s * s / n);
            factor[j] = static_cast<float>(s * gamma[j0 + j]);
            gradGamma[j0 + j] += static_cast<float>(dots[j] * s);
            gradBeta[j0 + j] += static_cast<float>(sums[j]);
        }
        // dL/dz, and its column sums (the Linear's bias gradient) in the same pass.
        double biasSum[kStrip] = {};
        for (std::int64_t i = 0; i < rows; ++i) {
            float* __restrict g = grad + i * columns + j0;
            const float* __restrict zr = z + i * columns + j0;
            for (std::int64_t j = 0; j < w; ++j) {
                g[j] = (g[j] - gradMean[j] - (zr[j] - centre[j]) * k[j]) * factor[j];
                biasSum[j] += g[j];
            }
        }
        for (std::int64_t j = 0; j < w; ++j)
            gradBias[j0 + j] += static_cast<float>(biasSum[j]);
    });
}

/// blockBackward over whole rows, each column's sums in memory: for more than kStripRows rows, where a strip
/// running down all the rows (a 1 KB stride at 256 columns) no longer stays in cache and was up to 1.8x
/// slower than this form at batch 1024.
__attribute__((always_inline)) inline void rowBackward(const float* z, const float* y, std::int64_t rows,
                                                       std::int64_t columns, float scale, const double* mean,
                                                       const double* invstd, const float* gamma,
                                                       const float* incoming, float* grad, float* gradGamma,
                                                       float* gradBeta, float* gradBias) {
    const std::size_t width = static_cast<std::size_t>(columns);
    std::vector<double> sumGrad(width, 0.0), dot(width, 0.0), biasSums(width, 0.0);
    std::vector<float> meanF(width), gradMean(width), k(width), factor(width);
    for (std::int64_t j = 0; j < columns; ++j)
        meanF[j] = static_cast<float>(mean[j]);
    double* __restrict sums = sumGrad.data();
    double* __restrict dots = dot.data();
    double* __restrict biasSum = biasSums.data();
    const float* __restrict centre = meanF.data();
    const bool inPlace = incoming == grad;
    for (std::int64_t i = 0; i < rows; ++i) {
        float* __restrict g = grad + i * columns;
        const float* __restrict yr = y + i * columns;
        const float* __restrict zr = z + i * columns;
        if (inPlace) {
            for (std::int64_t j = 0; j < columns; ++j) {
                const float scaled = g[j] * scale;
                g[j] = yr[j] <= 0.0f ? 0.0f : scaled;
            }
        } else {
            const float* __restrict in = incoming + i * columns;
            for (std::int64_t j = 0; j < columns; ++j) {
                const float scaled = in[j] * scale;
                g[j] = yr[j] <= 0.0f ? 0.0f : scaled;
            }
        }
        for (std::int64_t j = 0; j < columns; ++j) {
            sums[j] += g[j];
            dots[j] += static_cast<double>(zr[j] - centre[j]) * g[j];
        }
    }
    const double n = static_cast<double>(rows);
    for (std::int64_t j = 0; j < columns; ++j) {
        gradMean[j] = static_cast<float>(sumGrad[j] / n);
        k[j] = static_cast<float>(dot[j] * invstd[j] * invstd[j] / n);
        factor[j] = static_cast<float>(invstd[j] * gamma[j]);
        gradGamma[j] += static_cast<float>(dot[j] * invstd[j]);
        gradBeta[j] += static_cast<float>(sumGrad[j]);
    }
    for (std::int64_t i = 0; i < rows; ++i) {
        float* __restrict g = grad + i * columns;
        const float* __restrict zr = z + i * columns;
        for (std::int64_t j = 0; j < columns; ++j) {
            g[j] = (g[j] - gradMean[j] - (zr[j] - meanF[j]) * k[j]) * factor[j];
            biasSum[j] += g[j];
        }
    }
    for (std::int64_t j = 0; j < columns; ++j)
        gradBias[j] += static_cast<float>(biasSums[j]);
}

}  // namespace

__attribute__((target_clones("avx512f", "avx2", "default"))) void blockBackward(
    const float* z, const float* y, std::int64_t rows, std::int64_t columns, float scale, const double* mean,
    const double* invstd, const float* gamma, const float* incoming, float* grad, float* gradGamma,
    float* gradBeta, float* gradBias) {
    if (rows <= kStripRows)
        stripBackward(z, y, rows, columns, scale, mean, invstd, gamma, incoming, grad, gradGamma, gradBeta,
                      gradBias);
    else
        rowBackward(z, y, rows, columns, scale, mean, invstd, gamma, incoming, grad, gradGamma, gradBeta,
                    gradBias);
}

}  // namespace bridgelc
