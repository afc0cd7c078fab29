#pragma once
#include <string>
#include <vector>

#include "core/train/training_settings.h"

namespace bridgelc {

/// A model of the registry together with the settings the experiments chose for it on validation, offered
/// by name in the app's settings dialog and by `--preset` on the command line.
struct ModelPreset {
    std::string name;         ///< e.g. "unseen-regions"
    std::string displayName;  ///< what the app's button says
    std::string model;        ///< a name of availableModels()
    TrainingSettings settings;
    std::string description;  ///< what it is for and the result it rests on (docs/results)
};

/// Every model preset, in the order the app shows them.
const std::vector<ModelPreset>& modelPresets();
/// The preset of that name, or null.
const ModelPreset* findModelPreset(const std::string& name);

}  // namespace bridgelc
