#pragma once
// The learned positional encoding's output layer in training. Internal: include only from core .cpp files
// (ui must not see torch).
#include <torch/torch.h>

namespace bridgelc {

/// [features, sigmoid(hidden W^T + b)] for the `output` layer of the learned encoding: the branches' input
/// in one autograd function with a hand-written backward (one product forward into the right-hand columns,
/// two backward, gradients straight into the layer's gradient buffers). Through LibTorch the layer, the
/// sigmoid and the concatenation cost about ten operations and autograd nodes per step. Returns an undefined
/// tensor when the inputs are outside what it handles (not float 2-D CPU tensors of matching rows and
/// widths): the caller then composes the three itself.
torch::Tensor appendSigmoidLayer(const torch::Tensor& features, const torch::Tensor& hidden,
                                 const torch::nn::Linear& output);

}  // namespace bridgelc
