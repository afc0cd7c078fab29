#include "core/embed/tsne_affinities.h"

#include <faiss/IndexFlat.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/embed/pca.h"

namespace bridgelc {

namespace {

constexpr int kCalibrationSteps = 100;
constexpr double kEntropyTolerance = 1e-5;
// Queries per exhaustive search: enough for faiss to run them as one matrix product (BLAS), few enough that
// cancel and progress are seen often.
constexpr std::size_t kQueriesPerBlock = 1024;

/// Turns the squared distances of one point to its neighbours into p(j|i) in place, the Gaussian's precision
/// found by bisection on the entropy (natural log).
void calibrateRow(std::vector<double>& distances, double targetEntropy) {
    // Distances relative to the nearest keep exp() away from underflow; the shift cancels in p(j|i).
    const double nearest = *std::min_element(distances.begin(), distances.end());
    std::vector<double> p(distances.size());
    double beta = 1.0, lo = -1.0, hi = -1.0;  // -1: no bound yet
    double sum = 0;
    for (int step = 0; step < kCalibrationSteps; ++step) {
        sum = 0;
        double weighted = 0;
        for (std::size_t j = 0; j < distances.size(); ++j) {
            p[j] = std::exp(-(distances[j] - nearest) * beta);
            sum += p[j];
            weighted += (distances[j] - nearest) * p[j];
        }
        const double entropy = std::log(sum) + beta * weighted / sum;
        const double diff = entropy - targetEntropy;
        if (std::abs(diff) < kEntropyTolerance) break;
        // Entropy too high: the Gaussian is too wide, so beta (its precision) must grow; else shrink.
        if (diff > 0) {
            lo = beta;
            beta = hi < 0 ? beta * 2 : (beta + hi) / 2;
        } else {
            hi = beta;
            beta = lo < 0 ? beta / 2 : (beta + lo) / 2;
        }
    }
    for (std::size_t j = 0; j < distances.size(); ++j)
        distances[j] = p[j] / sum;
}

}  // namespace

FloatMatrix preparedTsneInput(const FloatMatrix& data, const TsneOptions& options) {
    FloatMatrix x = data.cols > options.pcaDimensions && options.pcaDimensions > 0
                        ? pca(data, options.pcaDimensions).scores
                        : data;
    std::vector<double> mean(x.cols, 0.0);
    for (std::size_t i = 0; i < x.rows; ++i)
        for (std::size_t j = 0; j < x.cols; ++j)
            mean[j] += x.at(i, j);
    for (double& m : mean)
        m /= static_cast<double>(x.rows);
    float scale = 0;
    for (std::size_t i = 0; i < x.rows; ++i)
        for (std::size_t j = 0; j < x.cols; ++j) {
            x.at(i, j) -= static_cast<float>(mean[j]);
            scale = std::max(scale, std::abs(x.at(i, j)));
        }
    if (scale > 0)
        for (float& v : x.values)
            v /= scale;
    return x;
}

std::optional<SparseAffinities> sparseAffinities(const FloatMatrix& x, double perplexity,
                                                 const ReductionControl& control, double progressEnd) {
    const std::size_t n = x.rows;
    const std::size_t k = std::min(n - 1, static_cast<std::size_t>(std::ceil(3.0 * perplexity)));
    // Exact neighbours by faiss's exhaustive search: k-d trees prune almost nothing in 50 dimensions, and a
    // matrix product per block of queries beats them several times over.
    faiss::IndexFlatL2 index(static_cast<faiss::Index::idx_t>(x.cols));
    index.add(static_cast<faiss::Index::idx_t>(n), x.values.data());
    const double targetEntropy = std::log(perplexity);

    // Conditional affinities, both ways round, gathered per row before they are merged.
    std::vector<std::vector<std::pair<std::uint32_t, float>>> entries(n);
    std::vector<faiss::Index::idx_t> found((k + 1) * kQueriesPerBlock);
    std::vector<float> foundDistances((k + 1) * kQueriesPerBlock);
    std::vector<double> distances;
    std::vector<std::uint32_t> neighbours;
    for (std::size_t b0 = 0; b0 < n; b0 += kQueriesPerBlock) {
        if (control.cancelled()) return std::nullopt;
        const std::size_t queries = std::min(kQueriesPerBlock, n - b0);
        index.search(static_cast<faiss::Index::idx_t>(queries), x.row(b0),
                     static_cast<faiss::Index::idx_t>(k + 1), foundDistances.data(), found.data());
        for (std::size_t q = 0; q < queries; ++q) {
            const std::size_t i = b0 + q;
            distances.clear();
            neighbours.clear();
            for (std::size_t j = q * (k + 1); j < (q + 1) * (k + 1) && neighbours.size() < k; ++j) {
                // The point itself (wherever duplicates put it), and the padding of a short answer.
                if (found[j] < 0 || static_cast<std::size_t>(found[j]) == i) continue;
                neighbours.push_back(static_cast<std::uint32_t>(found[j]));
                distances.push_back(std::max(foundDistances[j], 0.0f));
            }
            calibrateRow(distances, targetEntropy);
            for (std::size_t j = 0; j < neighbours.size(); ++j) {
                const float p = static_cast<float>(distances[j]);
                entries[i].emplace_back(neighbours[j], p);
                entries[neighbours[j]].emplace_back(static_cast<std::uint32_t>(i), p);
            }
        }
        control.progress(progressEnd * static_cast<double>(b0 + queries) / static_cast<double>(n));
    }

    SparseAffinities result;
    result.rowStart.assign(n + 1, 0);
    const double total = 2.0 * static_cast<double>(n);  // every conditional row sums to 1, counted twice
    for (std::size_t i = 0; i < n; ++i) {
        auto& row = entries[i];
        std::sort(row.begin(), row.end());
        for (std::size_t j = 0; j < row.size();) {
            double value = 0;
            const std::uint32_t column = row[j].first;
            for (; j < row.size() && row[j].first == column; ++j)
                value += row[j].second;
            result.columns.push_back(column);
            result.values.push_back(static_cast<float>(value / total));
        }
        result.rowStart[i + 1] = result.columns.size();
        std::vector<std::pair<std::uint32_t, float>>().swap(row);
    }
    control.progress(progressEnd);
    return result;
}

}  // namespace bridgelc
