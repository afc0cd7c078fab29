#include "core/embed/tsne.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

#include "core/embed/barnes_hut_tree.h"
#include "core/embed/tsne_affinities.h"

namespace bridgelc {

namespace {

// Share of the progress bar the neighbour search and calibration take (the rest: the iterations).
constexpr double kAffinityProgress = 0.1;
// Z for the reported KL divergence: finer than the iterations' theta, since it is computed once.
constexpr double kFinalTheta = 0.2;

/// sum_j p_ij q_ij (y_i - y_j) for every i, into `forces` (2n, interleaved).
void attraction(const SparseAffinities& p, const std::vector<double>& y, std::vector<double>& forces) {
    const std::size_t n = p.rows();
    forces.assign(2 * n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double xi = y[2 * i], yi = y[2 * i + 1];
        double fx = 0, fy = 0;
        for (std::size_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) {
            const std::size_t j = p.columns[e];
            const double dx = xi - y[2 * j], dy = yi - y[2 * j + 1];
            const double pq = p.values[e] / (1.0 + dx * dx + dy * dy);
            fx += pq * dx;
            fy += pq * dy;
        }
        forces[2 * i] = fx;
        forces[2 * i + 1] = fy;
    }
}

/// KL(P || Q) = sum p_ij log(p_ij / q_ij) over the stored p_ij, with q_ij = w_ij / Z.
double klDivergence(const SparseAffinities& p, const std::vector<double>& y) {
    std::vector<double> unused;
    const double z = BarnesHutTree(y).repulsion(kFinalTheta, unused);
    double kl = 0;
    for (std::size_t i = 0; i < p.rows(); ++i)
        for (std::size_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) {
            const std::size_t j = p.columns[e];
            const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
            const double pij = std::max<double>(p.values[e], 1e-12);
            kl += pij * std::log(pij * z * (1.0 + dx * dx + dy * dy));
        }
    return kl;
}

}  // namespace

double tsnePerplexity(const TsneOptions& options, std::size_t n) {
    return std::min(options.perplexity, (static_cast<double>(n) - 1.0) / 3.0);
}

double tsneLearningRate(const TsneOptions& options, std::size_t n) {
    if (options.learningRate > 0) return options.learningRate;
    return std::max(200.0, static_cast<double>(n) / std::max(options.earlyExaggeration, 1.0));
}

TsneResult tsne(const FloatMatrix& data, const TsneOptions& options, const ReductionControl& control) {
    if (data.rows < 4)
        throw std::invalid_argument(fmt::format("t-SNE needs at least 4 points, got {}", data.rows));
    if (data.cols == 0) throw std::invalid_argument("t-SNE needs at least one column");
    TsneResult result;
    const std::size_t n = data.rows;
    const std::optional<SparseAffinities> p = sparseAffinities(
        preparedTsneInput(data, options), tsnePerplexity(options, n), control, kAffinityProgress);
    if (!p) {
        result.cancelled = true;
        return result;
    }

    std::mt19937_64 rng(options.seed);
    std::normal_distribution<double> normal(0.0, 1e-4);
    std::vector<double> y(2 * n), velocity(2 * n, 0.0), gains(2 * n, 1.0), attract, repulse;
    for (double& v : y)
        v = normal(rng);
    const double learningRate = tsneLearningRate(options, n);
    for (int it = 0; it < options.iterations; ++it) {
        if (control.cancelled()) {
            result.cancelled = true;
            return result;
        }
        const bool early = it < options.exaggerationIterations;
        const double exaggeration = early ? options.earlyExaggeration : 1.0;
        const double momentum = early ? options.initialMomentum : options.finalMomentum;
        attraction(*p, y, attract);
        const double z = BarnesHutTree(y).repulsion(options.theta, repulse);
        double meanX = 0, meanY = 0;
        for (std::size_t c = 0; c < 2 * n; ++c) {
            const double grad = 4.0 * (exaggeration * attract[c] - repulse[c] / z);
            // Delta-bar-delta gains: grow where the gradient keeps pushing the same way as the step.
            gains[c] = (grad > 0) == (velocity[c] > 0) ? std::max(gains[c] * 0.8, 0.01) : gains[c] + 0.2;
            velocity[c] = momentum * velocity[c] - learningRate * gains[c] * grad;
            y[c] += velocity[c];
            (c % 2 == 0 ? meanX : meanY) += y[c];
        }
        meanX /= static_cast<double>(n);
        meanY /= static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) {
            y[2 * i] -= meanX;
            y[2 * i + 1] -= meanY;
        }
        result.iterations = it + 1;
        control.progress(kAffinityProgress + (1.0 - kAffinityProgress) * static_cast<double>(it + 1) /
                                                 static_cast<double>(options.iterations));
    }
    result.klDivergence = klDivergence(*p, y);
    result.embedding = FloatMatrix(n, 2);
    std::transform(y.begin(), y.end(), result.embedding.values.begin(),
                   [](double v) { return static_cast<float>(v); });
    return result;
}

}  // namespace bridgelc
