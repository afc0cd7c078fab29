#include "core/nn/numeric_embedding.h"

#include <cmath>

namespace bridgelc {

NumericEmbeddingImpl::NumericEmbeddingImpl(std::int64_t features_, std::int64_t frequencies,
                                           std::int64_t width_, double frequencyScale)
    : features(features_), width(width_) {
    // N(0, sigma) frequencies, as the paper initialises them; sigma sets how wiggly the first responses are.
    frequency = register_parameter("frequency", torch::randn({features, frequencies}) * frequencyScale);
    linear = register_module("linear", torch::nn::Linear(2 * frequencies, width));
}

torch::Tensor NumericEmbeddingImpl::forward(const torch::Tensor& x) {
    const torch::Tensor phase = (2.0 * M_PI) * x.unsqueeze(2) * frequency.unsqueeze(0);  // B x F x k
    torch::Tensor h = linear->forward(torch::cat({torch::cos(phase), torch::sin(phase)}, 2));
    return torch::relu(h).reshape({x.size(0), features * width});
}

}  // namespace bridgelc
