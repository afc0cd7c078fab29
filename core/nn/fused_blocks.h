#pragma once
// Training pass of [Linear, BatchNorm1d, ReLU, Dropout] blocks by hand. Internal: include only from core .cpp
// files (ui must not see torch).
#include <vector>

#include <torch/torch.h>

namespace bridgelc {

/// The training-mode forward of blocks i = 0, 1, ...: x <- Dropout(ReLU(BatchNorm1d_i(Linear_i(x)))), with a
/// backward written out by hand. The same arithmetic as the modules: batch statistics over the rows (sums in
/// double, as LibTorch), the running mean and unbiased variance and the batch counter updated as LibTorch
/// updates them, and the dropout masks of fastDropout from the same random stream. Each block costs one BLAS
/// product forward and two backward plus a few passes over the batch, where the modules take about a dozen
/// LibTorch operations and autograd nodes per block, which dominated a batch-128 training step.
/// Returns an undefined tensor when the blocks are outside what it handles (not float, a BatchNorm without
/// momentum or running statistics, p >= 1, fewer than two rows): the caller then runs the modules.
torch::Tensor fusedTrainingBlocks(const torch::Tensor& x, const std::vector<torch::nn::Linear>& linears,
                                  const std::vector<torch::nn::BatchNorm1d>& norms, double dropout);

}  // namespace bridgelc
