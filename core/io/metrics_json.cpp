#include "core/io/metrics_json.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "core/geo/regions.h"

namespace bridgelc {

namespace {

/// True when `item` is a whole number that T holds: nlohmann converts 1e45 to a count by a cast (undefined
/// behaviour) and -3 to a huge unsigned one.
template <typename T>
bool fitsInteger(const nlohmann::json& item) {
    if (item.is_number_unsigned())
        return item.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    if (!item.is_number_integer()) return false;
    const std::int64_t v = item.get<std::int64_t>();
    if constexpr (std::is_unsigned_v<T>)
        return v >= 0 && static_cast<std::uint64_t>(v) <= std::numeric_limits<T>::max();
    else
        return v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max();
}

template <typename T>
void read(const nlohmann::json& json, const char* key, T& value) {
    if (!json.contains(key) || json.at(key).is_null()) return;
    const nlohmann::json& item = json.at(key);
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
        if (!fitsInteger<T>(item))
            throw std::runtime_error(std::string("'") + key + "' is not a whole number from " +
                                     std::to_string(std::numeric_limits<T>::min()) + " to " +
                                     std::to_string(std::numeric_limits<T>::max()) + ": " + item.dump());
    item.get_to(value);
}

}  // namespace

void to_json(nlohmann::json& json, const ClassScores& s) {
    json = {{"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}, {"support", s.support}};
}

void from_json(const nlohmann::json& json, ClassScores& s) {
    read(json, "precision", s.precision);
    read(json, "recall", s.recall);
    read(json, "f1", s.f1);
    read(json, "support", s.support);
}

void to_json(nlohmann::json& json, const Metrics& m) {
    json = {{"points", m.points},         {"overallAccuracy", m.overallAccuracy},
            {"kappa", m.kappa},           {"macroF1", m.macroF1},
            {"weightedF1", m.weightedF1}, {"balancedAccuracy", m.balancedAccuracy},
            {"perClass", m.perClass}};
}

void from_json(const nlohmann::json& json, Metrics& m) {
    read(json, "points", m.points);
    read(json, "overallAccuracy", m.overallAccuracy);
    read(json, "kappa", m.kappa);
    read(json, "macroF1", m.macroF1);
    read(json, "weightedF1", m.weightedF1);
    read(json, "balancedAccuracy", m.balancedAccuracy);
    read(json, "perClass", m.perClass);
}

void to_json(nlohmann::json& json, const EpochReport& r) {
    json = {{"epoch", r.epoch},
            {"epochs", r.epochs},
            {"trainLoss", r.trainLoss},
            {"landCoverLoss", r.landCoverLoss},
            {"regionLoss", r.regionLoss},
            {"contrastiveLoss", r.contrastiveLoss},
            {"validationLoss", r.validationLoss},
            {"trainAccuracy", r.trainAccuracy},
            {"validationAccuracy", r.validationAccuracy},
            {"validationMacroF1", r.validationMacroF1},
            {"validationWeightedF1", r.validationWeightedF1},
            {"learningRate", r.learningRate},
            {"samplesPerSecond", r.samplesPerSecond},
            {"elapsedSeconds", r.elapsedSeconds},
            {"improved", r.improved},
            {"unit", iterationUnitName(r.unit, false)},
            {"validationTotalLoss", r.validationTotalLoss},
            {"validationRegionLoss", r.validationRegionLoss},
            {"validationContrastiveLoss", r.validationContrastiveLoss}};
}

void from_json(const nlohmann::json& json, EpochReport& r) {
    read(json, "epoch", r.epoch);
    read(json, "epochs", r.epochs);
    read(json, "trainLoss", r.trainLoss);
    read(json, "landCoverLoss", r.landCoverLoss);
    read(json, "regionLoss", r.regionLoss);
    read(json, "contrastiveLoss", r.contrastiveLoss);
    read(json, "validationLoss", r.validationLoss);
    read(json, "trainAccuracy", r.trainAccuracy);
    read(json, "validationAccuracy", r.validationAccuracy);
    read(json, "validationMacroF1", r.validationMacroF1);
    read(json, "validationWeightedF1", r.validationWeightedF1);
    read(json, "learningRate", r.learningRate);
    read(json, "samplesPerSecond", r.samplesPerSecond);
    read(json, "elapsedSeconds", r.elapsedSeconds);
    read(json, "improved", r.improved);
    read(json, "validationTotalLoss", r.validationTotalLoss);
    read(json, "validationRegionLoss", r.validationRegionLoss);
    read(json, "validationContrastiveLoss", r.validationContrastiveLoss);
    const std::string unit = json.value("unit", "");
    for (IterationUnit candidate : {IterationUnit::Epoch, IterationUnit::Tree, IterationUnit::BoostingRound})
        if (unit == iterationUnitName(candidate, false)) r.unit = candidate;
}

nlohmann::json metricsToJson(const Metrics& metrics, const std::vector<std::string>& classNames) {
    nlohmann::json json = metrics;
    for (std::size_t c = 0; c < metrics.perClass.size(); ++c)
        json["perClass"][c]["class"] = c < classNames.size() ? classNames[c] : std::to_string(c);
    return json;
}

nlohmann::json confusionToJson(const ConfusionMatrix& confusion) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t t = 0; t < confusion.classes(); ++t) {
        nlohmann::json row = nlohmann::json::array();
        for (std::size_t p = 0; p < confusion.classes(); ++p)
            row.push_back(confusion.at(t, p));
        rows.push_back(std::move(row));
    }
    return rows;
}

ConfusionMatrix confusionFromJson(const nlohmann::json& json) {
    if (!json.is_array()) throw std::runtime_error("confusion matrix: expected an array of rows");
    ConfusionMatrix confusion(json.size());
    for (std::size_t t = 0; t < json.size(); ++t) {
        if (!json[t].is_array() || json[t].size() != json.size())
            throw std::runtime_error("confusion matrix: row " + std::to_string(t + 1) + " does not have " +
                                     std::to_string(json.size()) + " counts");
        for (std::size_t p = 0; p < json.size(); ++p)
            confusion.add(static_cast<int>(t), static_cast<int>(p), json[t][p].get<std::size_t>());
    }
    return confusion;
}

nlohmann::json perRegionToJson(const std::vector<Metrics>& perRegion,
                               const std::vector<std::string>& classNames) {
    nlohmann::json json = nlohmann::json::object();
    const auto& regions = biogeographicalRegions();
    for (std::size_t r = 0; r < perRegion.size() && r < regions.size(); ++r)
        if (perRegion[r].points > 0) json[regions[r].code] = metricsToJson(perRegion[r], classNames);
    return json;
}

std::vector<std::string> warningsFromJson(const nlohmann::json& metrics) {
    std::vector<std::string> warnings;
    if (!metrics.is_object() || !metrics.contains(kWarningsKey) || !metrics.at(kWarningsKey).is_array())
        return warnings;
    for (const nlohmann::json& entry : metrics.at(kWarningsKey))
        if (entry.is_string()) warnings.push_back(entry.get<std::string>());
    return warnings;
}

std::vector<std::string> readRunWarnings(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path file = fs::is_directory(path, error) ? fs::path(path) / "metrics.json" : fs::path(path);
    if (!fs::exists(file, error)) return {};
    std::ifstream in(file, std::ios::binary);
    if (!in.is_open()) throw std::runtime_error(file.string() + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json metrics = nlohmann::json::parse(text.str(), nullptr, false);
    if (metrics.is_discarded()) throw std::runtime_error(file.string() + ": not valid JSON");
    return warningsFromJson(metrics);
}

}  // namespace bridgelc
