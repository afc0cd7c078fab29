#pragma once
// A linear head and its cross-entropy as one training function. Internal: include only from core .cpp files
// (ui must not see torch).
#include <torch/torch.h>

namespace bridgelc {

/// The loss of a linear head and the logits it saw.
struct HeadLoss {
    torch::Tensor loss;    ///< scalar, differentiable in the features and the head's weight and bias
    torch::Tensor logits;  ///< rows x classes, without a gradient path (for the accuracy)
};

/// Cross-entropy of the logits features W^T + b of `head` against int64 `labels`, with optional class
/// weights (undefined = plain): LibTorch's mean, sum_i w_{y_i} (-log softmax_{i,y_i}) / sum_i w_{y_i}, as
/// one autograd function with a hand-written backward (one product forward, two backward, gradients
/// straight into the head's gradient buffers). Through LibTorch the head and its loss cost a dozen operations
/// and autograd nodes. Returns an undefined loss when the inputs are outside what it handles (not float, not
/// on the CPU, shapes that do not fit): the caller then computes the two the usual way. Throws
/// std::out_of_range for a label outside 0..classes-1.
HeadLoss headCrossEntropy(const torch::Tensor& features, const torch::nn::Linear& head,
                          const torch::Tensor& labels, const torch::Tensor& weights);

}  // namespace bridgelc
