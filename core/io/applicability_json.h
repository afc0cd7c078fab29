#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/aoa/area_of_applicability.h"

namespace bridgelc {

struct RunResult;

/// The "applicability" section of a run's metrics.json: whether the run has an area of applicability (else
/// why not), its threshold, d̄ and weight kind, the share of labelled test points outside it, the weighted
/// and macro F1 inside and outside, and the seconds it cost after training.
nlohmann::json applicabilityToJson(const RunResult& run, const std::vector<std::string>& classNames);

/// The area of applicability saved beside a checkpoint (the file its metadata names under "aoa", relative to
/// the checkpoint's folder). Null for a checkpoint saved without one: such a model predicts as before, with
/// "no AOA". Throws AoaError naming the file when it is named but missing or damaged.
std::shared_ptr<const AreaOfApplicability> loadCheckpointApplicability(const std::string& checkpointPath,
                                                                       const nlohmann::json& metadata);

}  // namespace bridgelc
