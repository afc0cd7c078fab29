#include "core/aoa/area_of_applicability.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "core/aoa/boxplot_stats.h"
#include "core/aoa/clustered_neighbours.h"
#include "core/aoa/mean_pair_distance.h"

namespace bridgelc {
namespace {

// Largest weight 1, negative importance 0; with no positive importance at all every predictor counts alike.
std::vector<double> normalisedWeights(AoaWeights& weights, std::size_t d) {
    if (weights.importance.size() != d) {
        weights.kind = kWeightsEqual;
        weights.importance.assign(d, 1.0);
    }
    double largest = 0;
    for (double v : weights.importance)
        if (std::isfinite(v)) largest = std::max(largest, v);
    if (largest <= 0) {
        weights.kind = kWeightsEqual;
        return std::vector<double>(d, 1.0);
    }
    std::vector<double> out(d);
    for (std::size_t j = 0; j < d; ++j) {
        const double v = weights.importance[j];
        out[j] = std::isfinite(v) && v > 0 ? v / largest : 0.0;
    }
    return out;
}

}  // namespace

AreaOfApplicability::~AreaOfApplicability() = default;

void AreaOfApplicability::standardise(const float* raw, double* out) const {
    for (std::size_t j = 0; j < m_featureNames.size(); ++j) {
        const double v = raw[j];
        // A missing value is the training mean (0 after standardising); a constant predictor says nothing.
        out[j] = (std::isnan(v) || m_sds[j] <= 0) ? 0.0 : (v - m_means[j]) / m_sds[j] * m_weights[j];
    }
}

void AreaOfApplicability::buildIndex() {
    const auto start = std::chrono::steady_clock::now();
    m_index = std::make_unique<ClusteredNeighbours>(std::vector<double>(m_matrix.begin(), m_matrix.end()),
                                                    m_featureNames.size());
    m_indexSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::shared_ptr<const AreaOfApplicability> AreaOfApplicability::build(
    const float* features, std::size_t rows, const std::vector<std::string>& featureNames,
    const AoaWeights& weights, const std::vector<int>& folds, const std::vector<std::string>& foldNames,
    const std::vector<std::string>& ids) {
    const std::size_t d = featureNames.size();
    if (d == 0) throw AoaError("the area of applicability needs at least one predictor");
    if (rows < 2) throw AoaError("the area of applicability needs at least two training points");
    if (folds.size() != rows || ids.size() != rows)
        throw AoaError(
            fmt::format("{} training points but {} folds and {} ids", rows, folds.size(), ids.size()));
    std::map<int, std::size_t> foldSizes;
    for (int fold : folds)
        ++foldSizes[fold];
    if (foldSizes.size() < 2)
        throw AoaError(
            "the training points lie in one cross-validation fold: no training DI can be computed");

    std::shared_ptr<AreaOfApplicability> aoa(new AreaOfApplicability());
    aoa->m_featureNames = featureNames;
    aoa->m_importance = weights;
    aoa->m_weights = normalisedWeights(aoa->m_importance, d);
    aoa->m_trainingFolds = folds;
    aoa->m_foldNames = foldNames;
    aoa->m_trainingIds = ids;

    // Means and sample standard deviations (R's scale()) over the values present.
    aoa->m_means.assign(d, 0.0);
    aoa->m_sds.assign(d, 0.0);
    for (std::size_t j = 0; j < d; ++j) {
        double sum = 0;
        std::size_t count = 0;
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = features[r * d + j];
            if (!std::isnan(v)) sum += v, ++count;
        }
        const double mean = count ? sum / count : 0.0;
        double squares = 0;
        for (std::size_t r = 0; r < rows; ++r) {
            const double v = features[r * d + j];
            if (!std::isnan(v)) squares += (v - mean) * (v - mean);
        }
        aoa->m_means[j] = mean;
        aoa->m_sds[j] = count > 1 ? std::sqrt(squares / (count - 1)) : 0.0;
    }

    // The weighted space is kept as float (what travels with the model); every distance below is computed
    // from exactly those values, so DI at prediction time matches the threshold's.
    aoa->m_matrix.resize(rows * d);
    std::vector<double> row(d), matrix(rows * d);
    for (std::size_t r = 0; r < rows; ++r) {
        aoa->standardise(features + r * d, row.data());
        for (std::size_t j = 0; j < d; ++j) {
            aoa->m_matrix[r * d + j] = static_cast<float>(row[j]);
            matrix[r * d + j] = aoa->m_matrix[r * d + j];
        }
    }
    using Clock = std::chrono::steady_clock;
    const auto distanceStart = Clock::now();
    aoa->m_meanDistance = meanPairDistance(matrix.data(), rows, d);
    const auto diStart = Clock::now();
    aoa->m_meanDistanceSeconds = std::chrono::duration<double>(diStart - distanceStart).count();
    if (!(aoa->m_meanDistance > 0))
        throw AoaError("all training points coincide in the weighted predictor space (mean distance 0)");

    // One exact index per fold: a point's nearest neighbour in another fold is the closest of the others'.
    std::map<int, std::unique_ptr<ClusteredNeighbours>> foldIndex;
    for (const auto& [fold, size] : foldSizes) {
        std::vector<double> members;
        members.reserve(size * d);
        for (std::size_t r = 0; r < rows; ++r)
            if (folds[r] == fold) members.insert(members.end(), &matrix[r * d], &matrix[r * d] + d);
        foldIndex[fold] = std::make_unique<ClusteredNeighbours>(std::move(members), d);
    }
    // Each fold's index answers, in one batch, for the rows of every other fold.
    aoa->m_trainingDi.assign(rows, std::numeric_limits<double>::infinity());
    std::vector<double> queries, distances;
    std::vector<std::size_t> queryRows;
    for (const auto& [fold, index] : foldIndex) {
        queries.clear();
        queryRows.clear();
        for (std::size_t r = 0; r < rows; ++r)
            if (folds[r] != fold) {
                queries.insert(queries.end(), &matrix[r * d], &matrix[r * d] + d);
                queryRows.push_back(r);
            }
        distances.resize(queryRows.size());
        index->nearestDistances(queries.data(), queryRows.size(), distances.data());
        for (std::size_t q = 0; q < queryRows.size(); ++q)
            aoa->m_trainingDi[queryRows[q]] = std::min(aoa->m_trainingDi[queryRows[q]], distances[q]);
    }
    for (double& di : aoa->m_trainingDi)
        di /= aoa->m_meanDistance;
    aoa->m_trainingDiSeconds = std::chrono::duration<double>(Clock::now() - diStart).count();
    aoa->m_threshold = upperWhisker(aoa->m_trainingDi);
    aoa->buildIndex();
    return aoa;
}

std::vector<double> AreaOfApplicability::dissimilarity(const float* features, std::size_t n) const {
    const std::size_t d = featureCount();
    std::vector<double> out(n), rows;
    // Standardised in slices, so a million points need no million-row copy.
    constexpr std::size_t kSlice = 65536;
    for (std::size_t start = 0; start < n; start += kSlice) {
        const std::size_t count = std::min(kSlice, n - start);
        rows.resize(count * d);
        for (std::size_t i = 0; i < count; ++i)
            standardise(features + (start + i) * d, &rows[i * d]);
        m_index->nearestDistances(rows.data(), count, out.data() + start);
    }
    for (double& di : out)
        di /= m_meanDistance;
    return out;
}

}  // namespace bridgelc
