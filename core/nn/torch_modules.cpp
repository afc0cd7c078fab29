#include "core/nn/torch_modules.h"

#include <stdexcept>
#include <string>

#include "core/nn/fused_blocks.h"
#include "core/nn/fused_encoding_output.h"
#include "core/nn/positional_encoding.h"
#include "core/nn/torch_dropout.h"

namespace bridgelc {
namespace {

/// Standard deviation of the numeric embeddings' initial frequencies. The features are z-scores, so 0.1
/// starts each response close to linear over the data's range (a period of about 10 standard deviations) and
/// lets training sharpen it; a default, not a tuned value.
constexpr double kNumericFrequencyScale = 0.1;

}  // namespace

std::int64_t NetworkShape::branchInputs() const {
    const std::int64_t featureInputs = numericWidth > 0 ? features * numericWidth : features;
    return featureInputs + (usesEncoding() ? static_cast<std::int64_t>(kPositionalEncodingDims) : 0);
}

EncoderImpl::EncoderImpl(std::int64_t inputs, std::int64_t hidden, int layers, double dropout_)
    : dropout(dropout_) {
    for (int i = 0; i < layers; ++i) {
        linears.push_back(register_module("linear" + std::to_string(i),
                                          torch::nn::Linear(i == 0 ? inputs : hidden, hidden)));
        norms.push_back(register_module("norm" + std::to_string(i), torch::nn::BatchNorm1d(hidden)));
    }
}

torch::Tensor EncoderImpl::forward(torch::Tensor x) {
    if (is_training()) {
        const torch::Tensor fused = fusedTrainingBlocks(x, linears, norms, dropout);
        if (fused.defined()) return fused;
    }
    for (std::size_t i = 0; i < linears.size(); ++i) {
        // ReLU in place is safe: BatchNorm's backward needs its input and statistics, not its output.
        x = norms[i]->forward(linears[i]->forward(x));
        x.relu_();
        if (is_training() && dropout > 0) x = fastDropout(x, dropout);
    }
    return x;
}

LearnedEncodingImpl::LearnedEncodingImpl(std::int64_t dims, std::int64_t hidden, double dropout_)
    : dropout(dropout_) {
    hiddenLayer = register_module("hidden", torch::nn::Linear(dims, hidden));
    norm = register_module("norm", torch::nn::BatchNorm1d(hidden));
    outputLayer = register_module("output", torch::nn::Linear(hidden, dims));
}

torch::Tensor LearnedEncodingImpl::forward(torch::Tensor encoding) {
    if (is_training()) {
        const torch::Tensor fused = fusedTrainingBlocks(encoding, {hiddenLayer}, {norm}, dropout);
        if (fused.defined()) return torch::sigmoid(outputLayer->forward(fused));
    }
    torch::Tensor h = norm->forward(hiddenLayer->forward(encoding));
    h.relu_();
    if (is_training() && dropout > 0) h = fastDropout(h, dropout);
    return torch::sigmoid(outputLayer->forward(h));
}

torch::Tensor LearnedEncodingImpl::appendTo(const torch::Tensor& features, const torch::Tensor& encoding) {
    if (is_training()) {
        const torch::Tensor hidden = fusedTrainingBlocks(encoding, {hiddenLayer}, {norm}, dropout);
        if (hidden.defined()) {
            const torch::Tensor joined = appendSigmoidLayer(features, hidden, outputLayer);
            return joined.defined() ? joined
                                    : torch::cat({features, torch::sigmoid(outputLayer->forward(hidden))}, 1);
        }
    }
    return torch::cat({features, forward(encoding)}, 1);
}

LandCoverNetImpl::LandCoverNetImpl(const NetworkShape& shape_) : shape(shape_) {
    if (shape.features <= 0 || shape.classes <= 0)
        throw std::invalid_argument("network needs at least one feature and one class");
    if (shape.location == LocationInput::LearnedEncoding)
        positional = register_module(
            "positional",
            LearnedEncoding(static_cast<std::int64_t>(kPositionalEncodingDims), shape.hidden, shape.dropout));
    if (shape.numericWidth > 0)
        numeric = register_module("numeric", NumericEmbedding(shape.features, shape.numericFrequencies,
                                                              shape.numericWidth, kNumericFrequencyScale));
    if (shape.members > 0) {
        if (shape.regions > 0) throw std::invalid_argument("a TabM backbone has no region-specific branch");
        tabm = register_module("tabm", TabM(shape.branchInputs(), shape.hidden, shape.layers, shape.dropout,
                                            shape.classes, shape.members));
        return;
    }
    invariant = register_module("invariant",
                                Encoder(shape.branchInputs(), shape.hidden, shape.layers, shape.dropout));
    landCoverHead = register_module("landCoverHead", torch::nn::Linear(shape.hidden, shape.classes));
    if (shape.regions > 0) {
        specific = register_module("specific",
                                   Encoder(shape.branchInputs(), shape.hidden, shape.layers, shape.dropout));
        regionHead = register_module("regionHead", torch::nn::Linear(shape.hidden, shape.regions));
    }
    if (shape.adversarial && shape.regions > 0)
        adversaryHead = register_module("adversaryHead", torch::nn::Linear(shape.hidden, shape.regions));
}

torch::Tensor LandCoverNetImpl::branchInput(const torch::Tensor& rawFeatures, const torch::Tensor& encoding) {
    const torch::Tensor features = numeric ? numeric->forward(rawFeatures) : rawFeatures;
    switch (shape.location) {
        case LocationInput::FixedEncoding:
            return torch::cat({features, encoding}, 1);
        case LocationInput::LearnedEncoding:
            return positional->appendTo(features, encoding);
        default:
            return features;
    }
}

NetworkOutput LandCoverNetImpl::forward(const torch::Tensor& features, const torch::Tensor& encoding,
                                        bool heads) {
    NetworkOutput out;
    const torch::Tensor x = branchInput(features, encoding);
    if (tabm) {
        out.memberLogits = tabm->memberLogits(x);
        out.logits = logMeanProbability(out.memberLogits);
        return out;
    }
    out.invariant = invariant->forward(x);
    if (heads) out.logits = landCoverHead->forward(out.invariant);
    if (specific) {
        out.specific = specific->forward(x);
        if (heads) out.regionLogits = regionHead->forward(out.specific);
    }
    return out;
}

torch::Tensor LandCoverNetImpl::classify(const torch::Tensor& features, const torch::Tensor& encoding) {
    if (tabm) return tabm->forward(branchInput(features, encoding));
    return landCoverHead->forward(invariant->forward(branchInput(features, encoding)));
}

}  // namespace bridgelc
