#include "core/experiment/experiment_job.h"

#include <cctype>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/io/metrics_json.h"
#include "core/model/model_registry.h"

namespace bridgelc {

std::string ExperimentJob::variant() const {
    const std::string base =
        weighting == ClassWeighting::None && !modelInfo(model).isTree ? model + "-unweighted" : model;
    return sweepSetting.empty() ? base : base + "@" + sweepSetting + "=" + sweepValue;
}

namespace {

// Classes as space-separated numbers in one string: a job's JSON stays a few bytes per test point.
std::string classesText(const std::vector<int>& classes) {
    std::string text;
    text.reserve(classes.size() * 2);
    for (int c : classes) {
        if (!text.empty()) text += ' ';
        text += std::to_string(c);
    }
    return text;
}

std::vector<int> classesFromText(const std::string& text) {
    std::vector<int> classes;
    int value = 0;
    bool inNumber = false;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            inNumber = true;
        } else if (c == ' ') {
            if (inNumber) classes.push_back(value);
            value = 0;
            inNumber = false;
        } else {
            throw std::runtime_error(std::string("job result: unexpected '") + c + "' in test predictions");
        }
    }
    if (inNumber) classes.push_back(value);
    return classes;
}

}  // namespace

std::vector<ClassWeighting> weightingsForModel(const std::string& model,
                                               const std::vector<ClassWeighting>& compared) {
    if (compared.empty() || !modelInfo(model).isTree) return compared;
    return {compared.front()};
}

std::string ExperimentJob::key() const {
    auto fileSafe = [](const std::string& text) {
        std::string safe;
        for (unsigned char c : text)
            safe += (std::isalnum(c) || c == '-') ? static_cast<char>(c) : '_';
        return safe;
    };
    return fileSafe(variant()) + "__" + fileSafe(splitName) + "__s" + std::to_string(seed);
}

nlohmann::json jobResultToJson(const JobResult& r) {
    const auto& regions = biogeographicalRegions();
    const bool heldOut =
        r.job.heldOutRegion >= 0 && static_cast<std::size_t>(r.job.heldOutRegion) < regions.size();
    nlohmann::json history = nlohmann::json::array();
    for (const EpochReport& report : r.history)
        history.push_back(report);
    nlohmann::json applicability = {{"available", r.hasAoa}};
    if (r.hasAoa) {
        applicability["threshold"] = r.aoaThreshold;
        applicability["testInside"] = r.testInside;
        applicability["testOutside"] = r.testOutside;
        applicability["shareOutside"] = r.shareOutside();
        applicability["inside"] = metricsToJson(r.insideTest, r.classNames);
        applicability["outside"] = metricsToJson(r.outsideTest, r.classNames);
    }
    nlohmann::json validationCodes = nlohmann::json::array();
    for (int region : r.job.validationRegions)
        if (region >= 0 && static_cast<std::size_t>(region) < regions.size())
            validationCodes.push_back(regions[static_cast<std::size_t>(region)].code);
    nlohmann::json sweep = nlohmann::json::object();
    if (!r.job.sweepSetting.empty()) sweep = {{"setting", r.job.sweepSetting}, {"value", r.job.sweepValue}};
    nlohmann::json tuning = nlohmann::json::object();
    if (!r.tuning.empty()) {
        nlohmann::json trials = nlohmann::json::array();
        for (const TuningTrial& t : r.tuning)
            trials.push_back({{"settings", t.settings},
                              {"status", t.status},
                              {"validationWeightedF1", t.validationWeightedF1},
                              {"bestEpoch", t.bestEpoch},
                              {"trainSeconds", t.trainSeconds}});
        tuning = {{"chosen", r.chosenSettings}, {"candidates", trials}};
    }
    nlohmann::json predictions = nlohmann::json::object();
    if (!r.testTruth.empty())
        predictions = {{"truth", classesText(r.testTruth)}, {"predicted", classesText(r.testPredicted)}};
    nlohmann::json json = {
        {"key", r.job.key()},
        {"model", r.job.model},
        {"variant", r.job.variant()},
        {"classWeighting", classWeightingName(r.job.weighting)},
        {"scenario", r.job.scenario.name()},
        {"split", r.job.splitName},
        {"heldOutRegion", heldOut ? regions[static_cast<std::size_t>(r.job.heldOutRegion)].code : ""},
        {"seed", r.job.seed},
        {"status", r.status},
        {"message", r.message},
        {"classNames", r.classNames},
        {"test", metricsToJson(r.test, r.classNames)},
        {"perRegion", perRegionToJson(r.perRegion, r.classNames)},
        {"confusion", confusionToJson(r.confusion)},
        {"bestEpoch", r.bestEpoch},
        {"trainSeconds", r.trainSeconds},
        {"history", history},
        {"applicability", applicability},
        {"validationRegions", validationCodes},
        {"sweep", sweep},
        {"tuning", tuning},
        {"testPredictions", predictions}};
    if (!r.savedRun.empty()) json["savedRun"] = r.savedRun;
    return json;
}

