#pragma once
#include <cstdint>

#include "core/embed/reduction_control.h"
#include "core/util/float_matrix.h"

namespace bridgelc {

/// Settings of t-SNE (the defaults of the reference implementations, van der Maaten 2014 and scikit-learn).
struct TsneOptions {
    double perplexity = 30.0;  ///< effective neighbours per point; lowered to (n - 1) / 3 for small inputs
    int iterations = 1000;
    int exaggerationIterations = 250;  ///< early exaggeration and low momentum until this iteration
    double earlyExaggeration = 12.0;
    /// Step size; 0 chooses max(200, n / earlyExaggeration) (Belkina et al. 2019), which large inputs need
    /// to converge within the iterations.
    double learningRate = 0.0;
    double initialMomentum = 0.5, finalMomentum = 0.8;
    double theta = 0.5;  ///< Barnes-Hut accuracy: a cell of side w seen from d is one point when w < theta d
    std::size_t pcaDimensions = 50;  ///< inputs wider than this are reduced by PCA first (as the reference)
    std::uint64_t seed = 0;          ///< initial positions
};

/// What t-SNE returns.
struct TsneResult {
    FloatMatrix embedding;  ///< n x 2; empty when cancelled
    bool cancelled = false;
    int iterations = 0;       ///< gradient steps done
    double klDivergence = 0;  ///< KL(P || Q) of the final embedding, P as the method built it
};

/// Barnes-Hut t-SNE (van der Maaten 2014) of the rows of `data` to 2-D: input affinities from the 3 x
/// perplexity nearest neighbours of each point (faiss exhaustive search), each row's Gaussian calibrated to
/// the perplexity by bisection, symmetrised; the repulsion summed over a quadtree rebuilt each iteration;
/// gradient descent with momentum, per-coordinate gains and early exaggeration. O(n log n) per iteration.
/// Seeded: the same data and options give the same result on the same machine. Polls `control` once per
/// iteration (and per block of the neighbour search). Throws std::invalid_argument for fewer than 4 rows.
TsneResult tsne(const FloatMatrix& data, const TsneOptions& options = {},
                const ReductionControl& control = {});

/// The perplexity used for n points: options.perplexity, lowered to (n - 1) / 3 for small inputs.
double tsnePerplexity(const TsneOptions& options, std::size_t n);

/// The learning rate used for n points (options.learningRate, or the automatic choice when it is 0).
double tsneLearningRate(const TsneOptions& options, std::size_t n);

}  // namespace bridgelc
