#include "core/nn/torch_supcon.h"

#include <algorithm>
#include <numeric>

#include <torch/csrc/autograd/custom_function.h>

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

/// g <- g + g^T in place, in cache-sized tiles (LibTorch's g + g.t() walks the transpose column by column and
/// took a fifth of a batch-1024 step).
template <typename T>
void symmetrizeInPlace(T* g, std::int64_t n) {
    constexpr std::int64_t kTile = 32;
    for (std::int64_t bi = 0; bi < n; bi += kTile)
        for (std::int64_t bj = bi; bj < n; bj += kTile)
            for (std::int64_t i = bi; i < std::min(bi + kTile, n); ++i)
                for (std::int64_t j = (bj == bi ? i : bj); j < std::min(bj + kTile, n); ++j) {
                    const T sum = g[i * n + j] + g[j * n + i];
                    g[i * n + j] = sum;
                    g[j * n + i] = sum;
                }
}

constexpr double kEpsilon = 1e-5;  // the authors' guard against log(0), added to every exp

/// The loss with a hand-written backward. With S = z z^T / tau, e_ij = exp(S_ij - m_i) (m_i the detached row
/// max, e_ii = 0), D_i = sum_j e_ij + (n-1) eps and loss = (1/K) sum_{anchors i} [log D_i - sum_p w_ip
/// log(e_ip + eps)]: dL/dS_ij = e_ij a_i / (K D_i) - [j positive of i] w_ij e_ij / (K (e_ij + eps)), and
/// because S is symmetric in z, dL/dz = (G + G^T) z / tau: one matrix product instead of autograd's two, and
/// three dense n x n passes instead of about ten. At batch 1024 (n = 2048) this loss is most of a training
/// step.
struct SupConFunction : public torch::autograd::Function<SupConFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& z,
                                 const torch::Tensor& flatIndex, const torch::Tensor& weight,
                                 const torch::Tensor& anchor, double anchors, double temperature) {
        const std::int64_t n = z.size(0);
        torch::Tensor e = torch::mm(z * (1.0 / temperature), z.t());
        const torch::Tensor rowMax = std::get<0>(e.max(1, true));
        e.sub_(rowMax).exp_();
        e.diagonal().zero_();
        const torch::Tensor denominator = e.sum(1).add_(static_cast<double>(n - 1) * kEpsilon);
        const torch::Tensor positive = e.reshape({-1}).index_select(0, flatIndex);
        const torch::Tensor loss =
            (denominator.log().dot(anchor) - (positive + kEpsilon).log_().dot(weight)) / anchors;
        ctx->save_for_backward({z, e, denominator, positive, flatIndex, weight, anchor});
        ctx->saved_data["anchors"] = anchors;
        ctx->saved_data["temperature"] = temperature;
        return loss;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &z = saved[0], &e = saved[1], &denominator = saved[2], &positive = saved[3],
                            &flatIndex = saved[4], &weight = saved[5], &anchor = saved[6];
        const double anchors = ctx->saved_data["anchors"].toDouble();
        const double temperature = ctx->saved_data["temperature"].toDouble();
        torch::Tensor g = e * (anchor / (denominator * anchors)).unsqueeze(1);
        g.view({-1}).index_add_(0, flatIndex, -(weight * positive / ((positive + kEpsilon) * anchors)));
        if (g.scalar_type() == torch::kDouble)
            symmetrizeInPlace(g.data_ptr<double>(), g.size(0));
        else
            symmetrizeInPlace(g.data_ptr<float>(), g.size(0));
        const torch::Tensor dz = torch::mm(g, z).mul_(gradOutputs[0] / temperature);
        return {dz, torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor supervisedContrastiveLoss(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                        double temperature) {
    const PositivePairs pairs = positivePairs(labels, embeddings.scalar_type());
    if (pairs.anchors == 0) return embeddings.sum() * 0;
    return SupConFunction::apply(embeddings, pairs.flatIndex, pairs.weight, pairs.anchor,
                                 static_cast<double>(pairs.anchors), temperature);
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
