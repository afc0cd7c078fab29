#pragma once
// One optimiser step of the neural models. Internal: include only from core .cpp files and benchmarks.
#include <cstdint>
#include <utility>

#include <torch/torch.h>

#include "core/nn/torch_modules.h"
#include "core/train/flat_adamw.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// The loss terms of one mini-batch.
struct StepLosses {
    double total = 0, landCover = 0, region = 0, contrastive = 0;
    std::int64_t correct = 0;  ///< batch points whose land-cover argmax is right
    bool finite = true;        ///< false: the loss was NaN/inf and no step was taken
    double adversarial = 0;    ///< CE of the region adversary on reversed f_inv (0 without one)
};

/// Forward, loss = a * weighted CE(land cover) + b * CE(region) + lambda * SupCon (a, b: the settings' loss
/// weights, 1 by default), backward and an AdamW step on one
/// mini-batch. Owns the optimiser so its moments live as long as the training run.
class TrainingStep {
public:
    /// `classWeights` has one float per class (or is undefined for plain CE); `contrastive` adds SupCon when
    /// the network has a region branch and lambda is not 0.
    TrainingStep(LandCoverNet& net, const TrainingSettings& settings, torch::Tensor classWeights,
                 bool contrastive);

    /// `regions` may be undefined for networks without a region branch.
    StepLosses run(const torch::Tensor& features, const torch::Tensor& encoding, const torch::Tensor& labels,
                   const torch::Tensor& regions);

    void setLearningRate(double rate);
    const torch::Tensor& classWeights() const { return m_weights; }

private:
    LandCoverNet& m_net;
    FlatAdamW m_optimizer;
    torch::Tensor m_weights;
    bool m_regions;
    bool m_contrastive;
    double m_lambda, m_temperature;
    double m_landCoverWeight, m_regionWeight;
    double m_reversal = 0;         ///< gradient reversal lambda of the region adversary; 0 without one
    bool m_gradientsZero = false;  ///< the last step left every gradient zero
};

/// A linear head's logits and their cross-entropy with optional class weights (undefined = unweighted), as
/// one fused training function where it applies (core/nn/head_cross_entropy.h), else through LibTorch:
/// {loss, logits}.
std::pair<torch::Tensor, torch::Tensor> headLoss(const torch::Tensor& features, torch::nn::Linear& head,
                                                 const torch::Tensor& labels, const torch::Tensor& weights);

/// Cross-entropy with optional class weights (undefined tensor = unweighted).
torch::Tensor weightedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels,
                                   const torch::Tensor& weights);

}  // namespace bridgelc
