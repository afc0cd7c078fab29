#include "core/model/torch_supcon.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace bridgelc {
namespace {

/// The positive pairs (i, j != i, same label) of a batch as flat indices i * n + j, each with weight
/// 1 / |P_i|, plus the anchors that have at least one positive.
struct PositivePairs {
    torch::Tensor flatIndex;  ///< int64 P
    torch::Tensor weight;     ///< P, dtype of the embeddings
    torch::Tensor anchor;     ///< n, 1 where the row has a positive, else 0
    std::int64_t anchors = 0;
};

PositivePairs positivePairs(const torch::Tensor& labels, torch::ScalarType dtype) {
    const torch::Tensor cpu = labels.to(torch::kLong).contiguous();
    const std::int64_t n = cpu.numel();
    const std::int64_t* label = cpu.data_ptr<std::int64_t>();
    std::vector<std::int64_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [label](std::int64_t a, std::int64_t b) { return label[a] < label[b]; });
    std::vector<std::int64_t> flat;
    std::vector<double> weight;
    std::vector<double> anchor(n, 0.0);
    PositivePairs pairs;
    for (std::int64_t start = 0; start < n;) {
        std::int64_t end = start + 1;
        while (end < n && label[order[end]] == label[order[start]])
            ++end;
        const std::int64_t size = end - start;
        if (size > 1) {
            const double w = 1.0 / static_cast<double>(size - 1);
            for (std::int64_t a = start; a < end; ++a) {
                const std::int64_t i = order[a];
                anchor[i] = 1.0;
                ++pairs.anchors;
                for (std::int64_t b = start; b < end; ++b) {
                    if (b == a) continue;
                    flat.push_back(i * n + order[b]);
                    weight.push_back(w);
                }
            }
        }
        start = end;
    }
    pairs.flatIndex = torch::tensor(flat, torch::kLong);
    pairs.weight = torch::tensor(weight, torch::kDouble).to(dtype);
    pairs.anchor = torch::tensor(anchor, torch::kDouble).to(dtype);
    return pairs;
}

}  // namespace

torch::Tensor supervisedContrastiveLoss(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                        double temperature) {
    constexpr double kEpsilon = 1e-5;  // the authors' guard against log(0), added to every exp
    const std::int64_t n = embeddings.size(0);
    const PositivePairs pairs = positivePairs(labels, embeddings.scalar_type());
    if (pairs.anchors == 0) return embeddings.sum() * 0;

    // Only two dense n x n passes carry the loss: the denominators D_i = sum_{j != i} (e_ij) and nothing
    // else; the log of e_ip is needed at the positive pairs only, so it is taken on those alone.
    const torch::Tensor similarity = torch::mm(embeddings * (1.0 / temperature), embeddings.t());
    const torch::Tensor rowMax = std::get<0>(similarity.max(1, true)).detach();
    torch::Tensor shifted = similarity - rowMax;
    shifted.diagonal().fill_(-std::numeric_limits<double>::infinity());  // the anchor itself is never counted
    const torch::Tensor logDenominator = (shifted.exp().sum(1) + static_cast<double>(n - 1) * kEpsilon).log();
    const torch::Tensor logPositive =
        (shifted.reshape({-1}).index_select(0, pairs.flatIndex).exp() + kEpsilon).log();
    // mean over anchors of [log D_i - (1/|P_i|) sum_p log e_ip]
    return (logDenominator.dot(pairs.anchor) - logPositive.dot(pairs.weight)) /
           static_cast<double>(pairs.anchors);
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
