#pragma once
// The element-wise passes of the fused training blocks (core/nn/fused_blocks.h): BatchNorm1d's batch
// statistics, its scale and shift with ReLU and dropout, and the backward of all three. Internal: include
// only from core .cpp files and tests.
#include <cstdint>

namespace bridgelc {

/// Per column of a row-major rows x columns block: the mean, and 1 / sqrt(biased variance + eps), in double
/// (two passes, as LibTorch; every sum in row order); the running statistics move towards the mean and
/// unbiased variance with `momentum`.
void batchStatistics(const float* z, std::int64_t rows, std::int64_t columns, double epsilon, double momentum,
                     float* runningMean, float* runningVar, double* mean, double* invstd);

/// y = Dropout(ReLU(z * alpha + shift)): the BatchNorm's scale and shift per column, then the mask (held in y
/// on entry when `masked`). A NaN passes through, as through LibTorch's ReLU, so divergence is still seen.
void normaliseActivate(const float* z, std::int64_t rows, std::int64_t columns, const float* alpha,
                       const float* shift, bool masked, float* y);

/// Backward of one block from dL/dy (`incoming`) to dL/dz (`grad`; the same buffer as `incoming` or another,
/// so that the block above's gradient need not be copied before it is overwritten), with the BatchNorm's
/// weight and bias gradients added to `gradGamma` and `gradBeta` and the Linear's bias gradient (the column
/// sums of dL/dz, in double in row order) to `gradBias`. Dropout and ReLU pass the gradient where y is not
/// <= 0 (a kept, positive unit), scaled by the dropout's 1 / (1 - p); BatchNorm's backward is LibTorch's
/// formula.
void blockBackward(const float* z, const float* y, std::int64_t rows, std::int64_t columns, float scale,
                   const double* mean, const double* invstd, const float* gamma, const float* incoming,
                   float* grad, float* gradGamma, float* gradBeta, float* gradBias);

}  // namespace bridgelc
