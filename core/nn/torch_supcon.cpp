#include "core/nn/torch_supcon.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <torch/csrc/autograd/custom_function.h>

#include "core/nn/blas_product.h"

// The passes over the similarity matrix and the rows are plain loops that -O3 vectorises (-O2 leaves loops of
// unknown length scalar); no -ffast-math, so every element gets the same IEEE operations as written and the
// sums run in the order written.
#pragma GCC optimize("O3", "no-trapping-math")

namespace bridgelc {
namespace {

/// The labels of a batch as groups of equal labels: row i's positives are the other members of its group.
struct LabelGroups {
    std::vector<std::int64_t> members;  ///< row indices, grouped by label
    std::vector<std::int64_t> start;    ///< per row: where its group begins in members
    std::vector<std::int64_t> size;     ///< per row: its group's size
    std::int64_t anchors = 0;           ///< rows with at least one positive
};

LabelGroups labelGroups(const std::int64_t* label, std::int64_t n) {
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

LabelGroups labelGroups(const torch::Tensor& labels) {
    const torch::Tensor cpu = labels.to(torch::kLong).contiguous();
    return labelGroups(cpu.data_ptr<std::int64_t>(), cpu.numel());
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

/// Copies the lower triangle of the n x n row-major `s` onto its upper triangle, tile by tile through a local
/// buffer so that every access walks along a row (as symmetrizeInPlace, for the same reason).
void mirrorLowerTriangle(float* s, std::int64_t n) {
    constexpr std::int64_t kTile = 32;
    float tile[kTile][kTile];
    for (std::int64_t bi = 0; bi < n; bi += kTile) {
        const std::int64_t rows = std::min(kTile, n - bi);
        for (std::int64_t bj = bi; bj < n; bj += kTile) {
            const std::int64_t columns = std::min(kTile, n - bj);
            // Tile (bj, bi) lies below the diagonal (on it when bi == bj: its lower half is what is read).
            for (std::int64_t j = 0; j < columns; ++j)
                for (std::int64_t i = 0; i < rows; ++i)
                    tile[i][j] = s[(bj + j) * n + bi + i];
            for (std::int64_t i = 0; i < rows; ++i)
                for (std::int64_t j = bi == bj ? i + 1 : 0; j < columns; ++j)
                    s[(bi + i) * n + bj + j] = tile[i][j];
        }
    }
}

/// Rows up to which the similarity matrix is made through ssyrk: 512 x 512 floats (1 MB) still fit in the L2
/// cache for the mirroring pass. The batch-1024 matrix (2,048 rows, 16 MB) mirrored from memory cost as much
/// as the product saved (7 % of that step each).
constexpr std::int64_t kSymmetricProductRows = 512;

/// S = z z^T / temperature. In float and up to kSymmetricProductRows rows through ssyrk: one triangle (half
/// the multiply-adds of the full product, which at batch 128 was a tenth of the step), mirrored, so S is
/// exactly symmetric; the scale is applied to each sum (its alpha) instead of to a scaled copy of z. Larger
/// matrices and double (the tests' reference precision) keep LibTorch's full product.
torch::Tensor similarities(const torch::Tensor& z, double temperature) {
    if (z.scalar_type() != torch::kFloat || z.size(0) > kSymmetricProductRows)
        return torch::mm(z * (1.0 / temperature), z.t());
    const torch::Tensor rows = z.contiguous();
    const std::int64_t n = rows.size(0), k = rows.size(1);
    torch::Tensor s = torch::empty({n, n}, torch::kFloat);
    // Row-major z is column-major z^T (k x n): C = (z^T)^T z^T, whose column-major upper triangle is the
    // row-major lower one.
    blasSymmetricRankK("U", "T", n, k, static_cast<float>(1.0 / temperature), rows.data_ptr<float>(), k, 0.0f,
                       s.data_ptr<float>(), n);
    mirrorLowerTriangle(s.data_ptr<float>(), n);
    return s;
}

/// dz = g z for the n x n row-major g and n x k row-major z, through the process's sgemm_ (the same call as
/// torch::mm makes, without its dispatch).
torch::Tensor productWithRows(const torch::Tensor& g, const torch::Tensor& z) {
    if (g.scalar_type() != torch::kFloat) return torch::mm(g, z);
    const std::int64_t n = g.size(0), k = z.size(1);
    torch::Tensor out = torch::empty({n, k}, torch::kFloat);
    blasProduct("N", "N", k, n, n, z.data_ptr<float>(), k, g.data_ptr<float>(), n, 0.0f,
                out.data_ptr<float>(), k);
    return out;
}

constexpr double kEpsilon = 1e-5;     // the authors' guard against log(0), added to every exp
constexpr double kNormFloor = 1e-12;  // F::normalize's smallest divisor
/// Elements of the similarity matrix handled together: 65,536 floats are 256 KB, which stay in the L2 cache
/// through every pass made over them (32 rows of a batch-1024 matrix of 2,048 columns; the whole matrix of a
/// batch of 128). Each block costs a handful of LibTorch calls, so a small matrix goes in one block.
constexpr std::int64_t kBlockElements = 65536;
constexpr std::int64_t kMinimumBlockRows = 32;

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
    const std::int64_t blockRows = std::max(kMinimumBlockRows, kBlockElements / std::max<std::int64_t>(n, 1));
    for (std::int64_t r0 = 0; r0 < n; r0 += blockRows) {
        const std::int64_t rows = std::min(blockRows, n - r0);
        torch::Tensor block = e.narrow(0, r0, rows);
        block.sub_(block.amax(1, true)).exp_();
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
        torch::Tensor e = similarities(z, temperature);
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

constexpr std::int64_t kLanes = 8;  // independent partial sums of a dot product, one per vector lane

/// sum_c a[c] b[c] in double, over kLanes partial sums.
template <typename T>
double dotProduct(const T* a, const T* b, std::int64_t k) {
    double lane[kLanes] = {};
    std::int64_t c = 0;
    for (; c + kLanes <= k; c += kLanes)
        for (std::int64_t l = 0; l < kLanes; ++l)
            lane[l] += static_cast<double>(a[c + l]) * static_cast<double>(b[c + l]);
    for (; c < k; ++c)
        lane[0] += static_cast<double>(a[c]) * static_cast<double>(b[c]);
    double sum = 0;
    for (double v : lane)
        sum += v;
    return sum;
}

/// Writes into the n x k matrix `z` the rows of `source` divided by their L2 norm clamped to at least 1e-12
/// (F::normalize's rule), the norm summed in double; `norms` gets the clamped norms. Reading from the
/// source saves the copy into `z` that a normalisation in place needs.
template <typename T>
void normaliseRows(const T* source, std::int64_t n, std::int64_t k, T* z, double* norms) {
    for (std::int64_t i = 0; i < n; ++i) {
        const T* in = source + i * k;
        T* row = z + i * k;
        const double squares = dotProduct(in, in, k);
        const double norm = std::max(std::sqrt(squares), kNormFloor);
        norms[i] = norm;
        const T divisor = static_cast<T>(norm);
        for (std::int64_t c = 0; c < k; ++c)
            row[c] = in[c] / divisor;
    }
}

/// dL/dx from dL/dy = `grad` * `scale` for y = x / max(|x|, 1e-12), row by row, in place in `grad`:
/// (dy - y (y . dy)) / |x| where the norm was not clamped, dy / 1e-12 where it was.
template <typename T>
void normaliseRowsBackward(const T* y, const double* norms, std::int64_t n, std::int64_t k, double scale,
                           T* grad) {
    for (std::int64_t i = 0; i < n; ++i) {
        const T* yr = y + i * k;
        T* g = grad + i * k;
        const bool clamped = !(norms[i] > kNormFloor);
        const double dot = clamped ? 0.0 : dotProduct(yr, static_cast<const T*>(g), k);
        const T factor = static_cast<T>(scale / norms[i]);
        const T along = static_cast<T>(dot);
        for (std::int64_t c = 0; c < k; ++c)
            g[c] = (g[c] - yr[c] * along) * factor;
    }
}

/// BRIDGE-LC's contrastive term in one autograd function: both branches' rows stacked, L2-normalised and
/// passed through the loss above, with the normalisation's backward written out too. (Through LibTorch the
/// stacking, the normalisation and their backward took about twenty operations per step.)
struct DisentanglementFunction : public torch::autograd::Function<DisentanglementFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& invariant,
                                 const torch::Tensor& specific, const LabelGroups* groups, double temperature,
                                 bool gradient) {
        const torch::Tensor top = invariant.contiguous(), bottom = specific.contiguous();
        const std::int64_t rows = top.size(0), n = rows + bottom.size(0), k = top.size(1);
        TORCH_CHECK(bottom.scalar_type() == top.scalar_type() && bottom.size(1) == k,
                    "both branches' rows need the same type and width");
        torch::Tensor z = torch::empty({n, k}, top.options());
        torch::Tensor norms = torch::empty({n}, torch::kDouble);
        const bool isDouble = z.scalar_type() == torch::kDouble;
        if (isDouble) {
            normaliseRows(top.data_ptr<double>(), rows, k, z.data_ptr<double>(), norms.data_ptr<double>());
            normaliseRows(bottom.data_ptr<double>(), n - rows, k, z.data_ptr<double>() + rows * k,
                          norms.data_ptr<double>() + rows);
        } else {
            normaliseRows(top.data_ptr<float>(), rows, k, z.data_ptr<float>(), norms.data_ptr<double>());
            normaliseRows(bottom.data_ptr<float>(), n - rows, k, z.data_ptr<float>() + rows * k,
                          norms.data_ptr<double>() + rows);
        }
        torch::Tensor e = similarities(z, temperature);
        const double loss =
            isDouble ? fusedRows<double>(e, *groups, gradient) : fusedRows<float>(e, *groups, gradient);
        if (gradient) {
            ctx->save_for_backward({z, e, norms});
            ctx->saved_data["temperature"] = temperature;
            ctx->saved_data["rows"] = invariant.size(0);
        }
        return torch::scalar_tensor(loss, invariant.options());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& z = saved[0];
        torch::Tensor g = saved[1];
        const double* norms = saved[2].data_ptr<double>();
        const double scale = gradOutputs[0].item<double>() / ctx->saved_data["temperature"].toDouble();
        const std::int64_t rows = ctx->saved_data["rows"].toInt(), n = z.size(0), k = z.size(1);
        torch::Tensor dz;
        if (g.scalar_type() == torch::kDouble) {
            symmetrizeInPlace(g.data_ptr<double>(), n);
            dz = torch::mm(g, z);
            normaliseRowsBackward(z.data_ptr<double>(), norms, n, k, scale, dz.data_ptr<double>());
        } else {
            symmetrizeInPlace(g.data_ptr<float>(), n);
            dz = productWithRows(g, z);
            normaliseRowsBackward(z.data_ptr<float>(), norms, n, k, scale, dz.data_ptr<float>());
        }
        return {dz.narrow(0, 0, rows), dz.narrow(0, rows, n - rows), torch::Tensor(), torch::Tensor(),
                torch::Tensor()};
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
    const torch::Tensor classLabels = classes.to(torch::kLong).contiguous();
    const torch::Tensor regionLabels = regions.to(torch::kLong).contiguous();
    std::vector<std::int64_t> labels(static_cast<std::size_t>(classLabels.numel() + regionLabels.numel()));
    const std::int64_t* c = classLabels.data_ptr<std::int64_t>();
    const std::int64_t* r = regionLabels.data_ptr<std::int64_t>();
    std::copy(c, c + classLabels.numel(), labels.begin());
    for (std::int64_t i = 0; i < regionLabels.numel(); ++i)
        labels[static_cast<std::size_t>(classLabels.numel() + i)] = r[i] + classCount;
    const LabelGroups groups = labelGroups(labels.data(), static_cast<std::int64_t>(labels.size()));
    if (groups.anchors == 0) return (invariant.sum() + specific.sum()) * 0;
    const bool gradient =
        torch::GradMode::is_enabled() && (invariant.requires_grad() || specific.requires_grad());
    return DisentanglementFunction::apply(invariant, specific, &groups, temperature, gradient);
}

}  // namespace bridgelc
