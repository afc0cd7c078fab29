// Presets, settings JSON, class weights and feature scaling statistics.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/model/feature_scaler.h"
#include "core/train/class_weights.h"
#include "core/train/training_settings.h"

namespace bridgelc {
namespace {

TEST(Settings, PaperPresetIsTheAuthorsSetup) {
    const TrainingSettings p = TrainingSettings::paper();
    EXPECT_EQ(p.preset, "paper");
    EXPECT_EQ(p.epochs, 500);
    EXPECT_EQ(p.batchSize, 128);
    EXPECT_DOUBLE_EQ(p.learningRate, 1e-4);
    EXPECT_TRUE(p.cosineSchedule);
    EXPECT_FALSE(p.earlyStopping);
    EXPECT_DOUBLE_EQ(p.emaMomentum, 0.95);
    EXPECT_DOUBLE_EQ(p.contrastiveTemperature, 0.07);
    EXPECT_EQ(p.classWeighting, ClassWeighting::InverseFrequency);  // the paper's "weighted" cross-entropy
    const TrainingSettings l = TrainingSettings::laptop();
    EXPECT_EQ(l.preset, "laptop");
    EXPECT_TRUE(l.earlyStopping);
    EXPECT_LT(l.epochs, p.epochs);
    EXPECT_EQ(l.threads, 1);
    EXPECT_EQ(l.classWeighting, ClassWeighting::None);  // chosen on validation, docs/results/README.md
}

TEST(Settings, JsonRoundTripKeepsEveryField) {
    TrainingSettings s = TrainingSettings::paper();
    s.classWeighting = ClassWeighting::None;
    s.scaling = FeatureScaling::ZScore;
    s.seed = 12345678901ULL;
    s.patience = 3;
    s.boostingRounds = 77;
    const nlohmann::json json = s;
    EXPECT_EQ(json["classWeighting"], "none");
    EXPECT_EQ(json["scaling"], "z-score");
    const TrainingSettings back = json.get<TrainingSettings>();
    EXPECT_EQ(nlohmann::json(back), json);
    EXPECT_EQ(back.seed, 12345678901ULL);
    EXPECT_EQ(back.classWeighting, ClassWeighting::None);
}

TEST(Settings, JsonWithUnknownEnumNamesTheValidOnes) {
    const nlohmann::json json = {{"classWeighting", "sqrt"}};
    try {
        json.get<TrainingSettings>();
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("none, inverse-frequency"), std::string::npos);
    }
    // Missing fields keep their defaults.
    EXPECT_EQ(nlohmann::json::object().get<TrainingSettings>().epochs, TrainingSettings().epochs);
}

TEST(ClassWeights, InverseFrequencyNormalisedToMeanOneOverPresentClasses) {
    const std::vector<int> labels = {0, 1, 1, 1, 3, 3};  // counts 1, 3, 0, 2
    const auto w = classWeights(labels, 4, ClassWeighting::InverseFrequency);
    // raw 1, 1/3, -, 1/2; sum 11/6; three present classes -> factor 3 / (11/6) = 18/11
    EXPECT_NEAR(w[0], 18.0 / 11.0, 1e-12);
    EXPECT_NEAR(w[1], 6.0 / 11.0, 1e-12);
    EXPECT_EQ(w[2], 0.0);
    EXPECT_NEAR(w[3], 9.0 / 11.0, 1e-12);
    EXPECT_NEAR((w[0] + w[1] + w[3]) / 3, 1.0, 1e-12);
    EXPECT_EQ(classWeights(labels, 4, ClassWeighting::None), std::vector<double>(4, 1.0));
}

TEST(FeatureScaler, MinMaxFromTrainingRowsOnlyWithMeanImputation) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // 4 rows x 2 columns; rows 0..2 train, row 3 (an outlier) is not.
    const std::vector<float> data = {1, 10, 3, nan, 5, 30, 100, -100};
    const FeatureScaler s = FeatureScaler::fit(data.data(), 2, {0, 1, 2}, FeatureScaling::MinMax);
    EXPECT_EQ(s.missingCount(), 1u);
    EXPECT_DOUBLE_EQ(s.offset()[0], 1);
    EXPECT_DOUBLE_EQ(s.scale()[0], 1.0 / 4);
    EXPECT_DOUBLE_EQ(s.mean()[1], 20);
    std::vector<float> out(8);
    s.transform(data.data(), 4, out.data());
    EXPECT_FLOAT_EQ(out[0], 0);
    EXPECT_FLOAT_EQ(out[2], 0.5f);
    EXPECT_FLOAT_EQ(out[3], 0.5f);       // NaN -> mean 20 -> (20 - 10) / 20
    EXPECT_FLOAT_EQ(out[6], 99.0f / 4);  // outside the training range stays outside [0, 1]
    const FeatureScaler back = FeatureScaler::fromJson(s.toJson());
    std::vector<float> again(8);
    back.transform(data.data(), 4, again.data());
    EXPECT_EQ(out, again);
}

TEST(FeatureScaler, ZScoreAndConstantColumns) {
    const std::vector<float> data = {1, 7, 3, 7, 5, 7};
    const FeatureScaler s = FeatureScaler::fit(data.data(), 2, {0, 1, 2}, FeatureScaling::ZScore);
    const double sd = std::sqrt(8.0 / 3.0);
    std::vector<float> out(6);
    s.transform(data.data(), 3, out.data());
    EXPECT_NEAR(out[0], -2 / sd, 1e-6);
    EXPECT_NEAR(out[4], 2 / sd, 1e-6);
    EXPECT_EQ(out[1], 0.0f);  // constant column: no information, no division by zero
    EXPECT_THROW(FeatureScaler::fromJson({{"kind", "min-max"}}), std::runtime_error);
}

}  // namespace
}  // namespace bridgelc
