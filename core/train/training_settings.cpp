#include "core/train/training_settings.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

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

void to_json(nlohmann::json& json, const TrainingSettings& s) {
    json = {{"preset", s.preset},
            {"epochs", s.epochs},
            {"batchSize", s.batchSize},
            {"learningRate", s.learningRate},
            {"weightDecay", s.weightDecay},
            {"cosineSchedule", s.cosineSchedule},
            {"earlyStopping", s.earlyStopping},
            {"patience", s.patience},
            {"emaMomentum", s.emaMomentum},
            {"contrastiveWeight", s.contrastiveWeight},
            {"contrastiveTemperature", s.contrastiveTemperature},
            {"classWeighting", classWeightingName(s.classWeighting)},
            {"scaling", featureScalingName(s.scaling)},
            {"threads", s.threads},
            {"seed", s.seed},
            {"trees", s.trees},
            {"treeMaxDepth", s.treeMaxDepth},
            {"boostingRounds", s.boostingRounds},
            {"boostingLearningRate", s.boostingLearningRate},
            {"boostingEarlyStoppingRounds", s.boostingEarlyStoppingRounds}};
}

void from_json(const nlohmann::json& json, TrainingSettings& s) {
    auto read = [&json](const char* key, auto& value) {
        if (json.contains(key)) json.at(key).get_to(value);
    };
    read("preset", s.preset);
    read("epochs", s.epochs);
    read("batchSize", s.batchSize);
    read("learningRate", s.learningRate);
    read("weightDecay", s.weightDecay);
    read("cosineSchedule", s.cosineSchedule);
    read("earlyStopping", s.earlyStopping);
    read("patience", s.patience);
    read("emaMomentum", s.emaMomentum);
    read("contrastiveWeight", s.contrastiveWeight);
    read("contrastiveTemperature", s.contrastiveTemperature);
    read("threads", s.threads);
    read("seed", s.seed);
    read("trees", s.trees);
    read("treeMaxDepth", s.treeMaxDepth);
    read("boostingRounds", s.boostingRounds);
    read("boostingLearningRate", s.boostingLearningRate);
    read("boostingEarlyStoppingRounds", s.boostingEarlyStoppingRounds);
    if (json.contains("classWeighting")) {
        const std::string name = json.at("classWeighting").get<std::string>();
        if (name == "none")
            s.classWeighting = ClassWeighting::None;
        else if (name == "inverse-frequency")
            s.classWeighting = ClassWeighting::InverseFrequency;
        else
            throw std::invalid_argument("unknown class weighting '" + name + "' (none, inverse-frequency)");
    }
    if (json.contains("scaling")) {
        const std::string name = json.at("scaling").get<std::string>();
        if (name == "min-max")
            s.scaling = FeatureScaling::MinMax;
        else if (name == "z-score")
            s.scaling = FeatureScaling::ZScore;
        else
            throw std::invalid_argument("unknown feature scaling '" + name + "' (min-max, z-score)");
    }
}

}  // namespace bridgelc
