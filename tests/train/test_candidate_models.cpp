// The candidate models beyond the paper: each trains a few epochs on part of the built-in sample, and a copy
// rebuilt from its metadata and saved weights predicts exactly as it does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/data/point_reader.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/split/split.h"

namespace bridgelc {
namespace {

const Dataset& sample() {
    static const Dataset dataset = [] {
        LoadResult loaded = loadBuiltInSample();
        if (!loaded.dataset) throw std::runtime_error("the built-in sample did not load");
        return std::move(*loaded.dataset);
    }();
    return dataset;
}

void trainsAndReloadsIdentically(const std::string& name) {
    SCOPED_TRACE(name);
    const Dataset& ds = sample();
    // Every 8th point keeps the test short while covering every region and class of the sample.
    std::vector<std::int64_t> train, validation, test;
    for (std::int64_t row = 0; row < static_cast<std::int64_t>(ds.size()); row += 8)
        (row % 80 == 0 ? validation : row % 40 == 8 ? test : train).push_back(row);
    TrainingSettings settings;
    settings.epochs = 3;
    settings.batchSize = 64;
    TrainingObserver quiet;
    auto model = createModel(name);
    const FitResult fit = model->fit(TrainingData{ds, train, validation}, settings, quiet);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    ASSERT_EQ(fit.history.size(), 3u);

    std::vector<float> features;
    std::vector<double> lon, lat;
    for (std::int64_t row : test) {
        features.insert(features.end(), ds.row(row), ds.row(row) + ds.featureCount());
        lon.push_back(ds.lon[row]);
        lat.push_back(ds.lat[row]);
    }
    const std::vector<float> expected =
        model->predictProba(features.data(), lon.data(), lat.data(), lon.size());
    ASSERT_EQ(expected.size(), test.size() * ds.classNames.size());
    std::size_t right = 0;
    for (std::size_t i = 0; i < test.size(); ++i) {
        const float* p = &expected[i * ds.classNames.size()];
        right += std::max_element(p, p + ds.classNames.size()) - p == ds.label[test[i]];
    }
    EXPECT_GT(double(right) / test.size(), 0.5) << "learned something in 3 epochs";

    std::stringstream weights;
    model->saveWeights(weights);
    const nlohmann::json metadata = nlohmann::json::parse(model->metadata().dump());
    auto copy = createModel(name);
    copy->setMetadata(metadata);
    copy->loadWeights(weights);
    EXPECT_EQ(copy->parameterCount(), model->parameterCount());
    EXPECT_EQ(copy->predictProba(features.data(), lon.data(), lat.data(), lon.size()), expected);
}

TEST(CandidateModels, RegionDropoutTrainsOnTheSampleAndReloads) {
    trainsAndReloadsIdentically("bridgelc-region-dropout");
}

TEST(CandidateModels, AdversarialTrainsOnTheSampleAndReloads) {
    trainsAndReloadsIdentically("bridgelc-adversarial");
}

TEST(CandidateModels, AoaGatedTrainsOnTheSampleAndReloads) {
    trainsAndReloadsIdentically("aoa-gated");
}

TEST(CandidateModels, TabmTrainsOnTheSampleAndReloads) {
    trainsAndReloadsIdentically("tabm");
}

TEST(CandidateModels, MlpWithNumericEmbeddingsTrainsOnTheSampleAndReloads) {
    trainsAndReloadsIdentically("mlp-numeric");
}

TEST(CandidateModels, BridgeLcWithNumericEmbeddingsTrainsOnTheSampleAndReloads) {
    trainsAndReloadsIdentically("bridgelc-numeric");
}

}  // namespace
}  // namespace bridgelc
