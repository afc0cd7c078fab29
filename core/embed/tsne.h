#pragma once
#include <cstdint>

#include "core/embed/reduction_control.h"
#include "core/util/float_matrix.h"

namespace bridgelc {

/// Settings of exact t-SNE (van der Maaten and Hinton 2008, the reference implementation's defaults).
struct TsneOptions {
    double perplexity = 30.0;  ///< effective neighbours per point; lowered to (n - 1) / 3 for small inputs
    int iterations = 1000;
    int exaggerationIterations = 250;  ///< early exaggeration and low momentum until this iteration
    double earlyExaggeration = 12.0;
    double learningRate = 200.0;
    double initialMomentum = 0.5, finalMomentum = 0.8;
    std::size_t pcaDimensions = 50;  ///< inputs wider than this are reduced by PCA first (as the reference)
    std::uint64_t seed = 0;          ///< initial positions
};

/// What t-SNE returns.
struct TsneResult {
    FloatMatrix embedding;  ///< n x 2; empty when cancelled
    bool cancelled = false;
    int iterations = 0;       ///< gradient steps done
    double klDivergence = 0;  ///< KL(P || Q) of the final embedding
};

/// Exact t-SNE of the rows of `data` to 2-D, written with LibTorch tensor operations: Gaussian affinities
/// calibrated to the perplexity by binary search per point, symmetrised; Student-t similarities in 2-D;
/// gradient descent with momentum, per-coordinate gains and early exaggeration. O(n^2) memory and time per
/// iteration, meant for up to about 5,000 points. Seeded: the same data and options give the same result on
/// the same machine. Polls `control` once per iteration (and per block of the calibration). Throws
/// std::invalid_argument for fewer than 4 rows.
TsneResult tsne(const FloatMatrix& data, const TsneOptions& options = {},
                const ReductionControl& control = {});

}  // namespace bridgelc
