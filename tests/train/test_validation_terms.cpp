// The validation pass measures the training loss's own terms (land cover, region, contrastive, total) on the
// validation rows, checked against a computation written out here on the same weights, and measuring them
// leaves training untouched.
#include <gtest/gtest.h>

#include <vector>

#include "core/nn/torch_supcon.h"
#include "core/train/torch_trainer.h"

namespace bridgelc {
namespace {

constexpr std::int64_t kClasses = 3, kRegions = 2, kFeatures = 6;

/// Points whose features shift with their class and region, so every head can learn something.
TensorData points(std::int64_t n, std::uint64_t seed) {
    torch::manual_seed(seed);
    TensorData t;
    t.labels = torch::randint(kClasses, {n}, torch::kLong);
    t.regions = torch::randint(kRegions, {n}, torch::kLong);
    t.features = torch::randn({n, kFeatures}) + t.labels.unsqueeze(1).to(torch::kFloat) -
                 0.5 * t.regions.unsqueeze(1).to(torch::kFloat);
    return t;
}

TrainingSettings settings() {
    TrainingSettings s;
    s.epochs = 3;
    s.batchSize = 32;
    s.learningRate = 1e-3;
    s.earlyStopping = false;
    s.contrastiveWeight = 0.5;  // lambda must scale the contrastive term inside the total
    s.seed = 7;
    return s;
}

NetworkShape shape() {
    NetworkShape shape;
    shape.features = kFeatures;
    shape.classes = kClasses;
    shape.regions = kRegions;
    shape.hidden = 32;
    shape.layers = 2;
    return shape;
}

struct Recorder : TrainingObserver {
    void onEpoch(const EpochReport& r) override { epochs.push_back(r); }
    std::vector<EpochReport> epochs;
};

/// Mean over rows of w_y * -log softmax(logits)_y, divided by the mean weight (PyTorch's weighted mean).
double crossEntropy(const torch::Tensor& logits, const torch::Tensor& labels,
                    const std::vector<float>& weights) {
    const torch::Tensor logp = torch::log_softmax(logits.to(torch::kDouble), 1);
    const auto y = labels.accessor<std::int64_t, 1>();
    const auto l = logp.accessor<double, 2>();
    double sum = 0, weightSum = 0;
    for (std::int64_t i = 0; i < labels.size(0); ++i) {
        const double w = weights.empty() ? 1.0 : weights[static_cast<std::size_t>(y[i])];
        sum -= w * l[i][y[i]];
        weightSum += w;
    }
    return sum / weightSum;
}

TEST(ValidationTerms, EqualTheTrainingLossDefinitionOnTheEpochsWeights) {
    const TrainingSettings s = settings();
    const TensorData train = points(512, 1), validation = points(200, 2);
    const std::vector<double> classWeights{0.5, 1.0, 2.0};
    const std::vector<float> weights(classWeights.begin(), classWeights.end());
    torch::manual_seed(3);
    LandCoverNet net(shape());
    Recorder observer;
    struct Expected {
        double landCover, region, contrastive;
    };
    std::vector<Expected> expected;
    auto measure = [&] {
        torch::NoGradGuard noGrad;
        net->eval();
        const TensorData rows = TorchTrainer::shuffled(validation, s.seed);
        const NetworkOutput out = net->forward(rows.features, rows.encoding);
        double contrastive = 0;
        int batches = 0;
        for (std::int64_t b = 0; b + s.batchSize <= rows.size(); b += s.batchSize, ++batches)
            contrastive += disentanglementContrastiveLoss(
                               out.invariant.narrow(0, b, s.batchSize),
                               out.specific.narrow(0, b, s.batchSize), rows.labels.narrow(0, b, s.batchSize),
                               rows.regions.narrow(0, b, s.batchSize), kClasses, s.contrastiveTemperature)
                               .item<double>();
        expected.push_back({crossEntropy(out.logits, rows.labels, weights),
                            crossEntropy(out.regionLogits, rows.regions, {}), contrastive / batches});
    };
    TorchTrainer trainer(s, observer);
    bool hasWeights = false;
    const FitResult fit = trainer.train(net, train, validation, classWeights, true, hasWeights, measure);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    ASSERT_EQ(observer.epochs.size(), 3u);
    ASSERT_EQ(expected.size(), 3u);
    for (std::size_t e = 0; e < expected.size(); ++e) {
        const EpochReport& r = observer.epochs[e];
        EXPECT_NEAR(r.validationLoss, expected[e].landCover, 1e-5) << "epoch " << e + 1;
        EXPECT_NEAR(r.validationRegionLoss, expected[e].region, 1e-5) << "epoch " << e + 1;
        EXPECT_NEAR(r.validationContrastiveLoss, expected[e].contrastive, 1e-5) << "epoch " << e + 1;
        EXPECT_NEAR(r.validationTotalLoss,
                    expected[e].landCover + expected[e].region + 0.5 * expected[e].contrastive, 1e-5);
        EXPECT_GT(r.validationRegionLoss, 0);
        EXPECT_GT(r.validationContrastiveLoss, 0);
        // Same definitions on both sides: the validation total is of the train total's size, unlike the
        // land-cover term alone (the mismatch the curves used to show).
        EXPECT_GT(r.validationTotalLoss, r.validationLoss + 0.5 * r.validationContrastiveLoss);
        EXPECT_LT(std::abs(r.validationTotalLoss - r.trainLoss), 0.5 * r.trainLoss) << "epoch " << e + 1;
    }
}

TEST(ValidationTerms, MeasuringThemLeavesTrainingUnchanged) {
    // The same run with and without the validation rows' regions: only the measured terms may differ.
    const TrainingSettings s = settings();
    const TensorData train = points(512, 1);
    TensorData withRegions = points(200, 2), withoutRegions = withRegions;
    withoutRegions.regions = torch::Tensor();
    std::vector<FitResult> fits;
    for (const TensorData* validation : {&withRegions, &withoutRegions}) {
        torch::manual_seed(3);
        LandCoverNet net(shape());
        Recorder observer;
        TorchTrainer trainer(s, observer);
        bool hasWeights = false;
        fits.push_back(trainer.train(net, train, *validation, {1.0, 1.0, 1.0}, true, hasWeights));
        ASSERT_EQ(fits.back().status, RunStatus::Completed) << fits.back().message;
    }
    ASSERT_EQ(fits[0].history.size(), fits[1].history.size());
    for (std::size_t e = 0; e < fits[0].history.size(); ++e) {
        const EpochReport &a = fits[0].history[e], &b = fits[1].history[e];
        EXPECT_EQ(a.trainLoss, b.trainLoss);
        EXPECT_EQ(a.contrastiveLoss, b.contrastiveLoss);
        EXPECT_EQ(a.validationWeightedF1, b.validationWeightedF1);
        EXPECT_NEAR(a.validationLoss, b.validationLoss, 1e-5);
        EXPECT_GT(a.validationRegionLoss, 0);
        EXPECT_EQ(b.validationRegionLoss, 0);  // not measurable without regions, and not made up
        EXPECT_EQ(b.validationContrastiveLoss, 0);
        EXPECT_NEAR(b.validationTotalLoss, b.validationLoss, 1e-12);
    }
}

TEST(ValidationTerms, WithoutSupConTheTotalHasNoContrastiveTerm) {
    const TrainingSettings s = settings();
    torch::manual_seed(3);
    LandCoverNet net(shape());
    Recorder observer;
    TorchTrainer trainer(s, observer);
    bool hasWeights = false;
    const FitResult fit =
        trainer.train(net, points(256, 1), points(100, 2), {1.0, 1.0, 1.0}, false, hasWeights);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    for (const EpochReport& r : fit.history) {
        EXPECT_EQ(r.contrastiveLoss, 0);
        EXPECT_EQ(r.validationContrastiveLoss, 0);
        EXPECT_NEAR(r.validationTotalLoss, r.validationLoss + r.validationRegionLoss, 1e-12);
    }
}

}  // namespace
}  // namespace bridgelc
