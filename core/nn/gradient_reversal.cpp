#include "core/nn/gradient_reversal.h"

namespace bridgelc {

torch::Tensor GradientReversal::forward(torch::autograd::AutogradContext* context, const torch::Tensor& input,
                                        double lambda) {
    context->saved_data["lambda"] = lambda;
    // A copy, not the input itself: an output that aliases an input would make autograd treat it as a view.
    return input.clone();
}

torch::autograd::variable_list GradientReversal::backward(torch::autograd::AutogradContext* context,
                                                          torch::autograd::variable_list gradients) {
    const double lambda = context->saved_data["lambda"].toDouble();
    return {gradients[0] * (-lambda), torch::Tensor()};
}

torch::Tensor reverseGradient(const torch::Tensor& input, double lambda) {
    return GradientReversal::apply(input, lambda);
}

}  // namespace bridgelc
