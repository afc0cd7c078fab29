#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/experiment/experiment_job.h"

namespace bridgelc {

struct ExperimentPlan;
struct ExperimentSummary;

/// Mean and spread of one score over repeats.
struct Aggregate {
    double mean = 0;
    double std = 0;  ///< sample standard deviation (n - 1); 0 when n < 2
    std::size_t n = 0;
};

/// The result tables of an experiment, in the paper's layout (rows models, columns scenarios), as Markdown,
/// CSV and JSON. Scores are aggregated as: EXTRAP — over seeds; BLOCKS — over seeds, each seed's value the
/// mean over its folds; LORO — over held-out regions, each region's value the mean over LORO seeds.
class ExperimentTables {
public:
    ExperimentTables(const ExperimentPlan& plan, const Dataset& data, std::string fingerprint);

    /// Writes results.md, results.csv and results.json into the plan's output directory (atomically) and
    /// returns their paths. Only succeeded results count in the tables; results.json keeps every job raw.
    std::vector<std::string> write(const std::vector<JobResult>& results,
                                   const ExperimentSummary& summary) const;

    std::string markdown(const std::vector<JobResult>& results, const ExperimentSummary& summary) const;
    /// `complete` false (jobs missing, failed or stopped) marks every row in a last column "complete", as
    /// results.md and results.json mark a partial experiment, so no format shows a partial mean as final.
    std::string csv(const std::vector<JobResult>& results, bool complete = true) const;

    /// Aggregate of `score` for one table cell; n == 0 when nothing finished.
    static Aggregate aggregate(const std::vector<JobResult>& results, const std::string& variant,
                               Scenario scenario, double (*score)(const Metrics&));

    /// Aggregate of any per-job value (jobs whose value is empty are left out), grouped like aggregate().
    static Aggregate aggregateJobs(const std::vector<JobResult>& results, const std::string& variant,
                                   Scenario scenario,
                                   const std::function<std::optional<double>(const JobResult&)>& value);

    /// Validation weighted F1 of the weights a job kept (its best epoch): the score settings are chosen by.
    static std::optional<double> keptValidationScore(const JobResult& r);

private:
    std::vector<std::string> variants() const;
    /// "MLP", or "MLP (unweighted CE)" when the plan compares class weightings.
    std::string rowName(const std::string& variant) const;
    std::string settingsLine() const;
    std::string computeLine(const std::vector<JobResult>& results,
                            const std::vector<std::string>& rows) const;

    const ExperimentPlan& m_plan;
    const Dataset& m_data;
    std::string m_fingerprint;
};

}  // namespace bridgelc
