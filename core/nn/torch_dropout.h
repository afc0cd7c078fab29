#pragma once
// Dropout with cheap random masks. Internal: include only from core .cpp files (ui must not see torch).
#include <torch/torch.h>

namespace bridgelc {

/// Inverted dropout: each element is kept with probability 1 - p and scaled by 1 / (1 - p), else zeroed; the
/// gradient flows through the same mask. Same distribution as torch::dropout, but the mask comes from a
/// xoshiro256** stream (one 64-bit draw gives 64 elements at p = 0.5) seeded from LibTorch's default
/// generator, so torch::manual_seed still fixes it. LibTorch 1.13's CPU bernoulli draws each element serially
/// through mt19937 and took a fifth of a BRIDGE-LC training step.
torch::Tensor fastDropout(const torch::Tensor& x, double p);

/// The mask fastDropout multiplies by (n floats, each 1 / (1 - p) or 0, 0 < p < 1), from the same stream: one
/// draw from LibTorch's default generator per call.
void fillDropoutMask(float* mask, std::int64_t n, double p);

}  // namespace bridgelc
