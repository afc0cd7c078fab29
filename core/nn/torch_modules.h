#pragma once
// LibTorch modules of the neural models. Internal: include only from core .cpp files (ui must not see torch).
#include <cstdint>

#include <torch/torch.h>

#include "core/nn/location_input.h"
#include "core/nn/numeric_embedding.h"
#include "core/nn/tabm.h"

namespace bridgelc {

/// Everything needed to rebuild a network before loading its weights.
struct NetworkShape {
    std::int64_t features = 0;  ///< scaled input columns (including lon/lat for LatLon)
    std::int64_t classes = 0;
    std::int64_t regions = 0;  ///< 0: no region-specific branch
    LocationInput location = LocationInput::None;
    std::int64_t hidden = 256;
    int layers = 3;
    double dropout = 0.5;
    bool adversarial = false;  ///< a region classifier on f_inv behind gradient reversal (needs regions)
    std::int64_t members = 0;  ///< > 0: a TabM-mini ensemble of that many members replaces f_inv and its head
    /// > 0: periodic numeric embeddings turn each feature into this many values before the branches.
    std::int64_t numericWidth = 0;
    std::int64_t numericFrequencies = 0;  ///< learned frequencies per feature of those embeddings

    bool usesEncoding() const {
        return location == LocationInput::FixedEncoding || location == LocationInput::LearnedEncoding;
    }
    /// Width of the vector both branches read: the features (or their numeric embeddings) plus the 128-d
    /// encoding where used.
    std::int64_t branchInputs() const;
};

/// One encoder branch: `layers` x [Linear, BatchNorm1d, ReLU, Dropout]; forward returns the last hidden
/// layer.
struct EncoderImpl : torch::nn::Module {
    EncoderImpl(std::int64_t inputs, std::int64_t hidden, int layers, double dropout);
    torch::Tensor forward(torch::Tensor x);

    std::vector<torch::nn::Linear> linears;
    std::vector<torch::nn::BatchNorm1d> norms;
    double dropout;
};
TORCH_MODULE(Encoder);

/// The learnable positional encoding: 128 -> 256 (BatchNorm, ReLU, Dropout) -> 128 -> sigmoid.
struct LearnedEncodingImpl : torch::nn::Module {
    LearnedEncodingImpl(std::int64_t dims, std::int64_t hidden, double dropout);
    torch::Tensor forward(torch::Tensor encoding);
    /// [features, forward(encoding)]: the branches' input (in training through one fused function).
    torch::Tensor appendTo(const torch::Tensor& features, const torch::Tensor& encoding);

    torch::nn::Linear hiddenLayer{nullptr}, outputLayer{nullptr};
    torch::nn::BatchNorm1d norm{nullptr};
    double dropout;
};
TORCH_MODULE(LearnedEncoding);

/// What one training forward pass produces.
struct NetworkOutput {
    torch::Tensor logits;        ///< B x C land-cover logits (f_inv head)
    torch::Tensor regionLogits;  ///< B x R, undefined without a region branch
    torch::Tensor invariant;     ///< B x 256 last hidden layer of f_inv
    torch::Tensor specific;      ///< B x 256 last hidden layer of f_spec, undefined without a region branch
    torch::Tensor memberLogits;  ///< B x k x C per-member logits of a TabM backbone, else undefined
};

/// BRIDGE-LC and all its ablations: optional location input, the region-invariant branch with the land-cover
/// head, and optionally the region-specific branch with the region head. With regions == 0 and location None
/// it is the plain MLP baseline.
struct LandCoverNetImpl : torch::nn::Module {
    explicit LandCoverNetImpl(const NetworkShape& shape);
    /// Training pass through every branch. `encoding` is the fixed sinusoid (B x 128) or undefined. Without
    /// `heads` the land-cover and region logits stay undefined (for a caller that runs each head together
    /// with its loss); a TabM backbone always gives its logits.
    NetworkOutput forward(const torch::Tensor& features, const torch::Tensor& encoding, bool heads = true);
    /// Inference: location input, f_inv and the land-cover head only.
    torch::Tensor classify(const torch::Tensor& features, const torch::Tensor& encoding);
    /// The vector both branches read.
    torch::Tensor branchInput(const torch::Tensor& features, const torch::Tensor& encoding);

    NetworkShape shape;
    LearnedEncoding positional{nullptr};
    Encoder invariant{nullptr}, specific{nullptr};
    torch::nn::Linear landCoverHead{nullptr}, regionHead{nullptr};
    torch::nn::Linear adversaryHead{nullptr};  ///< region from f_inv, trained through gradient reversal
    TabM tabm{nullptr};  ///< the TabM-mini backbone and heads when shape.members > 0 (then no f_inv)
    NumericEmbedding numeric{nullptr};  ///< the features' embeddings when shape.numericWidth > 0
};
TORCH_MODULE(LandCoverNet);

}  // namespace bridgelc
