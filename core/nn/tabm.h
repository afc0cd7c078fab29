#pragma once
// TabM-mini efficient ensemble. Internal: include only from core .cpp files (ui must not see torch).
#include <cstdint>
#include <vector>

#include <torch/torch.h>

namespace bridgelc {

/// TabM-mini (Gorishniy et al., ICLR 2025): k members that share one MLP backbone ([Linear, ReLU, Dropout]
/// x layers) and differ only by a multiplicative adapter on the input (k x inputs, initialised with random
/// signs) and a head of their own. Every member sees the whole batch; training averages the members'
/// cross-entropies, so they learn as k separate networks at little more than the cost of k batches through
/// one; the ensemble's answer is the mean of the members' probabilities.
struct TabMImpl : torch::nn::Module {
    TabMImpl(std::int64_t inputs, std::int64_t hidden, int layers, double dropout, std::int64_t classes,
             std::int64_t members);

    /// B x members x classes logits, one set per member.
    torch::Tensor memberLogits(const torch::Tensor& x);
    /// B x classes: the log of the mean of the members' probabilities (its softmax is that mean).
    torch::Tensor forward(const torch::Tensor& x);

    std::int64_t members;
    double dropout;
    torch::Tensor adapter;                   ///< members x inputs
    std::vector<torch::nn::Linear> linears;  ///< shared by every member
    torch::Tensor headWeight, headBias;      ///< members x hidden x classes, members x classes
};
TORCH_MODULE(TabM);

/// log(mean_k softmax(logits[:, k, :])), B x C, from B x k x C member logits, computed stably.
torch::Tensor logMeanProbability(const torch::Tensor& memberLogits);

}  // namespace bridgelc
