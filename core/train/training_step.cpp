#include "core/train/training_step.h"

#include <cmath>
#include <tuple>
#include <vector>

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

namespace {

/// A loss term as the sum saw it: the term itself for a weight of 1, else float(weight) * term in float (a
/// float tensor times a double scalar computes in float).
float weighted(float term, double weight) {
    return weight == 1.0 ? term : static_cast<float>(weight) * term;
}

/// Adds `term` as a root of the backward with the gradient it receives from the sum, weight * 1 in the
/// term's type; a term with no gradient path (none of its inputs needs one) has nothing to pass back.
void addRoot(std::vector<torch::Tensor>& roots, std::vector<torch::Tensor>& seeds, const torch::Tensor& term,
             double weight) {
    if (!term.requires_grad()) return;
    roots.push_back(term);
    seeds.push_back(torch::scalar_tensor(weight, term.options()));
}

/// Rows whose argmax (the first largest logit, a NaN counting as largest, as torch::argmax) is the label;
/// read straight from the batch's few logits instead of four LibTorch operations.
std::int64_t correctPredictions(const torch::Tensor& logits, const torch::Tensor& labels) {
    if (logits.scalar_type() != torch::kFloat || labels.scalar_type() != torch::kLong || logits.dim() != 2)
        return logits.argmax(1).eq(labels).sum().item<std::int64_t>();
    const torch::Tensor values = logits.contiguous(), truth = labels.contiguous();
    const std::int64_t rows = values.size(0), classes = values.size(1);
    const float* row = values.data_ptr<float>();
    const std::int64_t* label = truth.data_ptr<std::int64_t>();
    std::int64_t correct = 0;
    for (std::int64_t i = 0; i < rows; ++i, row += classes) {
        std::int64_t best = 0;
        for (std::int64_t c = 1; c < classes && !std::isnan(row[best]); ++c)
            if (row[c] > row[best] || std::isnan(row[c])) best = c;
        correct += best == label[i];
    }
    return correct;
}

}  // namespace

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
    // Parameters are updated during the backward as their gradients complete (FlatAdamW::beginStep), the
    // rest after it.
    m_optimizer.beginStep(true);
    const EarlyParameterUpdatesScope earlyUpdates(&m_optimizer);
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
    // The terms are not summed into one tensor: each is a root of the backward, seeded with its loss weight,
    // which is the gradient the sum's add and multiply nodes would have passed on (1 * float(weight)),
    // without their six operations and three autograd nodes per step. The total is summed here in float, as
    // those operations did (a weight of 1 multiplies nothing, as before).
    std::vector<torch::Tensor> roots, seeds;
    addRoot(roots, seeds, landCover, m_landCoverWeight);
    torch::Tensor region, contrast, adversary;
    if (m_regions) {
        region = headLoss(out.specific, m_net->regionHead, regions, torch::Tensor()).first;
        addRoot(roots, seeds, region, m_regionWeight);
    }
    if (m_contrastive) {
        contrast = disentanglementContrastiveLoss(out.invariant, out.specific, labels, regions,
                                                  m_net->shape.classes, m_temperature);
        addRoot(roots, seeds, contrast, m_lambda);
    }
    if (m_reversal > 0) {
        // The adversary learns to find the region in f_inv; the reversed gradient teaches f_inv to hide it.
        adversary =
            weightedCrossEntropy(m_net->adversaryHead->forward(reverseGradient(out.invariant, m_reversal)),
                                 regions, torch::Tensor());
        addRoot(roots, seeds, adversary, 1.0);
    }
    const float landCoverValue = landCover.item<float>();
    float total = weighted(landCoverValue, m_landCoverWeight);
    float regionValue = 0, contrastValue = 0, adversaryValue = 0;
    if (region.defined()) total += weighted(regionValue = region.item<float>(), m_regionWeight);
    if (contrast.defined()) total += weighted(contrastValue = contrast.item<float>(), m_lambda);
    if (adversary.defined()) total += adversaryValue = adversary.item<float>();
    losses.total = total;
    if (!std::isfinite(losses.total)) {
        losses.finite = false;
        m_optimizer.cancelStep();
        m_gradientsZero = true;  // no backward ran
        return losses;
    }
    if (!roots.empty()) torch::autograd::backward(roots, seeds);
    m_optimizer.finishStep();
    m_gradientsZero = true;
    losses.landCover = landCoverValue;
    losses.region = regionValue;
    losses.contrastive = contrastValue;
    losses.adversarial = adversaryValue;
    losses.correct = correctPredictions(logits, labels);
    return losses;
}

}  // namespace bridgelc
