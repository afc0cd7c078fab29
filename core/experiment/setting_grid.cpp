#include "core/experiment/setting_grid.h"

#include <cerrno>
#include <cstdlib>
#include <set>
#include <stdexcept>

#include "core/model/model_registry.h"

namespace bridgelc {
namespace {

const std::set<std::string>& forestSettings() {
    static const std::set<std::string> keys = {"trees", "treeMaxDepth"};
    return keys;
}
const std::set<std::string>& boostingSettings() {
    static const std::set<std::string> keys = {"treeMaxDepth", "boostingRounds", "boostingLearningRate",
                                               "boostingEarlyStoppingRounds", "earlyStopping"};
    return keys;
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    for (char c : text) {
        if (c == ',') {
            items.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    items.push_back(item);
    return items;
}

}  // namespace

bool settingAffectsModel(const std::string& key, const ModelInfo& model) {
    if (model.isTree)
        return model.name == "random-forest" ? forestSettings().count(key) > 0
                                             : boostingSettings().count(key) > 0;
    if (key == "earlyStopping") return true;
    if (forestSettings().count(key) || boostingSettings().count(key)) return false;
    if (key == "regionWeight" || key == "contrastiveWeight" || key == "contrastiveTemperature")
        return model.usesRegions;
    return true;
}

SettingValue parseSettingValue(const std::string& key, const std::string& text) {
    const SettingField& field = trainingSettingField(key);
    SettingValue value = field.get(TrainingSettings());
    const std::string what = "setting " + key + ": '" + text + "' is not ";
    const char* begin = text.c_str();
    char* end = nullptr;
    errno = 0;
    double number = 0;
    if (std::holds_alternative<bool>(value)) {
        if (text == "true" || text == "1")
            value = true;
        else if (text == "false" || text == "0")
            value = false;
        else
            throw std::invalid_argument(what + "true or false");
        return value;
    }
    if (std::holds_alternative<std::string>(value)) {
        TrainingSettings probe;
        field.set(probe, SettingValue(text));  // throws naming the choices
        return SettingValue(text);
    }
    if (std::holds_alternative<double>(value)) {
        number = std::strtod(begin, &end);
        if (text.empty() || *end != '\0' || errno == ERANGE) throw std::invalid_argument(what + "a number");
        value = number;
    } else {
        const long long whole = std::strtoll(begin, &end, 10);
        if (text.empty() || *end != '\0' || errno == ERANGE || whole < 0)
            throw std::invalid_argument(what + "a whole number of at least 0");
        number = static_cast<double>(whole);
        if (std::holds_alternative<int>(value))
            value = static_cast<int>(whole);
        else
            value = static_cast<std::uint64_t>(whole);
    }
    if ((field.minimum != 0 || field.maximum != 0) && (number < field.minimum || number > field.maximum))
        throw std::invalid_argument("setting " + key + ": " + text + " is outside " +
                                    std::to_string(field.minimum) + " to " + std::to_string(field.maximum));
    return value;
}

SettingAxis SettingAxis::parse(const std::string& text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
        throw std::invalid_argument("'" + text + "' is not NAME=v1,v2,... (e.g. learningRate=1e-3,3e-4)");
    SettingAxis axis;
    axis.key = text.substr(0, equals);
    if (const std::size_t colon = axis.key.find(':'); colon != std::string::npos) {
        axis.model = axis.key.substr(0, colon);
        axis.key = axis.key.substr(colon + 1);
        modelInfo(axis.model);  // throws listing the models
    }
    if (axis.key == "seed" || axis.key == "threads" || axis.key == "preset")
        throw std::invalid_argument("setting " + axis.key + " cannot vary within an experiment");
    trainingSettingField(axis.key);  // throws for an unknown setting
    std::set<std::string> seen;
    for (const std::string& value : splitList(text.substr(equals + 1))) {
        parseSettingValue(axis.key, value);
        if (!seen.insert(value).second)
            throw std::invalid_argument("setting " + axis.key + ": value " + value + " is given twice");
        axis.values.push_back(value);
    }
    return axis;
}

bool SettingAxis::affects(const std::string& modelName) const {
    if (!model.empty()) return model == modelName;
    return settingAffectsModel(key, modelInfo(modelName));
}

void applySettings(TrainingSettings& settings, const SettingAssignment& assignment) {
    for (const auto& [key, text] : assignment)
        trainingSettingField(key).set(settings, parseSettingValue(key, text));
}

std::string assignmentText(const SettingAssignment& assignment) {
    if (assignment.empty()) return "defaults";
    std::string text;
    for (const auto& [key, value] : assignment)
        text += (text.empty() ? "" : ", ") + key + "=" + value;
    return text;
}

std::vector<SettingAssignment> tuningCandidates(const std::vector<SettingAxis>& axes,
                                                const std::string& model) {
    std::vector<SettingAssignment> candidates = {{}};
    for (const SettingAxis& axis : axes) {
        if (!axis.affects(model)) continue;
        std::vector<SettingAssignment> next;
        for (const SettingAssignment& partial : candidates)
            for (const std::string& value : axis.values) {
                SettingAssignment grown = partial;
                grown.emplace_back(axis.key, value);
                next.push_back(std::move(grown));
            }
        candidates = std::move(next);
    }
    return candidates;
}

}  // namespace bridgelc
