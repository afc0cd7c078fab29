#include "core/io/applicability_json.h"

#include <filesystem>

#include "core/io/metrics_json.h"
#include "core/run/training_run.h"

namespace bridgelc {

nlohmann::json applicabilityToJson(const RunResult& run, const std::vector<std::string>& classNames) {
    if (!run.aoa)
        return {{"available", false}, {"message", run.aoaMessage.empty() ? "no AOA" : run.aoaMessage}};
    const ApplicabilityScores& scores = run.testApplicability;
    return {{"available", true},
            {"file", kAoaFileName},
            {"threshold", run.aoa->threshold()},
            {"meanDistance", run.aoa->meanDistance()},
            {"weightKind", run.aoa->importance().kind},
            {"seconds", run.aoaSeconds},
            {"trainSeconds", run.trainSeconds},
            {"testInside", scores.inside},
            {"testOutside", scores.outside},
            {"shareOutside", scores.shareOutside()},
            {"inside", metricsToJson(scores.insideMetrics, classNames)},
            {"outside", metricsToJson(scores.outsideMetrics, classNames)}};
}

std::shared_ptr<const AreaOfApplicability> loadCheckpointApplicability(const std::string& checkpointPath,
                                                                       const nlohmann::json& metadata) {
    if (!metadata.is_object() || !metadata.contains("aoa")) return nullptr;
    const nlohmann::json& name = metadata["aoa"];
    if (!name.is_string() || name.get<std::string>().empty() ||
        name.get<std::string>().find('/') != std::string::npos)
        throw AoaError("checkpoint '" + checkpointPath + "' names its area of applicability file wrongly");
    const auto path = std::filesystem::path(checkpointPath).parent_path() / name.get<std::string>();
    return AreaOfApplicability::load(path.string());
}

}  // namespace bridgelc
