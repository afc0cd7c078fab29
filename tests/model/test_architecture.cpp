// Layer sizes of every model, from the layer formula (Linear(a,b) = a*b + b, BatchNorm1d(b) = 2b learned
// scalars), and output shapes; the registry's names and errors.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/model/neural_model.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

constexpr std::size_t D = 109, C = 8, H = 256, PE = 128;

std::size_t linear(std::size_t in, std::size_t out) {
    return in * out + out;
}
std::size_t batchNorm(std::size_t width) {
    return 2 * width;
}
std::size_t branch(std::size_t in) {
    return linear(in, H) + batchNorm(H) + 2 * (linear(H, H) + batchNorm(H));
}
/// The features' periodic embeddings: 48 frequencies per feature and one shared 96 -> 24 layer.
constexpr std::size_t NK = 48, NW = 24;
std::size_t numericEmbedding() {
    return D * NK + linear(2 * NK, NW);
}
std::size_t learnedPe() {
    return linear(PE, H) + batchNorm(H) + linear(H, PE);
}

TEST(Registry, ListsEveryModelBridgeLcFirst) {
    const std::vector<std::string> expected = {"bridgelc",
                                               "bridgelc-fixed-pe",
                                               "bridgelc-no-supcon",
                                               "disentangle-regions",
                                               "mlp",
                                               "mlp-learned-pe",
                                               "mlp-fixed-pe",
                                               "mlp-latlon",
                                               "bridgelc-region-dropout",
                                               "bridgelc-adversarial",
                                               "tabm",
                                               "mlp-numeric",
                                               "bridgelc-numeric",
                                               "aoa-gated",
                                               "random-forest",
                                               "gradient-boosting"};
    std::vector<std::string> names;
    for (const ModelInfo& info : availableModels())
        names.push_back(info.name);
    EXPECT_EQ(names, expected);
    EXPECT_TRUE(modelInfo("random-forest").isTree);
    EXPECT_TRUE(modelInfo("bridgelc").usesRegions);
    EXPECT_TRUE(modelInfo("bridgelc").usesCoordinates);
    EXPECT_FALSE(modelInfo("mlp").usesCoordinates);
}

