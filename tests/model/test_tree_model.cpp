// Tree models (XGBoost): they learn separable clusters, keep NaN as missing, stop between blocks of trees.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

double accuracy(const Model& model, const Dataset& ds, std::int64_t begin, std::int64_t end) {
    const std::size_t d = ds.featureCount(), C = ds.classNames.size(),
                      n = static_cast<std::size_t>(end - begin);
    const auto p = model.predictProba(ds.row(begin), &ds.lon[begin], &ds.lat[begin], n);
    int correct = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const float* row = &p[i * C];
        if (std::max_element(row, row + C) - row == ds.label[begin + i]) ++correct;
    }
    (void)d;
    return static_cast<double>(correct) / n;
}

class TreeModels : public ::testing::TestWithParam<std::string> {};

TEST_P(TreeModels, LearnSeparableClustersAndReportBlocks) {
    const Dataset ds = test::syntheticDataset(900, 8, 4, 2.5);
    TrainingSettings settings;
    settings.trees = 30;
    settings.boostingRounds = 40;
    struct Epochs : TrainingObserver {
        int epochs = 0;
        void onEpoch(const EpochReport&) override { ++epochs; }
    } observer;
    auto model = createModel(GetParam());
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 600), test::rowRange(600, 750)}, settings, observer);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    EXPECT_GT(observer.epochs, 1);
    EXPECT_EQ(static_cast<int>(fit.history.size()), observer.epochs);
    EXPECT_GT(fit.history.back().validationWeightedF1, 0.8);
    EXPECT_GT(accuracy(*model, ds, 750, 900), 0.8);  // chance is 0.25
    EXPECT_GT(model->parameterCount(), 30u);
}

TEST_P(TreeModels, MissingValuesAreAcceptedAtTrainingAndPrediction) {
    Dataset ds = test::syntheticDataset(300, 5, 3);
    for (std::size_t i = 0; i < ds.features.size(); i += 7)
        ds.features[i] = std::numeric_limits<float>::quiet_NaN();
    TrainingSettings settings;
    settings.trees = 10;
    settings.boostingRounds = 10;
    TrainingObserver quiet;
    auto model = createModel(GetParam());
    ASSERT_EQ(model->fit(TrainingData{ds, test::rowRange(0, 200), {}}, settings, quiet).status,
              RunStatus::Completed);
    const auto p = model->predictProba(ds.row(200), &ds.lon[200], &ds.lat[200], 100);
    for (float v : p)
        EXPECT_TRUE(std::isfinite(v));
}

TEST_P(TreeModels, CancelBeforeTheFirstBlockLeavesNoModelAndSaysSo) {
    const Dataset ds = test::syntheticDataset(100, 4, 2);
    struct Cancelled : TrainingObserver {
        bool isCancelled() const override { return true; }
    } observer;
    auto model = createModel(GetParam());
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 100), {}}, TrainingSettings(), observer);
    EXPECT_EQ(fit.status, RunStatus::Stopped);
    EXPECT_FALSE(model->isTrained());
    EXPECT_NE(fit.message.find("stopped by the user"), std::string::npos) << fit.message;
}

TEST_P(TreeModels, SameSeedSameModel) {
    const Dataset ds = test::syntheticDataset(300, 6, 3, 1.0);
    TrainingSettings settings;
    settings.trees = 10;
    settings.boostingRounds = 15;
    TrainingObserver quiet;
    auto a = createModel(GetParam()), b = createModel(GetParam());
    a->fit(TrainingData{ds, test::rowRange(0, 200), test::rowRange(200, 250)}, settings, quiet);
    b->fit(TrainingData{ds, test::rowRange(0, 200), test::rowRange(200, 250)}, settings, quiet);
    EXPECT_EQ(a->predictProba(ds.row(250), &ds.lon[250], &ds.lat[250], 50),
              b->predictProba(ds.row(250), &ds.lon[250], &ds.lat[250], 50));
}

INSTANTIATE_TEST_SUITE_P(Kinds, TreeModels, ::testing::Values("random-forest", "gradient-boosting"));

TEST(GradientBoosting, EarlyStoppingKeepsTheBestRound) {
    // Pure noise labels: validation loss stops improving quickly.
    Dataset ds = test::syntheticDataset(400, 5, 2, 0.0);
    TrainingSettings settings;
    settings.boostingRounds = 300;
    settings.boostingEarlyStoppingRounds = 5;
    settings.boostingLearningRate = 0.5;
    TrainingObserver quiet;
    auto model = createModel("gradient-boosting");
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 300), test::rowRange(300, 400)}, settings, quiet);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    EXPECT_NE(fit.message.find("stopped early"), std::string::npos) << fit.message;
    EXPECT_LT(model->meta().network["boosterTrees"][0].get<int>(), 300);
}

}  // namespace
}  // namespace bridgelc
