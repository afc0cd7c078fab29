#include "core/experiment/protocol_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "core/experiment/experiment_runner.h"
#include "core/experiment/experiment_tables.h"
#include "core/geo/regions.h"

namespace bridgelc {
namespace {

const std::string& regionCode(int region) {
    return biogeographicalRegions()[static_cast<std::size_t>(region)].code;
}

std::string signedPoints(double fraction) {
    return fmt::format("{:+.2f}", 100 * fraction);
}

std::string interval(const BootstrapGain& gain) {
    return fmt::format("{} [{}, {}]", signedPoints(gain.gain), signedPoints(gain.low),
                       signedPoints(gain.high));
}

std::string percentCell(const Aggregate& a) {
    if (a.n == 0) return "–";
    if (a.n == 1) return fmt::format("{:.2f}", 100 * a.mean);
    return fmt::format("{:.2f} ± {:.2f}", 100 * a.mean, 100 * a.std);
}

double weightedF1Score(const Metrics& m) {
    return m.weightedF1;
}

}  // namespace

ProtocolTables::ProtocolTables(const ExperimentPlan& plan, std::size_t classes,
                               std::function<std::string(const std::string&)> rowName)
    : m_plan(plan), m_classes(classes), m_rowName(std::move(rowName)) {}

std::string ProtocolTables::baselineVariant() const {
    for (const ExperimentJob& job : planVariants(m_plan))
        if (job.model == m_plan.baselineModel && job.sweepSetting.empty()) return job.variant();
    return {};
}

std::vector<ProtocolTables::Comparison> ProtocolTables::comparisons(
    const std::vector<JobResult>& results) const {
    std::vector<Comparison> list;
    const std::string baseline = baselineVariant();
    if (baseline.empty()) return list;
    // Runs with test predictions, by variant and held-out region.
    std::map<std::string, std::map<int, std::vector<SeedPredictions>>> runs;
    for (const JobResult& r : results)
        if (r.succeeded() && r.job.scenario == Scenario::Loro && r.job.heldOutRegion >= 0 &&
            !r.testTruth.empty())
            runs[r.job.variant()][r.job.heldOutRegion].push_back({r.job.seed, r.testTruth, r.testPredicted});
    const auto& reference = runs[baseline];
    for (const ExperimentJob& job : planVariants(m_plan)) {
        const std::string variant = job.variant();
        if (variant == baseline || !runs.count(variant)) continue;
        Comparison comparison;
        comparison.variant = variant;
        std::vector<std::vector<SeedPredictions>> model, base;
        for (const auto& [region, seeds] : runs[variant]) {
            const auto other = reference.find(region);
            if (other == reference.end()) continue;
            std::set<std::uint64_t> paired;
            for (const SeedPredictions& s : seeds)
                for (const SeedPredictions& b : other->second)
                    if (s.seed == b.seed) paired.insert(s.seed);
            if (paired.empty()) continue;
            comparison.regions.push_back(region);
            model.push_back(seeds);
            base.push_back(other->second);
        }
        if (comparison.regions.empty()) continue;
        try {
            comparison.bootstrap =
                pairedBootstrap(model, base, m_classes, m_plan.bootstrapSamples, m_plan.bootstrapSeed);
        } catch (const std::invalid_argument&) {
            continue;  // runs of one fold tested on other points (another dataset): not comparable
        }
        list.push_back(std::move(comparison));
    }
    return list;
}

std::string ProtocolTables::validationSection(const std::vector<JobResult>& results) const {
    if (m_plan.validationRegions <= 0) return {};
    std::map<std::pair<int, std::uint64_t>, std::vector<int>> folds;
    for (const JobResult& r : results)
        if (r.job.scenario == Scenario::Loro && r.job.heldOutRegion >= 0)
            folds[{r.job.heldOutRegion, r.job.seed}] = r.job.validationRegions;
    std::string md = fmt::format(
        "\n## LORO validation: held-out training regions\n\nEvery choice (early stopping, kept epoch, "
        "candidate settings) of a LORO fold was made on {} whole training region(s) with at least {} points, "
        "rotating with the seed; the test region never validated and the validation regions were not trained "
        "on.\n\n| Test region | Seed | Validation regions |\n|:--|--:|:--|\n",
        m_plan.validationRegions, m_plan.validationMinPoints);
    for (const auto& [fold, regions] : folds) {
        std::string codes;
        for (int region : regions)
            codes += (codes.empty() ? "" : ", ") + regionCode(region);
        md += fmt::format("| {} | {} | {} |\n", regionCode(fold.first), fold.second, codes);
    }
    return md;
}

std::string ProtocolTables::tuningSection(const std::vector<JobResult>& results) const {
    if (m_plan.tune.empty()) return {};
    std::string md =
        "\n## Settings chosen on validation\n\nEach job trained every candidate of its model and kept the "
        "one "
        "with the best validation weighted F1. Times each candidate was chosen:\n\n| Model | Scenario | "
        "Candidates | Chosen (times) |\n|:--|:--|--:|:--|\n";
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>> chosen;
    std::map<std::pair<std::string, std::string>, std::size_t> candidates;
    for (const JobResult& r : results) {
        if (!r.succeeded()) continue;
        const auto key = std::make_pair(r.job.variant(), std::string(r.job.scenario.title()));
        ++chosen[key][r.chosenSettings.empty() ? "defaults" : r.chosenSettings];
        candidates[key] = std::max(candidates[key], r.tuning.size());
    }
    for (const ExperimentJob& job : planVariants(m_plan))
        for (const std::string& scenario : m_plan.scenarios) {
            const auto key = std::make_pair(job.variant(), std::string(Scenario(scenario).title()));
            if (!chosen.count(key)) continue;
            std::string list;
            for (const auto& [settings, times] : chosen[key])
                list += fmt::format("{}{} ({})", list.empty() ? "" : "; ", settings, times);
            md += fmt::format("| {} | {} | {} | {} |\n", m_rowName(job.variant()), key.second,
                              candidates[key], list);
        }
    return md;
}

std::string ProtocolTables::bootstrapSection(const std::vector<JobResult>& results) const {
    const std::vector<Comparison> list = comparisons(results);
    if (list.empty()) return {};
    std::set<int> regions;
    for (const Comparison& c : list)
        regions.insert(c.regions.begin(), c.regions.end());
    std::string md = fmt::format(
        "\n## LORO: paired bootstrap of the gain over {}\n\nGain in weighted F1 (points) over {}, per "
        "held-out region: mean over the seeds both finished, with the 95 % percentile interval of {} paired "
        "replicates (test points and seeds drawn with replacement, the same draws for both models; seed {}). "
        "Overall: mean over the folds, its interval from the means of the folds' replicates. A model beats "
        "{} only if the overall interval lies above 0 and at least three quarters of the folds (6 of 8) "
        "improve.\n\n| Model |",
        m_rowName(baselineVariant()), m_rowName(baselineVariant()), m_plan.bootstrapSamples,
        m_plan.bootstrapSeed, m_rowName(baselineVariant()));
    std::string rule = "|:--|";
    for (int region : regions) {
        md += " " + regionCode(region) + " |";
        rule += "--:|";
    }
    md += " Overall | Folds improved | Verdict |\n" + rule + "--:|--:|:--|\n";
    for (const Comparison& c : list) {
        md += "| " + m_rowName(c.variant) + " |";
        for (int region : regions) {
            std::string cell = "–";
            for (std::size_t f = 0; f < c.regions.size(); ++f)
                if (c.regions[f] == region) cell = interval(c.bootstrap.folds[f]);
            md += " " + cell + " |";
        }
        md += fmt::format(" {} | {} of {} | {} |\n", interval(c.bootstrap.overall), c.bootstrap.foldsImproved,
                          c.regions.size(),
                          c.bootstrap.beatsBaseline() ? "**beats " + m_rowName(baselineVariant()) + "**"
                                                      : "does not beat " + m_rowName(baselineVariant()));
    }
    return md;
}

std::string ProtocolTables::sweepSections(const std::vector<JobResult>& results) const {
    std::string md;
    const std::vector<ExperimentJob> variants = planVariants(m_plan);
    for (const SettingAxis& axis : m_plan.sweeps) {
        md += fmt::format(
            "\n## Sweep: {}\n\nWeighted F1 in percent (mean ± std as in the first table) for "
            "each value of {}, the other settings as above",
            axis.key, axis.key);
        md += m_plan.tune.empty() ? ".\n\n" : " and tuned per job on validation.\n\n";
        md +=
            "Choose a value by its validation column, never by the test one: the validation part is what the "
            "protocol tunes on (a held-out training region for LORO).\n\n";
        md += fmt::format("| Model | {} |", axis.key);
        std::string rule = "|:--|--:|";
        for (const std::string& scenario : m_plan.scenarios) {
            const std::string title = Scenario(scenario).title();
            md += fmt::format(" {} | {} validation |", title, title);
            rule += "--:|--:|";
        }
        md += "\n" + rule + "\n";
        auto row = [&](const ExperimentJob& job, const std::string& value) {
            ExperimentJob plain = job;
            plain.sweepSetting.clear();
            md += fmt::format("| {} | {} |", m_rowName(plain.variant()), value);
            for (const std::string& scenario : m_plan.scenarios) {
                const Scenario s(scenario);
                md += " " +
                      percentCell(ExperimentTables::aggregate(results, job.variant(), s, weightedF1Score)) +
                      " | " +
                      percentCell(ExperimentTables::aggregateJobs(results, job.variant(), s,
                                                                  ExperimentTables::keptValidationScore)) +
                      " |";
            }
            md += "\n";
        };
        for (const ExperimentJob& job : variants)
            if (job.sweepSetting == axis.key && (axis.model.empty() || axis.model == job.model))
                row(job, job.sweepValue);
        for (const ExperimentJob& job : variants)
            if (job.sweepSetting.empty()) row(job, "(not affected)");
    }
    return md;
}

std::string ProtocolTables::markdown(const std::vector<JobResult>& results) const {
    return validationSection(results) + tuningSection(results) + bootstrapSection(results) +
           sweepSections(results);
}

nlohmann::json ProtocolTables::bootstrapJson(const std::vector<JobResult>& results) const {
    nlohmann::json list = nlohmann::json::array();
    auto gainJson = [](const BootstrapGain& g) {
        return nlohmann::json{
            {"gain", g.gain}, {"low", g.low}, {"high", g.high}, {"seeds", g.seeds}, {"points", g.points}};
    };
    for (const Comparison& c : comparisons(results)) {
        nlohmann::json folds = nlohmann::json::object();
        for (std::size_t f = 0; f < c.regions.size(); ++f)
            folds[regionCode(c.regions[f])] = gainJson(c.bootstrap.folds[f]);
        list.push_back({{"model", c.variant},
                        {"baseline", baselineVariant()},
                        {"samples", m_plan.bootstrapSamples},
                        {"seed", m_plan.bootstrapSeed},
                        {"folds", folds},
                        {"overall", gainJson(c.bootstrap.overall)},
                        {"foldsImproved", c.bootstrap.foldsImproved},
                        {"beatsBaseline", c.bootstrap.beatsBaseline()}});
    }
    return list;
}

}  // namespace bridgelc