TEST(Registry, UnknownNameListsTheValidOnes) {
    try {
        createModel("bridge-lc");
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_NE(std::string(error.what()).find("bridge-lc"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("bridgelc, bridgelc-fixed-pe"), std::string::npos);
    }
    EXPECT_THROW(modelInfo("nope"), std::invalid_argument);
}

TEST(Architecture, ParameterCountsAndOutputShapesForThePaperSizes) {
    // 109 features, 8 classes, 4 regions present in training.
    const Dataset ds = test::syntheticDataset(64, D, static_cast<int>(C));
    const std::size_t R = 4;
    const std::map<std::string, std::size_t> expected = {
        {"bridgelc", learnedPe() + branch(D + PE) + linear(H, C) + branch(D + PE) + linear(H, R)},
        {"bridgelc-fixed-pe", branch(D + PE) + linear(H, C) + branch(D + PE) + linear(H, R)},
        {"bridgelc-no-supcon", learnedPe() + branch(D + PE) + linear(H, C) + branch(D + PE) + linear(H, R)},
        {"disentangle-regions", branch(D) + linear(H, C) + branch(D) + linear(H, R)},
        {"mlp", branch(D) + linear(H, C)},
        {"mlp-learned-pe", learnedPe() + branch(D + PE) + linear(H, C)},
        {"mlp-fixed-pe", branch(D + PE) + linear(H, C)},
        {"mlp-latlon", branch(D + 2) + linear(H, C)},
        {"bridgelc-adversarial",
         learnedPe() + branch(D + PE) + linear(H, C) + branch(D + PE) + linear(H, R) + linear(H, R)},
        {"bridgelc-region-dropout",
         learnedPe() + branch(D + PE) + linear(H, C) + branch(D + PE) + linear(H, R)},
        {"mlp-numeric", numericEmbedding() + branch(D * NW) + linear(H, C)},
        {"bridgelc-numeric", numericEmbedding() + learnedPe() + branch(D * NW + PE) + linear(H, C) +
                                 branch(D * NW + PE) + linear(H, R)},
    };
    // The paper's BRIDGE-LC input is 237-d; check the arithmetic the test relies on.
    ASSERT_EQ(D + PE, 237u);
    TrainingSettings settings;
    settings.epochs = 1;
    settings.batchSize = 32;
    TrainingObserver quiet;
    const auto rows = test::rowRange(0, 64);
    for (const auto& [name, count] : expected) {
        SCOPED_TRACE(name);
        auto model = createModel(name);
        const FitResult fit = model->fit(TrainingData{ds, rows, {}}, settings, quiet);
        ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
        EXPECT_EQ(model->parameterCount(), count);
        const auto p = model->predictProba(ds.features.data(), ds.lon.data(), ds.lat.data(), 5);
        EXPECT_EQ(p.size(), 5 * C);
        for (int i = 0; i < 5; ++i) {
            double sum = 0;
            for (std::size_t c = 0; c < C; ++c)
                sum += p[i * C + c];
            EXPECT_NEAR(sum, 1.0, 1e-5);
        }
        const nlohmann::json meta = model->metadata();
        EXPECT_EQ(meta["network"]["classes"].get<std::size_t>(), C);
        const bool regions = modelInfo(name).usesRegions;
        EXPECT_EQ(meta["network"]["regions"].get<std::size_t>(), regions ? R : 0u);
        EXPECT_EQ(meta["regions"].size(), regions ? R : 0u);
    }
}

TEST(Architecture, RegionHeadCoversOnlyRegionsPresentInTraining) {
    Dataset ds = test::syntheticDataset(80, 6, 3);
    const int alp = regionIndex("ALP");
    std::vector<std::int64_t> rows;
    for (std::int64_t i = 0; i < 80; ++i)
        if (ds.region[i] != alp) rows.push_back(i);  // a LORO-like fold without the Alpine region
    ds.region[rows[0]] = -1;                         // and one point outside every region
    TrainingSettings settings;
    settings.epochs = 1;
    settings.batchSize = 16;
    struct Messages : TrainingObserver {
        std::vector<std::string> seen;
        void onMessage(const std::string& m) override { seen.push_back(m); }
    } observer;
    auto model = createModel("bridgelc");
    ASSERT_EQ(model->fit(TrainingData{ds, rows, {}}, settings, observer).status, RunStatus::Completed);
    const nlohmann::json meta = model->metadata();
    EXPECT_EQ(meta["network"]["regions"].get<int>(), 3);
    std::set<std::string> names;
    for (const auto& r : meta["regions"])
        names.insert(r["name"].get<std::string>());
    EXPECT_EQ(names.count(biogeographicalRegions()[alp].name), 0u);
    ASSERT_FALSE(observer.seen.empty());
    EXPECT_NE(observer.seen[0].find("1 training points outside"), std::string::npos) << observer.seen[0];
}

TEST(Architecture, InferenceNeedsNoRegionAndIgnoresIt) {
    const Dataset ds = test::syntheticDataset(64, 6, 3);
    TrainingSettings settings;
    settings.epochs = 2;
    settings.batchSize = 16;
    TrainingObserver quiet;
    auto model = createModel("bridgelc");
    ASSERT_EQ(model->fit(TrainingData{ds, test::rowRange(0, 64), {}}, settings, quiet).status,
              RunStatus::Completed);
    // predictProba takes no region at all; and coordinates matter for a model with a positional encoding.
    const auto a = model->predictProba(ds.features.data(), ds.lon.data(), ds.lat.data(), 1);
    const double lon = ds.lon[0] + 5, lat = ds.lat[0] - 3;
    const auto b = model->predictProba(ds.features.data(), &lon, &lat, 1);
    double diff = 0;
    for (std::size_t c = 0; c < a.size(); ++c)
        diff += std::abs(a[c] - b[c]);
    EXPECT_GT(diff, 0.0);
}

TEST(Architecture, EmbeddingsAndPositionalEncodingForInspection) {
    const Dataset ds = test::syntheticDataset(64, 6, 3);
    TrainingSettings settings;
    settings.epochs = 1;
    settings.batchSize = 16;
    TrainingObserver quiet;
    NeuralModel& model = dynamic_cast<NeuralModel&>(*createModel("bridgelc").release());
    std::unique_ptr<NeuralModel> owner(&model);
    ASSERT_EQ(model.fit(TrainingData{ds, test::rowRange(0, 64), {}}, settings, quiet).status,
              RunStatus::Completed);
    EXPECT_EQ(model.embeddings(ds.row(0), &ds.lon[0], &ds.lat[0], 7).size(), 7u * 256);
    EXPECT_EQ(model.embeddings(ds.row(0), &ds.lon[0], &ds.lat[0], 7, true).size(), 7u * 256);
    const auto pe = model.positionalEncoding(&ds.lon[0], &ds.lat[0], 5);
    ASSERT_EQ(pe.size(), 5u * 128);
    for (float v : pe)
        EXPECT_TRUE(v > 0.f && v < 1.f);  // sigmoid output
    const auto copy = model.clone();
    EXPECT_EQ(copy->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 9),
              model.predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 9));
}

TEST(Architecture, UntrainedModelRefusesToPredict) {
    auto model = createModel("mlp");
    const float x[2] = {0, 0};
    const double lon = 0, lat = 0;
    EXPECT_THROW(model->predictProba(x, &lon, &lat, 1), std::logic_error);
}

}  // namespace
}  // namespace bridgelc
