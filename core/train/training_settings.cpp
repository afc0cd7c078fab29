#include "core/train/training_settings.h"

#include <nlohmann/json.hpp>
#include <variant>

#include "core/train/setting_fields.h"

namespace bridgelc {

TrainingSettings TrainingSettings::paper() {
    TrainingSettings s;
    s.preset = "paper";
    s.epochs = 500;
    s.batchSize = 128;
    s.learningRate = 1e-4;
    s.weightDecay = 1e-2;
    s.cosineSchedule = true;
    s.earlyStopping = false;
    s.emaMomentum = 0.95;
    s.contrastiveWeight = 1.0;
    s.contrastiveTemperature = 0.07;
    s.classWeighting = ClassWeighting::InverseFrequency;
    return s;
}

TrainingSettings TrainingSettings::laptop() {
    TrainingSettings s;
    s.preset = "laptop";
    return s;  // the member defaults are the laptop preset
}

const char* classWeightingName(ClassWeighting weighting) {
    return weighting == ClassWeighting::None ? "none" : "inverse-frequency";
}

const char* featureScalingName(FeatureScaling scaling) {
    return scaling == FeatureScaling::MinMax ? "min-max" : "z-score";
}

// Both directions walk the one field table, so a new setting is saved, restored and shown everywhere at once.
void to_json(nlohmann::json& json, const TrainingSettings& s) {
    json = nlohmann::json::object();
    for (const SettingField& field : trainingSettingFields())
        std::visit([&](const auto& value) { json[field.key] = value; }, field.get(s));
}

void from_json(const nlohmann::json& json, TrainingSettings& s) {
    for (const SettingField& field : trainingSettingFields()) {
        if (!json.contains(field.key)) continue;
        SettingValue value = field.get(s);  // the default gives the type to read
        std::visit([&](auto& typed) { json.at(field.key).get_to(typed); }, value);
        field.set(s, value);
    }
}

}  // namespace bridgelc
