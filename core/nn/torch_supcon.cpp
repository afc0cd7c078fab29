#include "core/nn/torch_supcon.h"

#include <algorithm>
#include <numeric>

#include <torch/csrc/autograd/custom_function.h>

namespace bridgelc {
namespace {

/// The labels of a batch as groups of equal labels: row i's positives are the other members of its group.
struct LabelGroups {
    std::vector<std::int64_t> members;  ///< row indices, grouped by label
    std::vector<std::int64_t> start;    ///< per row: where its group begins in members
    std::vector<std::int64_t> size;     ///< per row: its group's size
    std::int64_t anchors = 0;           ///< rows with at least one positive
};

LabelGroups labelGroups(const torch::Tensor& labels) {
    const torch::Tensor cpu = labels.to(torch::kLong).contiguous();
    const std::int64_t n = cpu.numel();
    const std::int64_t* label = cpu.data_ptr<std::int64_t>();
    LabelGroups groups;
    groups.members.resize(n);
    std::iota(groups.members.begin(), groups.members.end(), 0);
    std::stable_sort(groups.members.begin(), groups.members.end(),
                     [label](std::int64_t a, std::int64_t b) { return label[a] < label[b]; });
    groups.start.assign(n, 0);
    groups.size.assign(n, 0);
    for (std::int64_t begin = 0; begin < n;) {
        std::int64_t end = begin + 1;
        while (end < n && label[groups.members[end]] == label[groups.members[begin]])
            ++end;
        for (std::int64_t a = begin; a < end; ++a) {
            groups.start[groups.members[a]] = begin;
            groups.size[groups.members[a]] = end - begin;
        }
        if (end - begin > 1) groups.anchors += end - begin;
        begin = end;
    }
    return groups;
}

/// g <- g + g^T in place, tile pair by tile pair through a local buffer, so that every access to the matrix
/// walks along a row. (Walking down a column of a batch-1024 matrix steps 8 KB at a time, which maps every
/// row of a tile onto the same few cache sets; the column-wise form took an eighth of a batch-1024 step.)
template <typename T>
void symmetrizeInPlace(T* g, std::int64_t n) {
    constexpr std::int64_t kTile = 32;
    T sum[kTile][kTile];
    for (std::int64_t bi = 0; bi < n; bi += kTile) {
        const std::int64_t rows = std::min(kTile, n - bi);
        for (std::int64_t bj = bi; bj < n; bj += kTile) {
            const std::int64_t columns = std::min(kTile, n - bj);
            // sum = tile (bi, bj) + transpose of tile (bj, bi), both read row by row.
            for (std::int64_t i = 0; i < rows; ++i)
                for (std::int64_t j = 0; j < columns; ++j)
                    sum[i][j] = g[(bi + i) * n + bj + j];
            for (std::int64_t j = 0; j < columns; ++j)
                for (std::int64_t i = 0; i < rows; ++i)
                    sum[i][j] += g[(bj + j) * n + bi + i];
            for (std::int64_t i = 0; i < rows; ++i)
                for (std::int64_t j = 0; j < columns; ++j)
                    g[(bi + i) * n + bj + j] = sum[i][j];
            for (std::int64_t j = 0; j < columns; ++j)
                for (std::int64_t i = 0; i < rows; ++i)
                    g[(bj + j) * n + bi + i] = sum[i][j];
        }
    }
}

constexpr double kEpsilon = 1e-5;  // the authors' guard against log(0), added to every exp
/// Rows of the similarity matrix handled together: 32 rows of a batch-1024 matrix (2,048 columns) are
/// 256 KB, so each block stays in the L2 cache through every pass made over it.
constexpr std::int64_t kBlockRows = 32;

/// The loss, and dL/dS when a gradient is needed. With S = z z^T / tau, e_ij = exp(S_ij - m_i) (m_i the
/// detached row max, e_ii = 0), D_i = sum_j e_ij + (n-1) eps and loss = (1/K) sum_{anchors i} [log D_i -
/// sum_p w_ip log(e_ip + eps)]: dL/dS_ij = e_ij a_i / (K D_i) - [j positive of i] w_ij e_ij / (K (e_ij +
/// eps)). The matrix is walked once, in blocks of rows that stay in cache: the row max, exp, row sum, the
/// positives' terms and the gradient of a block are all done before the next block is read, and the
/// gradient overwrites the exponentials in place. At batch 1024 (n = 2048) the matrix is 16 MB, and the
/// earlier form (a LibTorch pass over the whole matrix per operation) made about ten passes through memory.
template <typename T>
double fusedRows(torch::Tensor& e, const LabelGroups& groups, bool gradient) {
    const std::int64_t n = e.size(0);
    const double anchors = static_cast<double>(groups.anchors);
    T* data = e.data_ptr<T>();
    double logDenominators = 0, logPositives = 0;
    std::vector<T> positive;
    for (std::int64_t r0 = 0; r0 < n; r0 += kBlockRows) {
        const std::int64_t rows = std::min(kBlockRows, n - r0);
        torch::Tensor block = e.narrow(0, r0, rows);
        block.sub_(std::get<0>(block.max(1, true))).exp_();
        for (std::int64_t i = r0; i < r0 + rows; ++i)
            data[i * n + i] = 0;
        const torch::Tensor sums = block.sum(1);
        const T* sum = sums.data_ptr<T>();
        for (std::int64_t i = r0; i < r0 + rows; ++i) {
            T* row = data + i * n;
            const std::int64_t size = groups.size[i];
            if (size < 2) {
                if (gradient) std::fill(row, row + n, T(0));
                continue;
            }
            const T denominator = sum[i - r0] + static_cast<T>(static_cast<double>(n - 1) * kEpsilon);
            const T weight = static_cast<T>(1.0 / static_cast<double>(size - 1));
            logDenominators += std::log(denominator);
            const std::int64_t* member = groups.members.data() + groups.start[i];
            positive.resize(static_cast<std::size_t>(size));
            T positiveLogs = 0;
            for (std::int64_t p = 0; p < size; ++p) {
                positive[p] = row[member[p]];
                if (member[p] != i) positiveLogs += std::log(positive[p] + static_cast<T>(kEpsilon));
            }
            logPositives += static_cast<double>(weight * positiveLogs);
            if (!gradient) continue;
            const T scale = static_cast<T>(1.0 / (static_cast<double>(denominator) * anchors));
            for (std::int64_t j = 0; j < n; ++j)
                row[j] *= scale;
            for (std::int64_t p = 0; p < size; ++p)
                if (member[p] != i)
                    row[member[p]] -= weight * positive[p] /
                                      ((positive[p] + static_cast<T>(kEpsilon)) * static_cast<T>(anchors));
        }
    }
    return (logDenominators - logPositives) / anchors;
}

/// The loss with a hand-written backward: because S is symmetric in z, dL/dz = (G + G^T) z / tau, one matrix
/// product instead of autograd's two. G is made in the forward pass (above) while each block is in cache.
struct SupConFunction : public torch::autograd::Function<SupConFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& z,
                                 const LabelGroups* groups, double temperature, bool gradient) {
        torch::Tensor e = torch::mm(z * (1.0 / temperature), z.t());
        const double loss = e.scalar_type() == torch::kDouble ? fusedRows<double>(e, *groups, gradient)
                                                              : fusedRows<float>(e, *groups, gradient);
        if (gradient) {
            ctx->save_for_backward({z, e});
            ctx->saved_data["temperature"] = temperature;
        }
        return torch::scalar_tensor(loss, z.options());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& z = saved[0];
        torch::Tensor g = saved[1];
        const double temperature = ctx->saved_data["temperature"].toDouble();
        // Symmetrised in place once; a second backward through the same graph would need retain_graph,
        // which nothing here asks for.
        if (g.scalar_type() == torch::kDouble)
            symmetrizeInPlace(g.data_ptr<double>(), g.size(0));
        else
            symmetrizeInPlace(g.data_ptr<float>(), g.size(0));
        const torch::Tensor dz = torch::mm(g, z).mul_(gradOutputs[0] / temperature);
        return {dz, torch::Tensor(), torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor supervisedContrastiveLoss(const torch::Tensor& embeddings, const torch::Tensor& labels,
                                        double temperature) {
    const LabelGroups groups = labelGroups(labels);
    if (groups.anchors == 0) return embeddings.sum() * 0;
    // Without a gradient to compute (evaluation under NoGradGuard) the pass skips the gradient's work.
    const bool gradient = torch::GradMode::is_enabled() && embeddings.requires_grad();
    return SupConFunction::apply(embeddings, &groups, temperature, gradient);
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
