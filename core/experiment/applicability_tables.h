#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/experiment/experiment_job.h"
#include "core/experiment/experiment_tables.h"

namespace bridgelc {

/// One table cell of the area of applicability: the share of test points outside it and weighted F1 of the
/// test points inside and outside, each aggregated like the score tables (over seeds, or over held-out
/// regions for LORO). Jobs without an area of applicability, or without points on one side, add nothing to
/// that value.
struct ApplicabilityCell {
    Aggregate shareOutside, f1Inside, f1Outside;

    /// Cell of a model variant and scenario.
    static ApplicabilityCell of(const std::vector<JobResult>& results, const std::string& variant,
                                Scenario scenario);
    /// Cell of one LORO held-out region (the mean over LORO seeds).
    static ApplicabilityCell ofRegion(const std::vector<JobResult>& results, const std::string& variant,
                                      int region);

    nlohmann::json toJson() const;
    /// ",share_outside_mean,share_outside_std,...": the CSV header part of csvCells().
    static std::string csvHeader();
    std::string csvCells() const;
};

/// The results.md sections of the area of applicability: per model and scenario, and per LORO held-out
/// region. `rowNames` are the table's row names of `variants`, in the same order.
std::string applicabilityMarkdown(const std::vector<JobResult>& results,
                                  const std::vector<std::string>& variants,
                                  const std::vector<std::string>& rowNames,
                                  const std::vector<std::string>& scenarios,
                                  const std::vector<int>& loroRegions);

}  // namespace bridgelc
