#include "core/aoa/feature_importance.h"

#include <algorithm>
#include <random>

#include "core/data/dataset.h"
#include "core/eval/metrics.h"
#include "core/model/model.h"

namespace bridgelc {
namespace {

double weightedF1(const Model& model, const std::vector<float>& features, const std::vector<double>& lon,
                  const std::vector<double>& lat, const std::vector<int>& truth) {
    const std::size_t n = truth.size(), classes = model.classCount();
    const std::vector<float> p = model.predictProba(features.data(), lon.data(), lat.data(), n);
    std::vector<int> predicted(n);
    for (std::size_t i = 0; i < n; ++i)
        predicted[i] =
            static_cast<int>(std::max_element(&p[i * classes], &p[i * classes] + classes) - &p[i * classes]);
    return computeMetrics(ConfusionMatrix(truth, predicted, classes)).weightedF1;
}

}  // namespace

AoaWeights featureImportance(const Model& model, const Dataset& dataset,
                             const std::vector<std::int64_t>& validation, std::uint64_t seed, int repeats) {
    const std::size_t d = model.featureCount();
    std::vector<double> gain = model.totalGain();
    if (gain.size() == d) return AoaWeights{kWeightsTotalGain, std::move(gain)};

    std::vector<float> features;
    std::vector<double> lon, lat;
    std::vector<int> truth;
    const int classes = static_cast<int>(model.classCount());
    // A seeded sample bounds the cost: repeats x features predictions of it.
    std::vector<std::int64_t> sample;
    for (std::int64_t row : validation)
        if (dataset.label[row] >= 0 && dataset.label[row] < classes) sample.push_back(row);
    if (sample.size() > kPermutationPoints) {
        std::mt19937_64 random(seed);
        std::shuffle(sample.begin(), sample.end(), random);
        sample.resize(kPermutationPoints);
    }
    for (std::int64_t row : sample) {
        features.insert(features.end(), dataset.row(row), dataset.row(row) + d);
        lon.push_back(dataset.lon[row]);
        lat.push_back(dataset.lat[row]);
        truth.push_back(dataset.label[row]);
    }
    const std::size_t n = truth.size();
    if (n < 2 || repeats < 1) return AoaWeights{kWeightsEqual, std::vector<double>(d, 1.0)};

    const double baseline = weightedF1(model, features, lon, lat, truth);
    std::vector<double> importance(d, 0.0);
    std::vector<float> column(n), shuffled = features;
    for (std::size_t j = 0; j < d; ++j) {
        for (std::size_t i = 0; i < n; ++i)
            column[i] = features[i * d + j];
        double drop = 0;
        for (int r = 0; r < repeats; ++r) {
            std::mt19937_64 random(seed * 1000003ULL + j * 131ULL + static_cast<std::uint64_t>(r));
            std::vector<float> permuted = column;
            std::shuffle(permuted.begin(), permuted.end(), random);
            for (std::size_t i = 0; i < n; ++i)
                shuffled[i * d + j] = permuted[i];
            drop += baseline - weightedF1(model, shuffled, lon, lat, truth);
        }
        for (std::size_t i = 0; i < n; ++i)
            shuffled[i * d + j] = column[i];
        importance[j] = drop / repeats;
    }
    return AoaWeights{kWeightsPermutation, std::move(importance)};
}

}  // namespace bridgelc
