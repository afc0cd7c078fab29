#include "core/train/training_step.h"

#include <cmath>
#include <tuple>

#include "core/nn/gradient_reversal.h"
#include "core/nn/head_cross_entropy.h"
#include "core/nn/torch_supcon.h"

namespace bridgelc {

torch::Tensor weightedCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels,
                                   const torch::Tensor& weights) {
    namespace F = torch::nn::functional;
    if (weights.defined())
        return F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().weight(weights));
    return F::cross_entropy(logits, labels);
}

std::pair<torch::Tensor, torch::Tensor> headLoss(const torch::Tensor& features, torch::nn::Linear& head,
                                                 const torch::Tensor& labels, const torch::Tensor& weights) {
    HeadLoss fused = headCrossEntropy(features, head, labels, weights);
    if (fused.loss.defined()) return {fused.loss, fused.logits};
    torch::Tensor logits = head->forward(features);
    return {weightedCrossEntropy(logits, labels, weights), logits};
}

TrainingStep::TrainingStep(LandCoverNet& net, const TrainingSettings& settings, torch::Tensor classWeights,
                           bool contrastive)
    : m_net(net),
      m_optimizer(net->parameters(), settings.learningRate, settings.weightDecay),
      m_weights(std::move(classWeights)),
      m_regions(static_cast<bool>(net->specific)),
      m_contrastive(contrastive && net->specific && settings.contrastiveWeight != 0.0),
      m_lambda(settings.contrastiveWeight),
      m_temperature(settings.contrastiveTemperature),
      m_landCoverWeight(settings.landCoverWeight),
      m_regionWeight(settings.regionWeight),
      m_reversal(net->adversaryHead && net->specific ? settings.adversarialWeight : 0.0) {}

void TrainingStep::setLearningRate(double rate) {
    m_optimizer.setLearningRate(rate);
}

StepLosses TrainingStep::run(const torch::Tensor& features, const torch::Tensor& encoding,
                             const torch::Tensor& labels, const torch::Tensor& regions) {
    StepLosses losses;
    // The last step zeroed the gradients as it read them; anything else (a first step, an exception after a
    // backward) zeroes them here.
    if (m_gradientsZero)
        m_optimizer.reattachGradients();
    else
        m_optimizer.zeroGrad();
    m_gradientsZero = false;
    // The heads run with their cross-entropies (headLoss), except on a TabM backbone.
    const bool tabm = static_cast<bool>(m_net->tabm);
    const NetworkOutput out = m_net->forward(features, encoding, tabm);
    torch::Tensor landCover, logits;
    if (tabm) {
        // A TabM ensemble trains its members as separate networks: the mean of their cross-entropies.
        landCover = weightedCrossEntropy(out.memberLogits.reshape({-1, out.memberLogits.size(2)}),
                                         labels.repeat_interleave(out.memberLogits.size(1)), m_weights);
        logits = out.logits;
    } else {
        std::tie(landCover, logits) = headLoss(out.invariant, m_net->landCoverHead, labels, m_weights);
    }
    // Weights of 1 leave the graph as it was, so default runs stay bit-identical to unweighted sums.
    torch::Tensor loss = m_landCoverWeight == 1.0 ? landCover : m_landCoverWeight * landCover, region,
                  contrast;
    if (m_regions) {
        region = headLoss(out.specific, m_net->regionHead, regions, torch::Tensor()).first;
        loss = loss + (m_regionWeight == 1.0 ? region : m_regionWeight * region);
    }
    if (m_contrastive) {
        contrast = disentanglementContrastiveLoss(out.invariant, out.specific, labels, regions,
                                                  m_net->shape.classes, m_temperature);
        loss = loss + m_lambda * contrast;
    }
    torch::Tensor adversary;
    if (m_reversal > 0) {
        // The adversary learns to find the region in f_inv; the reversed gradient teaches f_inv to hide it.
        adversary =
            weightedCrossEntropy(m_net->adversaryHead->forward(reverseGradient(out.invariant, m_reversal)),
                                 regions, torch::Tensor());
        loss = loss + adversary;
    }
    losses.total = loss.item<double>();
    if (!std::isfinite(losses.total)) {
        losses.finite = false;
        m_gradientsZero = true;  // no backward ran
        return losses;
    }
    loss.backward();
    m_optimizer.step(true);
    m_gradientsZero = true;
    losses.landCover = landCover.item<double>();
    if (region.defined()) losses.region = region.item<double>();
    if (contrast.defined()) losses.contrastive = contrast.item<double>();
    if (adversary.defined()) losses.adversarial = adversary.item<double>();
    losses.correct = logits.argmax(1).eq(labels).sum().item<std::int64_t>();
    return losses;
}

}  // namespace bridgelc
