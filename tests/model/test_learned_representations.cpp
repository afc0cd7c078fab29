// The inspection accessors: which models have a learned location encoding and two branches, the shapes and
// determinism of what they return, and "not available" for every other model.
#include <gtest/gtest.h>

#include "core/model/learned_representations.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

std::unique_ptr<Model> trained(const std::string& name, const Dataset& ds) {
    TrainingSettings settings;
    settings.epochs = 1;
    settings.batchSize = 16;
    TrainingObserver quiet;
    auto model = createModel(name);
    EXPECT_EQ(model->fit(TrainingData{ds, test::rowRange(0, 64), {}}, settings, quiet).status,
              RunStatus::Completed);
    return model;
}

TEST(LearnedRepresentations, OnlyLearnedPeModelsHaveALearnedEncoding) {
    for (const ModelInfo& info : availableModels()) {
        const auto model = createModel(info.name);
        const bool expected = info.name == "bridgelc" || info.name == "bridgelc-no-supcon" ||
                              info.name == "mlp-learned-pe" || info.name == "bridgelc-region-dropout" ||
                              info.name == "bridgelc-adversarial" || info.name == "bridgelc-numeric";
        EXPECT_EQ(hasLearnedLocationEncoding(*model), expected) << info.name;
        const bool branches = info.name == "bridgelc" || info.name == "bridgelc-no-supcon" ||
                              info.name == "bridgelc-fixed-pe" || info.name == "disentangle-regions" ||
                              info.name == "bridgelc-region-dropout" || info.name == "bridgelc-adversarial" ||
                              info.name == "bridgelc-numeric";
        EXPECT_EQ(hasBranchOutputs(*model), branches) << info.name;
        EXPECT_EQ(whyNoBranchOutputs(*model).empty(), branches) << info.name;
    }
    const auto forest = createModel("random-forest");
    EXPECT_NE(whyNoBranchOutputs(*forest).find("Random forest"), std::string::npos);
    EXPECT_NE(whyNoBranchOutputs(*createModel("mlp")).find("single branch"), std::string::npos);
}

TEST(LearnedRepresentations, EncodingOfManyPointsHasOneRowEachAndIsDeterministic) {
    const Dataset ds = test::syntheticDataset(64, 6, 3);
    const auto model = trained("bridgelc", ds);
    std::vector<double> lon, lat;
    for (int i = 0; i < 300; ++i) {
        lon.push_back(-10.0 + 0.13 * i);
        lat.push_back(36.0 + 0.09 * i);
    }
    const FloatMatrix a = learnedLocationEncoding(*model, lon.data(), lat.data(), lon.size());
    ASSERT_EQ(a.rows, 300u);
    ASSERT_EQ(a.cols, 128u);
    ASSERT_EQ(a.values.size(), 300u * 128);
    for (float v : a.values)
        ASSERT_TRUE(v > 0.f && v < 1.f);  // sigmoid outputs
    const FloatMatrix b = learnedLocationEncoding(*model, lon.data(), lat.data(), lon.size());
    EXPECT_EQ(a.values, b.values);
    // Another place, another encoding.
    EXPECT_NE(std::vector<float>(a.row(0), a.row(0) + 128), std::vector<float>(a.row(299), a.row(299) + 128));
    // The same point alone gives the same row as inside a batch (evaluation mode: no batch statistics).
    const FloatMatrix single = learnedLocationEncoding(*model, &lon[7], &lat[7], 1);
    for (std::size_t j = 0; j < 128; ++j)
        EXPECT_NEAR(single.at(0, j), a.at(7, j), 1e-6);
}

TEST(LearnedRepresentations, BranchOutputsForDatasetRows) {
    const Dataset ds = test::syntheticDataset(64, 6, 3);
    const auto model = trained("bridgelc", ds);
    const std::vector<std::int64_t> rows = {5, 0, 63, 17};
    const BranchOutputs out = branchOutputs(*model, ds, rows);
    ASSERT_EQ(out.invariant.rows, 4u);
    ASSERT_EQ(out.invariant.cols, 256u);
    ASSERT_EQ(out.specific.rows, 4u);
    ASSERT_EQ(out.specific.cols, 256u);
    EXPECT_NE(out.invariant.values, out.specific.values);
    // Row order is kept: asking for one row alone gives that row's outputs.
    const BranchOutputs one = branchOutputs(*model, ds, {63});
    for (std::size_t j = 0; j < 256; ++j) {
        EXPECT_NEAR(one.invariant.at(0, j), out.invariant.at(2, j), 1e-5);
        EXPECT_NEAR(one.specific.at(0, j), out.specific.at(2, j), 1e-5);
    }
    EXPECT_THROW(branchOutputs(*model, ds, {64}), std::out_of_range);
    const Dataset narrower = test::syntheticDataset(8, 5, 3);
    EXPECT_THROW(branchOutputs(*model, narrower, {0}), std::invalid_argument);
}

TEST(LearnedRepresentations, NotAvailableAnswersAreEmpty) {
    const Dataset ds = test::syntheticDataset(64, 6, 3);
    const auto mlp = trained("mlp-latlon", ds);
    const double lon = 10, lat = 50;
    EXPECT_TRUE(learnedLocationEncoding(*mlp, &lon, &lat, 1).empty());
    EXPECT_TRUE(branchOutputs(*mlp, ds, {0, 1}).empty());
    const auto pe = trained("mlp-learned-pe", ds);
    EXPECT_EQ(learnedLocationEncoding(*pe, &lon, &lat, 1).cols, 128u);
    EXPECT_TRUE(branchOutputs(*pe, ds, {0, 1}).empty());
    const auto forest = createModel("random-forest");
    EXPECT_TRUE(learnedLocationEncoding(*forest, &lon, &lat, 1).empty());
    EXPECT_TRUE(branchOutputs(*forest, ds, {0}).empty());
}

}  // namespace
}  // namespace bridgelc
