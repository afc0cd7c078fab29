#pragma once
// Inference form of a trained network. Internal: include only from core .cpp files (ui must not see torch).
#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "core/nn/inference_block.h"
#include "core/nn/torch_modules.h"

namespace bridgelc {

/// What LandCoverNetImpl::classify computes followed by softmax, rebuilt for speed: each eval-mode BatchNorm
/// is folded into the Linear before it (W' = W * s, b' = (b - mean) * s + beta, s = gamma / sqrt(var + eps),
/// in double), and points go through in blocks small enough that a layer's activations stay in the core's L2
/// cache. Inference then is one BLAS matrix multiply per layer onto its bias, with in-place activations; the
/// separate BatchNorm passes and the 16,384-row activation blocks that spilled to memory cost a third of the
/// time. The weights are copies: training the network afterwards does not change this classifier.
class FoldedClassifier {
public:
    explicit FoldedClassifier(LandCoverNet& net);

    static constexpr std::int64_t kBlockRows = kInferenceBlockRows;

    /// Activation buffers of one block, reused from block to block; one per thread that predicts.
    class Workspace {
    public:
        explicit Workspace(const NetworkShape& shape);

    private:
        friend class FoldedClassifier;
        std::vector<float> branchInput, encodingHidden, logits;
        std::vector<float> activations[2];
    };

    const NetworkShape& shape() const { return m_shape; }

    /// Class probabilities of at most kBlockRows points into out (rows x classes, row-major). `inputs` are
    /// the scaled network inputs (rows x shape.features); `encoding` the fixed sinusoid (rows x 128), unused
    /// (may be null) for networks without a positional encoding.
    void probabilities(const float* inputs, const float* encoding, std::int64_t rows, float* out,
                       Workspace& workspace) const;

private:
    /// A folded Linear: weight as inputs x outputs, row-major (the BLAS "B" operand of input x weight).
    struct Dense {
        std::int64_t inputs = 0, outputs = 0;
        std::vector<float> weight, bias;
    };
    static Dense fold(const torch::nn::Linear& linear, const torch::nn::BatchNorm1d* norm);
    /// out (rows x layer.outputs, row stride outStride) = in (rows x layer.inputs, row stride inStride) x
    /// weight + bias.
    static void apply(const Dense& layer, const float* in, std::int64_t inStride, std::int64_t rows,
                      float* out, std::int64_t outStride);

    NetworkShape m_shape;
    std::vector<Dense> m_positional;  ///< empty, or the learned encoding's two layers
    std::vector<Dense> m_invariant;   ///< f_inv's layers, BatchNorm folded in
    Dense m_head;
};

}  // namespace bridgelc
