#pragma once
// Periodic numeric embeddings. Internal: include only from core .cpp files (ui must not see torch).
#include <cstdint>

#include <torch/torch.h>

namespace bridgelc {

/// Periodic embeddings of numeric features, "PLR (lite)" of Gorishniy et al. (NeurIPS 2022, "On Embeddings
/// for Numerical Features in Tabular Deep Learning"), as TabM uses them: each scaled feature x_j becomes
/// ReLU(W [cos(2 pi c_j x_j), sin(2 pi c_j x_j)] + b) with k learned frequencies c_j of its own and one
/// linear layer W (2k -> width) shared by all features. A network then sees every feature as a learned set of
/// periodic responses instead of a single number, which lets a plain MLP draw the sharp, non-monotonic
/// boundaries that trees find.
struct NumericEmbeddingImpl : torch::nn::Module {
    NumericEmbeddingImpl(std::int64_t features, std::int64_t frequencies, std::int64_t width,
                         double frequencyScale);
    /// B x features -> B x (features * width).
    torch::Tensor forward(const torch::Tensor& x);
    std::int64_t outputs() const { return features * width; }

    std::int64_t features, width;
    torch::Tensor frequency;  ///< features x frequencies
    torch::nn::Linear linear{nullptr};
};
TORCH_MODULE(NumericEmbedding);

}  // namespace bridgelc