JobResult jobResultFromJson(const nlohmann::json& json) {
    try {
        JobResult r;
        r.job.model = json.at("model").get<std::string>();
        r.job.weighting = json.value("classWeighting", "") == "none" ? ClassWeighting::None
                                                                     : ClassWeighting::InverseFrequency;
        r.job.scenario = json.at("scenario").get<std::string>();
        r.job.splitName = json.at("split").get<std::string>();
        r.job.heldOutRegion = regionIndex(json.value("heldOutRegion", ""));
        r.job.seed = json.at("seed").get<std::uint64_t>();
        r.status = json.at("status").get<std::string>();
        r.message = json.value("message", "");
        r.classNames = json.at("classNames").get<std::vector<std::string>>();
        r.test = json.at("test").get<Metrics>();
        const auto& regions = biogeographicalRegions();
        r.perRegion.assign(regions.size(), Metrics{});
        for (const auto& [code, metrics] : json.at("perRegion").items()) {
            const int index = regionIndex(code);
            if (index >= 0) r.perRegion[static_cast<std::size_t>(index)] = metrics.get<Metrics>();
        }
        r.confusion = confusionFromJson(json.at("confusion"));
        r.bestEpoch = json.value("bestEpoch", 0);
        r.trainSeconds = json.value("trainSeconds", 0.0);
        for (const auto& report : json.value("history", nlohmann::json::array()))
            r.history.push_back(report.get<EpochReport>());
        // Results saved before the area of applicability existed have no such section: no AOA, no numbers.
        const nlohmann::json applicability = json.value("applicability", nlohmann::json::object());
        r.hasAoa = applicability.value("available", false);
        if (r.hasAoa) {
            r.aoaThreshold = applicability.at("threshold").get<double>();
            r.testInside = applicability.at("testInside").get<std::size_t>();
            r.testOutside = applicability.at("testOutside").get<std::size_t>();
            r.insideTest = applicability.at("inside").get<Metrics>();
            r.outsideTest = applicability.at("outside").get<Metrics>();
        }
        for (const auto& code : json.value("validationRegions", nlohmann::json::array()))
            r.job.validationRegions.push_back(regionIndex(code.get<std::string>()));
        const nlohmann::json sweep = json.value("sweep", nlohmann::json::object());
        r.job.sweepSetting = sweep.value("setting", "");
        r.job.sweepValue = sweep.value("value", "");
        const nlohmann::json tuning = json.value("tuning", nlohmann::json::object());
        r.chosenSettings = tuning.value("chosen", "");
        for (const auto& trial : tuning.value("candidates", nlohmann::json::array()))
            r.tuning.push_back({trial.at("settings").get<std::string>(), trial.value("status", ""),
                                trial.value("validationWeightedF1", 0.0), trial.value("bestEpoch", 0),
                                trial.value("trainSeconds", 0.0)});
        const nlohmann::json predictions = json.value("testPredictions", nlohmann::json::object());
        r.testTruth = classesFromText(predictions.value("truth", ""));
        r.testPredicted = classesFromText(predictions.value("predicted", ""));
        r.savedRun = json.value("savedRun", "");
        if (r.testTruth.size() != r.testPredicted.size())
            throw std::runtime_error("job result: test predictions and truth differ in length");
        return r;
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("job result: ") + error.what());
    }
}

}  // namespace bridgelc
