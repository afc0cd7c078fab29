#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/train/training_settings.h"

namespace bridgelc {

/// The value of one training setting, of the type its field holds.
using SettingValue = std::variant<bool, int, std::uint64_t, double, std::string>;

/// One hyper-parameter of TrainingSettings, described once for every place that stores or edits it: the JSON
/// saved with runs and checkpoints, the desktop application's QSettings and its settings dialog.
struct SettingField {
    const char* key;   ///< JSON and QSettings key, e.g. "learningRate"
    const char* help;  ///< one line, for tooltips
    SettingValue (*get)(const TrainingSettings&);
    /// Stores a value of the field's type; throws std::invalid_argument for a name outside `choices` and
    /// std::bad_variant_access for a value of another type.
    void (*set)(TrainingSettings&, const SettingValue&);
    double minimum = 0, maximum = 0;   ///< numbers: the range the dialog offers (both 0: none)
    std::vector<std::string> choices;  ///< text with a fixed set of values (class weighting, scaling)
};

/// Every field of TrainingSettings, in the order the struct declares them.
const std::vector<SettingField>& trainingSettingFields();
/// The field of `key`; throws std::invalid_argument for an unknown key.
const SettingField& trainingSettingField(const std::string& key);

}  // namespace bridgelc
