#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/util/float_matrix.h"

namespace bridgelc {

/// How well a label can be read off an embedding by a linear model: a multinomial logistic regression fitted
/// on one half of the points and scored on the other. With the k-NN agreement this measures the
/// disentanglement the paper claims: the region should be hard to read from the region-invariant branch and
/// easy from the region-specific one, the class the other way round.
struct ProbeResult {
    double accuracy = 0;          ///< share of the held-out half predicted right
    double majorityAccuracy = 0;  ///< the held-out share of the fitting half's most frequent label
    std::size_t fitPoints = 0, heldOutPoints = 0;
    std::size_t labels = 0;  ///< distinct labels among the scored points
    /// False when there is nothing to learn: fewer than two distinct labels or too few points on a side.
    bool defined() const { return labels >= 2 && fitPoints > 0 && heldOutPoints > 0; }
};

/// Options of linearProbe(); the defaults are what the Embeddings tab and `bridgelc probe` use.
struct ProbeOptions {
    double heldOutShare = 0.5;
    double l2 = 1e-3;        ///< ridge penalty on the weights (inputs standardised), per fitting point
    int iterations = 100;    ///< L-BFGS iterations (full batch)
    std::uint64_t seed = 0;  ///< which points are held out
};

/// Fits and scores the probe of `labels` (one per row of `points`; negative = unknown, left out) on the
/// standardised points, in double precision, starting from zero weights so the result depends on the seed's
/// halves alone. Throws std::invalid_argument when the sizes differ.
ProbeResult linearProbe(const FloatMatrix& points, const std::vector<int>& labels,
                        const ProbeOptions& options = {});

}  // namespace bridgelc
