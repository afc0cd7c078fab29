#pragma once
// AdamW over one flat parameter buffer. Internal: include only from core .cpp files and benchmarks.
#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "core/nn/blas_product.h"

namespace bridgelc {

/// AdamW (Loshchilov & Hutter; the update of torch.optim.AdamW, no amsgrad) for a fixed set of float
/// parameters. At construction every parameter is moved into one contiguous buffer (it keeps its identity and
/// autograd links; only its storage changes) and given a gradient that is a view of one flat gradient buffer,
/// so zeroing the gradients is one memset and the update is one fused loop over all weights instead of about
/// ten LibTorch calls per parameter tensor, which dominated small-batch steps.
class FlatAdamW : public EarlyParameterUpdates {
public:
    FlatAdamW(std::vector<torch::Tensor> parameters, double learningRate, double weightDecay,
              double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8);

    void zeroGrad();
    /// Gives back to each parameter its view of the flat gradient buffer where autograd replaced it, without
    /// zeroing: enough before a backward when the last step(true) left the gradients zero.
    void reattachGradients();
    /// One update. With `zeroGradients` every gradient is set to zero as it is read, in the same pass over
    /// memory (at batch 128 a separate zeroing pass cost as much as a fifth of the update).
    void step(bool zeroGradients = false);

    /// step() in two halves, for a backward that may update parameters early (EarlyParameterUpdates): from
    /// beginStep on, a parameter whose every reported use has reported back is updated at once; finishStep
    /// updates the rest. Each weight gets the same operations as in step(), so the same bits. cancelStep
    /// drops a step begun but not finished (a non-finite loss before any backward).
    void beginStep(bool zeroGradients);
    void finishStep();
    void cancelStep();
    void parameterUsed(const torch::Tensor& parameter) override;
    void parameterDone(const torch::Tensor& parameter) override;
    void setLearningRate(double rate) { m_learningRate = rate; }
    double learningRate() const { return m_learningRate; }
    std::int64_t size() const { return m_size; }

private:
    /// The constants of one update (they depend on the step count and the learning rate).
    struct StepConstants {
        float decay, b1, b2, stepSize, rootCorrection2, eps;
        bool zeroGradients;
    };
    void update(std::int64_t from, std::int64_t count);
    /// Index of the parameter whose values start at `parameter`'s data, or -1.
    std::int64_t indexOf(const torch::Tensor& parameter) const;

    std::vector<torch::Tensor> m_parameters;
    std::vector<std::int64_t> m_offsets;  ///< where each parameter starts in the flat buffers, ascending
    std::vector<int> m_uses, m_done;      ///< per parameter, during a step begun by beginStep
    std::vector<char> m_updated;
    bool m_inStep = false;
    StepConstants m_constants{};
    torch::Tensor m_values, m_gradients;
    std::vector<float> m_average, m_averageSquared;
    std::int64_t m_size = 0;
    std::int64_t m_steps = 0;
    double m_learningRate, m_weightDecay, m_beta1, m_beta2, m_epsilon;
};

}  // namespace bridgelc
