#pragma once
// JSON forms of evaluation results and epoch reports, shared by the run store and the experiment runner.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/eval/metrics.h"
#include "core/train/training_observer.h"

namespace bridgelc {

/// nlohmann ADL hooks: `json j = metrics;` and `j.get<Metrics>()`. from_json keeps defaults of missing
/// fields.
void to_json(nlohmann::json& json, const ClassScores& scores);
void from_json(const nlohmann::json& json, ClassScores& scores);
void to_json(nlohmann::json& json, const Metrics& metrics);
void from_json(const nlohmann::json& json, Metrics& metrics);
void to_json(nlohmann::json& json, const EpochReport& report);
void from_json(const nlohmann::json& json, EpochReport& report);

/// Metrics with class names attached to the per-class scores ({"class": name, ...}), for files people read.
nlohmann::json metricsToJson(const Metrics& metrics, const std::vector<std::string>& classNames);

/// Rows of counts (true class by predicted class).
nlohmann::json confusionToJson(const ConfusionMatrix& confusion);
/// Inverse of confusionToJson; throws std::runtime_error when the rows are not a square table of counts.
ConfusionMatrix confusionFromJson(const nlohmann::json& json);

/// Per-region metrics as {"ATL": {...}, ...}, keeping only regions with points (indexed like
/// biogeographicalRegions()).
nlohmann::json perRegionToJson(const std::vector<Metrics>& perRegion,
                               const std::vector<std::string>& classNames);

/// Key of a run's metrics.json under which its warnings (RunResult::warnings: plain sentences) are saved.
inline constexpr const char* kWarningsKey = "warnings";
/// The warnings of a parsed metrics.json; empty when it has none (runs saved before warnings existed) or the
/// entry is not a list of strings (entries that are not strings are skipped).
std::vector<std::string> warningsFromJson(const nlohmann::json& metrics);
/// The warnings saved in a run's metrics.json; `path` is the file or its run directory. Empty when the run
/// has no metrics.json or it holds no warnings; throws std::runtime_error naming the file when it cannot be
/// read or parsed.
std::vector<std::string> readRunWarnings(const std::string& path);

}  // namespace bridgelc
