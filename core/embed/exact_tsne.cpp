#include "core/embed/exact_tsne.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/embed/tsne_affinities.h"

namespace bridgelc {

namespace {

// Rows per block of the calibration and the final KL: a block of 5,000-wide rows stays in the caches.
constexpr std::int64_t kBlockRows = 128;
// Side of the square tiles of the gradient: a 512 x 512 float tile (1 MB) stays in the core's cache while
// the tile's dozen passes run, and 5,000 points make only 55 tiles per iteration.
constexpr std::int64_t kTile = 512;
constexpr int kCalibrationSteps = 100;
constexpr double kEntropyTolerance = 1e-5;

/// Squared Euclidean distances of rows [r0, r0 + b) to every row of x (b x n), never negative.
torch::Tensor squaredDistances(const torch::Tensor& x, const torch::Tensor& squaredNorms, std::int64_t r0,
                               std::int64_t b) {
    const torch::Tensor block = x.narrow(0, r0, b);
    return torch::mm(block, x.t())
        .mul_(-2)
        .add_(squaredNorms.unsqueeze(0))
        .add_(squaredNorms.narrow(0, r0, b).unsqueeze(1))
        .clamp_min_(0);
}

/// Conditional affinities p(j|i) for every row, each row's Gaussian width found by bisection so that its
/// entropy is log(perplexity). Returns the n x n matrix (rows sum to 1, zero diagonal), or an undefined
/// tensor when cancelled.
torch::Tensor conditionalAffinities(const torch::Tensor& x, double perplexity,
                                    const ReductionControl& control) {
    const std::int64_t n = x.size(0);
    const torch::Tensor norms = (x * x).sum(1);
    torch::Tensor p = torch::empty({n, n}, torch::kFloat);
    const double targetEntropy = std::log(perplexity);
    for (std::int64_t r0 = 0; r0 < n; r0 += kBlockRows) {
        if (control.cancelled()) return {};
        const std::int64_t b = std::min(kBlockRows, n - r0);
        const torch::Tensor d = squaredDistances(x, norms, r0, b);
        torch::Tensor self = torch::ones({b, n}, torch::kFloat);
        self.diagonal(r0).fill_(0);
        torch::Tensor beta = torch::ones({b, 1}, torch::kFloat);
        torch::Tensor lo = torch::full({b, 1}, -1.0, torch::kFloat);  // -1: no lower bound yet
        torch::Tensor hi = torch::full({b, 1}, -1.0, torch::kFloat);  // -1: no upper bound yet
        torch::Tensor rows;
        for (int step = 0; step < kCalibrationSteps; ++step) {
            rows = torch::exp(-d * beta).mul_(self);
            const torch::Tensor sum = rows.sum(1, true).clamp_min(1e-30);
            const torch::Tensor entropy = sum.log() + beta * (d * rows).sum(1, true) / sum;
            const torch::Tensor diff = entropy - targetEntropy;
            if (diff.abs().max().item<double>() < kEntropyTolerance) break;
            // Entropy too high: the Gaussian is too wide, so beta (its precision) must grow; else shrink.
            const torch::Tensor grow = diff > 0;
            lo = torch::where(grow, beta, lo);
            hi = torch::where(grow, hi, beta);
            const torch::Tensor up = torch::where(hi < 0, beta * 2, (beta + hi) / 2);
            const torch::Tensor down = torch::where(lo < 0, beta / 2, (beta + lo) / 2);
            beta = torch::where(grow, up, down);
        }
        rows /= rows.sum(1, true).clamp_min(1e-30);
        p.narrow(0, r0, b).copy_(rows);
        control.progress(0.1 * static_cast<double>(r0 + b) / static_cast<double>(n));
    }
    return p;
}

/// One pass over the pairs: the attractive and repulsive parts of the gradient (before scaling) and the sum
/// of the unnormalised Student-t similarities, Z. grad = 4 (exaggeration * attract - repulse / Z).
struct GradientParts {
    torch::Tensor attract, repulse;
    double z = 0;
};

/// 1 / (1 + |y_i - y_j|^2) for i in [i0, i0 + bi) and j in [j0, j0 + bj), zero where i = j: one matrix
/// product onto the broadcast squared norms and two in-place passes (as few passes over the tile as can be).
torch::Tensor studentT(const torch::Tensor& y, const torch::Tensor& norms, std::int64_t i0, std::int64_t bi,
                       std::int64_t j0, std::int64_t bj) {
    torch::Tensor q = torch::addmm(norms.narrow(0, j0, bj).unsqueeze(0).expand({bi, bj}), y.narrow(0, i0, bi),
                                   y.narrow(0, j0, bj).t(), /*beta=*/1, /*alpha=*/-2);
    q.add_(norms.narrow(0, i0, bi).unsqueeze(1) + 1).reciprocal_();
    if (i0 < j0 + bj && j0 < i0 + bi) q.diagonal(i0 - j0).fill_(0);
    return q;
}

GradientParts gradientParts(const torch::Tensor& y, const torch::Tensor& p) {
    const std::int64_t n = y.size(0);
    const torch::Tensor norms = (y * y).sum(1);
    // y with a column of ones: one product W [y, 1] gives both sum_j w_ij y_j and the row sums sum_j w_ij.
    const torch::Tensor yOnes = torch::cat({y, torch::ones({n, 1}, torch::kFloat)}, 1);
    torch::Tensor attract = torch::zeros({n, 3}, torch::kFloat),
                  repulse = torch::zeros({n, 3}, torch::kFloat);
    double z = 0;
    // P and Q are symmetric: each tile above the diagonal serves its rows and, transposed, its columns, so
    // every pair is computed once.
    for (std::int64_t i0 = 0; i0 < n; i0 += kTile) {
        const std::int64_t bi = std::min(kTile, n - i0);
        torch::Tensor attractI = attract.narrow(0, i0, bi), repulseI = repulse.narrow(0, i0, bi);
        const torch::Tensor yOnesI = yOnes.narrow(0, i0, bi);
        for (std::int64_t j0 = i0; j0 < n; j0 += kTile) {
            const std::int64_t bj = std::min(kTile, n - j0);
            const bool diagonal = i0 == j0;
            torch::Tensor attractJ = attract.narrow(0, j0, bj), repulseJ = repulse.narrow(0, j0, bj);
            const torch::Tensor yOnesJ = yOnes.narrow(0, j0, bj);
            torch::Tensor q = studentT(y, norms, i0, bi, j0, bj);
            z += (diagonal ? 1.0 : 2.0) * q.sum().item<double>();
            const torch::Tensor pq = p.narrow(0, i0, bi).narrow(1, j0, bj) * q;
            attractI.addmm_(pq, yOnesJ);
            if (!diagonal) attractJ.addmm_(pq.t(), yOnesI);
            q.mul_(q);
            repulseI.addmm_(q, yOnesJ);
            if (!diagonal) repulseJ.addmm_(q.t(), yOnesI);
        }
    }
    // sum_j w_ij (y_i - y_j) = (row sum) y_i - sum_j w_ij y_j.
    const auto combine = [&y](const torch::Tensor& w) { return w.narrow(1, 2, 1) * y - w.narrow(1, 0, 2); };
    return {combine(attract), combine(repulse), z};
}

double klDivergence(const torch::Tensor& y, const torch::Tensor& p) {
    const std::int64_t n = y.size(0);
    const torch::Tensor norms = (y * y).sum(1);
    double z = 0, cross = 0;
    for (std::int64_t r0 = 0; r0 < n; r0 += kBlockRows) {
        const std::int64_t b = std::min(kBlockRows, n - r0);
        const torch::Tensor q = studentT(y, norms, r0, b, 0, n);
        z += q.sum().item<double>();
        const torch::Tensor pBlock = p.narrow(0, r0, b);
        // sum p log(p / q_unnormalised); log Z is added once below since sum(p) = 1.
        cross += (pBlock * (pBlock.log() - q.clamp_min(1e-12).log())).sum().item<double>();
    }
    return cross + std::log(z);
}

/// The prepared input as an n x d tensor (a copy).
torch::Tensor inputTensor(const FloatMatrix& data, const TsneOptions& options) {
    FloatMatrix x = preparedTsneInput(data, options);
    return torch::from_blob(x.values.data(),
                            {static_cast<std::int64_t>(x.rows), static_cast<std::int64_t>(x.cols)},
                            torch::kFloat)
        .clone();
}

/// The joint affinities P (n x n, summing to 1, floored at 1e-12), or undefined when cancelled.
torch::Tensor jointAffinities(const torch::Tensor& x, const TsneOptions& options,
                              const ReductionControl& control) {
    torch::Tensor p = conditionalAffinities(x, tsnePerplexity(options, x.size(0)), control);
    if (!p.defined()) return p;
    p = (p + p.t());
    p /= p.sum();
    return p.clamp_min_(1e-12);
}

void checkInput(const FloatMatrix& data) {
    if (data.rows < 4)
        throw std::invalid_argument(fmt::format("t-SNE needs at least 4 points, got {}", data.rows));
    if (data.cols == 0) throw std::invalid_argument("t-SNE needs at least one column");
}

}  // namespace

TsneResult exactTsne(const FloatMatrix& data, const TsneOptions& options, const ReductionControl& control) {
    checkInput(data);
    TsneResult result;
    c10::InferenceMode inference;
    const std::int64_t n = static_cast<std::int64_t>(data.rows);
    const torch::Tensor p = jointAffinities(inputTensor(data, options), options, control);
    if (!p.defined()) {
        result.cancelled = true;
        return result;
    }

    torch::Generator generator = at::detail::createCPUGenerator(options.seed);
    torch::Tensor y = torch::randn({n, 2}, generator, torch::kFloat) * 1e-4;
    torch::Tensor velocity = torch::zeros({n, 2}, torch::kFloat);
    torch::Tensor gains = torch::ones({n, 2}, torch::kFloat);
    const double learningRate = tsneLearningRate(options, n);
    for (int it = 0; it < options.iterations; ++it) {
        if (control.cancelled()) {
            result.cancelled = true;
            return result;
        }
        const bool early = it < options.exaggerationIterations;
        const GradientParts parts = gradientParts(y, p);
        const torch::Tensor grad =
            (parts.attract * (early ? options.earlyExaggeration : 1.0) - parts.repulse / parts.z) * 4.0;
        // Delta-bar-delta gains: grow where the gradient keeps pushing the same way as the step.
        const torch::Tensor sameDirection = (grad > 0) == (velocity > 0);
        gains = torch::where(sameDirection, gains * 0.8, gains + 0.2).clamp_min_(0.01);
        const double momentum = early ? options.initialMomentum : options.finalMomentum;
        velocity = velocity * momentum - gains * grad * learningRate;
        y += velocity;
        y -= y.mean(0);
        result.iterations = it + 1;
        control.progress(0.1 + 0.9 * static_cast<double>(it + 1) / static_cast<double>(options.iterations));
    }
    result.klDivergence = klDivergence(y, p);
    result.embedding = FloatMatrix(data.rows, 2);
    const torch::Tensor out = y.contiguous();
    std::copy(out.data_ptr<float>(), out.data_ptr<float>() + out.numel(), result.embedding.values.begin());
    return result;
}

double exactKlDivergence(const FloatMatrix& data, const FloatMatrix& embedding, const TsneOptions& options) {
    checkInput(data);
    if (embedding.rows != data.rows || embedding.cols != 2)
        throw std::invalid_argument(
            fmt::format("an embedding of {} x {} for {} points", embedding.rows, embedding.cols, data.rows));
    c10::InferenceMode inference;
    const torch::Tensor p = jointAffinities(inputTensor(data, options), options, {});
    FloatMatrix copy = embedding;
    const torch::Tensor y =
        torch::from_blob(copy.values.data(), {static_cast<std::int64_t>(copy.rows), 2}, torch::kFloat);
    return klDivergence(y, p);
}

}  // namespace bridgelc
