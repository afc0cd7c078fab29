#pragma once
#include "core/embed/tsne.h"

namespace bridgelc {

/// Exact t-SNE (van der Maaten and Hinton 2008) with LibTorch tensor operations: dense Gaussian affinities
/// over all pairs, calibrated per point by bisection; every pair's Student-t similarity each iteration.
/// O(n^2) memory and time per iteration: the reference that the Barnes-Hut tsne() is checked against, for up
/// to a few thousand points. Same options, control and errors as tsne() (theta unused).
TsneResult exactTsne(const FloatMatrix& data, const TsneOptions& options = {},
                     const ReductionControl& control = {});

/// KL(P || Q) of `embedding` (n x 2) against the exact affinities P of `data` under `options`: one yardstick
/// for embeddings made by either method. O(n^2).
double exactKlDivergence(const FloatMatrix& data, const FloatMatrix& embedding,
                         const TsneOptions& options = {});

}  // namespace bridgelc
