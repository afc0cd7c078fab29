#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/train/setting_fields.h"
#include "core/train/training_settings.h"

namespace bridgelc {

struct ModelInfo;

/// One training setting and the values an experiment tries for it, as `--tune` and `--sweep` give them:
/// "learningRate=1e-3,3e-4" (every model the setting affects) or "gradient-boosting:treeMaxDepth=4,8" (that
/// model only). Values are kept as text, exactly as given, so names and files show what the user typed.
struct SettingAxis {
    std::string model;  ///< empty: every model the setting affects
    std::string key;    ///< a TrainingSettings field (see setting_fields.h)
    std::vector<std::string> values;

    /// Parses and checks the text: the setting exists and may vary (not seed, threads or preset), each value
    /// has the field's type and range, no value repeats. Throws std::invalid_argument naming the problem.
    static SettingAxis parse(const std::string& text);
    bool affects(const std::string& modelName) const;
};

/// Setting key and value text pairs applied on top of the plan's settings.
using SettingAssignment = std::vector<std::pair<std::string, std::string>>;

/// Whether a setting changes how `model` trains (trees ignore the networks' settings and the other way
/// round; the region and contrastive weights matter only with a region branch).
bool settingAffectsModel(const std::string& key, const ModelInfo& model);

/// The typed value of `text` for the setting `key`; throws std::invalid_argument when it does not fit.
SettingValue parseSettingValue(const std::string& key, const std::string& text);

/// Sets every pair of `assignment` in `settings`.
void applySettings(TrainingSettings& settings, const SettingAssignment& assignment);

/// "learningRate=0.001, dropout=0.3"; "defaults" when empty.
std::string assignmentText(const SettingAssignment& assignment);

/// The candidate settings of `model`: every combination of the values of the axes that affect it (one empty
/// assignment when none does).
std::vector<SettingAssignment> tuningCandidates(const std::vector<SettingAxis>& axes,
                                                const std::string& model);

}  // namespace bridgelc
