#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/experiment_job.h"
#include "core/experiment/paired_bootstrap.h"

namespace bridgelc {

struct ExperimentPlan;

/// The sections of results.md that a fair comparison adds to the paper's tables: which regions validated
/// each LORO fold, which candidate settings validation chose, the paired bootstrap of every model against
/// the baseline model with the verdict, and one table per sweep.
class ProtocolTables {
public:
    /// `rowName` turns a variant ("mlp", "bridgelc@regionWeight=0.5") into the name a table shows.
    ProtocolTables(const ExperimentPlan& plan, std::size_t classes,
                   std::function<std::string(const std::string&)> rowName);

    std::string markdown(const std::vector<JobResult>& results) const;
    /// The bootstrap comparisons as results.json stores them (empty array without a baseline).
    nlohmann::json bootstrapJson(const std::vector<JobResult>& results) const;

    /// One model variant against the baseline over the LORO folds both have test predictions for.
    struct Comparison {
        std::string variant;
        std::vector<int> regions;  ///< held-out region of each fold, in region order
        BootstrapComparison bootstrap;
    };
    std::vector<Comparison> comparisons(const std::vector<JobResult>& results) const;

private:
    std::string validationSection(const std::vector<JobResult>& results) const;
    std::string tuningSection(const std::vector<JobResult>& results) const;
    std::string bootstrapSection(const std::vector<JobResult>& results) const;
    std::string sweepSections(const std::vector<JobResult>& results) const;
    std::string baselineVariant() const;

    const ExperimentPlan& m_plan;
    std::size_t m_classes;
    std::function<std::string(const std::string&)> m_rowName;
};

}  // namespace bridgelc
