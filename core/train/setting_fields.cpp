#include "core/train/setting_fields.h"

#include <stdexcept>

namespace bridgelc {
namespace {

// A field of plain type T stored in TrainingSettings::member.
#define BRIDGELC_SETTING(member, T, help, minimum, maximum)                                                  \
    SettingField {                                                                                           \
#member, help,                                                                                       \
            [](const TrainingSettings& s)                                                                    \
                 -> SettingValue { return T(s.member); }, [](TrainingSettings & s,                           \
                                                             const SettingValue&                             \
                                                                 v) { s.member = std::get<T>(v); }, minimum, \
                                                                                                 maximum, {} \
    }

ClassWeighting classWeightingFromName(const std::string& name) {
    if (name == classWeightingName(ClassWeighting::None)) return ClassWeighting::None;
    if (name == classWeightingName(ClassWeighting::InverseFrequency)) return ClassWeighting::InverseFrequency;
    throw std::invalid_argument("unknown class weighting '" + name + "' (none, inverse-frequency)");
}

FeatureScaling featureScalingFromName(const std::string& name) {
    if (name == featureScalingName(FeatureScaling::MinMax)) return FeatureScaling::MinMax;
    if (name == featureScalingName(FeatureScaling::ZScore)) return FeatureScaling::ZScore;
    throw std::invalid_argument("unknown feature scaling '" + name + "' (min-max, z-score)");
}

}  // namespace

const std::vector<SettingField>& trainingSettingFields() {
    static const std::vector<SettingField> fields = {
        BRIDGELC_SETTING(preset, std::string, "The preset the values started from: laptop or paper", 0, 0),
        BRIDGELC_SETTING(epochs, int, "Planned epochs (the paper: 500)", 1, 100000),
        BRIDGELC_SETTING(batchSize, int, "Mini-batch size; SupCon cost grows with its square", 2, 65536),
        BRIDGELC_SETTING(learningRate, double, "AdamW learning rate (the paper: 1e-4)", 1e-7, 1.0),
        BRIDGELC_SETTING(weightDecay, double, "AdamW weight decay", 0.0, 1.0),
        BRIDGELC_SETTING(cosineSchedule, bool, "Cosine annealing to 0 over the epochs", 0, 0),
        BRIDGELC_SETTING(earlyStopping, bool, "Stop early on validation weighted F1", 0, 0),
        BRIDGELC_SETTING(patience, int, "Epochs without improvement before stopping", 1, 10000),
        BRIDGELC_SETTING(emaMomentum, double,
                         "Exponential moving average of the weights from half-way; 0 = off", 0.0, 0.9999),
        BRIDGELC_SETTING(contrastiveWeight, double, "λ: weight of the supervised contrastive loss", 0.0,
                         100.0),
        BRIDGELC_SETTING(contrastiveTemperature, double, "SupCon temperature (the paper: 0.07)", 0.001, 10.0),
        SettingField{
            "classWeighting",
            "How cross-entropy weights the classes",
            [](const TrainingSettings& s) -> SettingValue {
                return std::string(classWeightingName(s.classWeighting));
            },
            [](TrainingSettings& s, const SettingValue& v) {
                s.classWeighting = classWeightingFromName(std::get<std::string>(v));
            },
            0,
            0,
            {classWeightingName(ClassWeighting::None), classWeightingName(ClassWeighting::InverseFrequency)}},
        SettingField{
            "scaling",
            "How spectral features are scaled with training statistics",
            [](const TrainingSettings& s) -> SettingValue {
                return std::string(featureScalingName(s.scaling));
            },
            [](TrainingSettings& s, const SettingValue& v) {
                s.scaling = featureScalingFromName(std::get<std::string>(v));
            },
            0,
            0,
            {featureScalingName(FeatureScaling::MinMax), featureScalingName(FeatureScaling::ZScore)}},
        BRIDGELC_SETTING(threads, int,
                         "OpenBLAS threads for training; one leaves a core free so the window stays smooth, "
                         "more train faster",
                         1, 64),
        BRIDGELC_SETTING(seed, std::uint64_t, "Seed of the split, the initial weights and the batch order", 0,
                         2147483647),
        BRIDGELC_SETTING(trees, int, "Random forest: number of trees (the paper: 130)", 1, 100000),
        BRIDGELC_SETTING(treeMaxDepth, int, "Maximum tree depth; 0 = unlimited (forest) or library default",
                         0, 1000),
        BRIDGELC_SETTING(boostingRounds, int, "Gradient boosting: maximum rounds", 1, 100000),
        BRIDGELC_SETTING(boostingLearningRate, double, "Gradient boosting: learning rate (eta)", 0.001, 1.0),
        BRIDGELC_SETTING(boostingEarlyStoppingRounds, int,
                         "Gradient boosting: rounds without a better validation loss before stopping (with "
                         "early stopping on)",
                         1, 10000),
        BRIDGELC_SETTING(landCoverWeight, double, "Weight of the land-cover cross-entropy in the loss", 0.0,
                         100.0),
        BRIDGELC_SETTING(regionWeight, double, "Weight of the region cross-entropy in the loss", 0.0, 100.0),
        BRIDGELC_SETTING(dropout, double, "Dropout of every hidden layer of the neural models", 0.0, 0.95),
        BRIDGELC_SETTING(hidden, int, "Width of every hidden layer of the neural models", 1, 65536),
        BRIDGELC_SETTING(layers, int, "Hidden layers per branch of the neural models", 1, 64),
        BRIDGELC_SETTING(locationDropout, double,
                         "Location dropout by region: chance per mini-batch that one training region of the "
                         "batch loses its location input; 0 = off (or the model's own default)",
                         0.0, 1.0),
        BRIDGELC_SETTING(
            adversarialWeight, double,
            "Region adversary: λ of the gradient reversal that makes the region-invariant branch "
            "hide the region; 0 = no adversary (or the model's own default)",
            0.0, 100.0),
    };
    return fields;
}

#undef BRIDGELC_SETTING

const SettingField& trainingSettingField(const std::string& key) {
    for (const SettingField& field : trainingSettingFields())
        if (key == field.key) return field;
    throw std::invalid_argument("unknown training setting '" + key + "'");
}

}  // namespace bridgelc
