#include "core/model/torch_supcon.h"

namespace bridgelc {

torch::Tensor supervisedContrastiveLoss(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                        double temperature) {
    const std::int64_t n = embeddings.size(0);
    const torch::Tensor similarity = torch::mm(embeddings, embeddings.t()).div_(temperature);
    // Row max subtracted for a stable exp; it cancels in the ratio except against the +1e-5 the authors add.
    const torch::Tensor rowMax = std::get<0>(similarity.max(1, true)).detach();
    const torch::Tensor shifted = similarity - rowMax;
    const torch::Tensor expSim = torch::exp(shifted) + 1e-5;  // not in place: exp's backward reads its output

    const torch::Tensor notSelf = torch::ones({n, n}, embeddings.options()).fill_diagonal_(0);
    const torch::Tensor positives =
        labels.unsqueeze(1).eq(labels.unsqueeze(0)).to(embeddings.scalar_type()).mul_(notSelf);
    const torch::Tensor positiveCount = positives.sum(1);
    const torch::Tensor logDenominator = torch::log((expSim * notSelf).sum(1));
    // sum_p -log(e_ip / D_i) = |P_i| log D_i - sum_p log e_ip
    const torch::Tensor perAnchorSum =
        positiveCount * logDenominator - (torch::log(expSim) * positives).sum(1);
    const torch::Tensor hasPositive = positiveCount > 0;
    if (!hasPositive.any().item<bool>()) return (embeddings.sum() * 0);
    return (perAnchorSum.masked_select(hasPositive) / positiveCount.masked_select(hasPositive)).mean();
}

torch::Tensor disentanglementContrastiveLoss(const torch::Tensor& invariant, const torch::Tensor& specific,
                                             const torch::Tensor& classes, const torch::Tensor& regions,
                                             std::int64_t classCount, double temperature) {
    namespace F = torch::nn::functional;
    const torch::Tensor stacked =
        F::normalize(torch::cat({invariant, specific}, 0), F::NormalizeFuncOptions().dim(1));
    const torch::Tensor labels = torch::cat({classes, regions + classCount}, 0);
    return supervisedContrastiveLoss(stacked, labels, temperature);
}

}  // namespace bridgelc
