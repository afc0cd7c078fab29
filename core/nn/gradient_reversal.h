#pragma once
// Gradient reversal (Ganin & Lempitsky 2015). Internal: include only from core .cpp files (ui must not see
// torch).
#include <torch/torch.h>

namespace bridgelc {

/// Identity on the way forward; on the way back multiplies the incoming gradient by -lambda. Put between a
/// feature extractor and a classifier of the domain (here: the region), it trains the classifier to find the
/// domain while pushing the features to hide it.
class GradientReversal : public torch::autograd::Function<GradientReversal> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* context, const torch::Tensor& input,
                                 double lambda);
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                   torch::autograd::variable_list gradients);
};

/// `input` unchanged, with gradients reversed and scaled by lambda on the way back.
torch::Tensor reverseGradient(const torch::Tensor& input, double lambda);

}  // namespace bridgelc
