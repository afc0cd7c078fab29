#include "core/experiment/experiment_job.h"

#include <cctype>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/io/metrics_json.h"
#include "core/model/model_registry.h"

namespace bridgelc {

std::string ExperimentJob::variant() const {
    return weighting == ClassWeighting::None && !modelInfo(model).isTree ? model + "-unweighted" : model;
}

std::vector<ClassWeighting> weightingsForModel(const std::string& model,
                                               const std::vector<ClassWeighting>& compared) {
    if (compared.empty() || !modelInfo(model).isTree) return compared;
    return {compared.front()};
}

std::string ExperimentJob::key() const {
    std::string split;
    for (unsigned char c : splitName)
        split += (std::isalnum(c) || c == '-') ? static_cast<char>(c) : '_';
    return variant() + "__" + split + "__s" + std::to_string(seed);
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
    return {{"key", r.job.key()},
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
            {"applicability", applicability}};
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
        return r;
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("job result: ") + error.what());
    }
}

}  // namespace bridgelc
