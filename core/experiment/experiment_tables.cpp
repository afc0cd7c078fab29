#include "core/experiment/experiment_tables.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/experiment/applicability_tables.h"
#include "core/experiment/experiment_runner.h"
#include "core/experiment/portable_path.h"
#include "core/experiment/protocol_tables.h"
#include "core/geo/regions.h"
#include "core/io/atomic_file.h"
#include "core/model/model_registry.h"

namespace bridgelc {

namespace fs = std::filesystem;

namespace {

struct Score {
    const char* title;  // Markdown heading
    const char* key;    // CSV and JSON name
    double (*get)(const Metrics&);
};

const std::vector<Score>& scores() {
    static const std::vector<Score> all = {
        {"Weighted F1 (the paper's headline F1)", "weighted_f1",
         [](const Metrics& m) { return m.weightedF1; }},
        {"Macro F1", "macro_f1", [](const Metrics& m) { return m.macroF1; }},
        {"Overall accuracy", "overall_accuracy", [](const Metrics& m) { return m.overallAccuracy; }},
        {"Cohen's kappa (x 100)", "kappa", [](const Metrics& m) { return m.kappa; }},
    };
    return all;
}

Aggregate meanAndStd(const std::vector<double>& values) {
    Aggregate a;
    a.n = values.size();
    if (values.empty()) return a;
    for (double v : values)
        a.mean += v;
    a.mean /= static_cast<double>(values.size());
    if (values.size() > 1) {
        double squares = 0;
        for (double v : values)
            squares += (v - a.mean) * (v - a.mean);
        a.std = std::sqrt(squares / static_cast<double>(values.size() - 1));
    }
    return a;
}

std::string percent(const Aggregate& a) {
    if (a.n == 0) return "–";
    if (a.n == 1) return fmt::format("{:.2f}", 100 * a.mean);
    return fmt::format("{:.2f} ± {:.2f}", 100 * a.mean, 100 * a.std);
}

std::string csvCell(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// Held-out regions of the LORO results, in the fixed region order.
std::vector<int> loroRegions(const std::vector<JobResult>& results) {
    std::vector<bool> seen(biogeographicalRegions().size(), false);
    for (const JobResult& r : results)
        if (r.job.scenario == Scenario::Loro && r.job.heldOutRegion >= 0 && r.succeeded())
            seen[static_cast<std::size_t>(r.job.heldOutRegion)] = true;
    std::vector<int> regions;
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (seen[i]) regions.push_back(static_cast<int>(i));
    return regions;
}

Aggregate regionAggregate(const std::vector<JobResult>& results, const std::string& variant, int region,
                          double (*score)(const Metrics&)) {
    std::vector<double> values;
    for (const JobResult& r : results)
        if (r.succeeded() && r.job.scenario == Scenario::Loro && r.job.variant() == variant &&
            r.job.heldOutRegion == region)
            values.push_back(score(r.test));
    return meanAndStd(values);
}

// One cell from the jobs of a variant and scenario that have a value: inner groups are LORO's held-out
// regions and the other scenarios' seeds; the cell is the mean ± std of the group means.
template <typename JobValue>
Aggregate groupedAggregate(const std::vector<JobResult>& results, const std::string& variant,
                           Scenario scenario, JobValue value) {
    std::map<std::int64_t, std::vector<double>> groups;
    for (const JobResult& r : results) {
        if (!r.succeeded() || r.job.variant() != variant || r.job.scenario != scenario) continue;
        const std::optional<double> v = value(r);
        if (!v) continue;
        const std::int64_t group =
            scenario == Scenario::Loro ? r.job.heldOutRegion : static_cast<std::int64_t>(r.job.seed);
        groups[group].push_back(*v);
    }
    std::vector<double> means;
    for (const auto& [group, values] : groups)
        means.push_back(meanAndStd(values).mean);
    return meanAndStd(means);
}

}  // namespace

std::optional<double> ExperimentTables::keptValidationScore(const JobResult& r) {
    for (const EpochReport& e : r.history)
        if (e.epoch == r.bestEpoch) return e.validationWeightedF1;
    if (r.history.size() == 1) return r.history.front().validationWeightedF1;
    return std::nullopt;
}

ExperimentTables::ExperimentTables(const ExperimentPlan& plan, const Dataset& data, std::string fingerprint)
    : m_plan(plan), m_data(data), m_fingerprint(std::move(fingerprint)) {}

std::string ExperimentTables::rowName(const std::string& fullVariant) const {
    // A sweep point ("bridgelc@regionWeight=0.5") is its model's row with the setting it changes.
    const std::size_t at = fullVariant.find('@');
    if (at != std::string::npos) {
        std::string point = fullVariant.substr(at + 1);
        if (const std::size_t equals = point.find('='); equals != std::string::npos)
            point.replace(equals, 1, " = ");
        return rowName(fullVariant.substr(0, at)) + " [" + point + "]";
    }
    const std::string& variant = fullVariant;
    const std::string suffix = "-unweighted";
    const bool unweighted = variant.size() > suffix.size() &&
                            variant.compare(variant.size() - suffix.size(), suffix.size(), suffix) == 0;
    const std::string model = unweighted ? variant.substr(0, variant.size() - suffix.size()) : variant;
    const std::string name = modelDisplayName(model);
    const ModelInfo* info = findModel(model);
    const bool tree = info && info->isTree;
    // The settings line names a single weighting; rows say theirs only when weightings are compared.
    if (m_plan.weightings.size() < 2 || tree) return name;
    return name + (unweighted ? " (unweighted CE)" : " (class-weighted CE)");
}

std::vector<std::string> ExperimentTables::variants() const {
    std::vector<std::string> list;
    for (const ExperimentJob& job : planVariants(m_plan))
        list.push_back(job.variant());
    return list;
}

Aggregate ExperimentTables::aggregate(const std::vector<JobResult>& results, const std::string& variant,
                                      Scenario scenario, double (*score)(const Metrics&)) {
    return groupedAggregate(results, variant, scenario,
                            [score](const JobResult& r) { return std::optional<double>(score(r.test)); });
}

Aggregate ExperimentTables::aggregateJobs(
    const std::vector<JobResult>& results, const std::string& variant, Scenario scenario,
    const std::function<std::optional<double>(const JobResult&)>& value) {
    return groupedAggregate(results, variant, scenario, value);
}

std::string ExperimentTables::settingsLine() const {
    const TrainingSettings& s = m_plan.settings;
    std::string line = fmt::format("preset {}, up to {} epochs, batch {}, learning rate {}, ", s.preset,
                                   s.epochs, s.batchSize, s.learningRate);
    line += s.earlyStopping ? fmt::format("early stopping (patience {})", s.patience) : "no early stopping";
    if (s.emaMomentum > 0) line += fmt::format(", EMA {}", s.emaMomentum);
    line += fmt::format(", {} trees, cross-entropy class weights ", s.trees);
    for (std::size_t i = 0; i < m_plan.weightings.size(); ++i)
        line += (i == 0 ? "" : " and ") + std::string(classWeightingName(m_plan.weightings[i]));
    if (m_plan.weightings.size() > 1) line += " compared";
    return line;
}

// What the table cost: the jobs' training times added up (every tuning candidate included); CPU hours when
// each job trains on one thread, as `--jobs` runs them on a machine with a core per job.
std::string ExperimentTables::computeLine(const std::vector<JobResult>& results,
                                          const std::vector<std::string>& rows) const {
    double total = 0;
    std::map<std::string, double> perRow;
    for (const JobResult& r : results) {
        total += r.trainSeconds;
        perRow[r.job.variant()] += r.trainSeconds;
    }
    if (results.empty()) return {};
    std::string line =
        fmt::format("Compute: {:.2f} hours of training, the {} jobs' training times added up (", total / 3600,
                    results.size());
    bool first = true;
    for (const std::string& row : rows) {
        const auto it = perRow.find(row);
        if (it == perRow.end()) continue;
        line += fmt::format("{}{} {:.2f}", first ? "" : ", ", rowName(row), it->second / 3600);
        first = false;
    }
    return line + ").  \n";
}

std::string ExperimentTables::markdown(const std::vector<JobResult>& results,
                                       const ExperimentSummary& summary) const {
    const auto rows = variants();
    std::string md = fmt::format("# Experiment results, level {} ({})\n\n", m_plan.level,
                                 m_plan.level == 1 ? "land cover" : "crop types");
    md += fmt::format("Data: `{}`, {} points, {} classes, fingerprint `{}`{}.  \n",
                      portableDataPath(m_data.sourcePath), m_data.size(), m_data.classNames.size(),
                      m_fingerprint, m_data.synthetic ? " (synthetic sample)" : "");
    md += "Settings: " + settingsLine() + ".  \n";
    const std::size_t finished = summary.results.size() - summary.failed;
    md += fmt::format("Jobs: {} finished of {} planned ({} failed){}.  \n", finished, summary.planned,
                      summary.failed, summary.cancelled ? "; the run was stopped before the end" : "");
    md += computeLine(results, rows) + "\n";
    if (finished < summary.planned || summary.cancelled)
        md +=
            "**Partial results:** some jobs are missing, so the means below cover only the jobs finished; "
            "run the same command again to complete them.\n\n";
    md +=
        "Scores in percent. EXTRAP: mean ± standard deviation over seeds. BLOCKS: over seeds, each seed the "
        "mean "
        "of its folds. LORO: over held-out regions, each region the mean over LORO seeds. A model id ending "
        "in `-unweighted` (results.csv, results.json) is that model trained with plain, unweighted "
        "cross-entropy (class weighting none).\n";

    auto tableHeader = [](const std::vector<std::string>& columns) {
        std::string header = "| Model |", rule = "|:--|";
        for (const std::string& c : columns) {
            header += " " + c + " |";
            rule += "--:|";
        }
        return header + "\n" + rule + "\n";
    };
    std::vector<std::string> scenarioColumns;
    for (const std::string& s : m_plan.scenarios)
        scenarioColumns.push_back(Scenario(s).title());
    for (const Score& score : scores()) {
        md += "\n## " + std::string(score.title) + "\n\n" + tableHeader(scenarioColumns);
        for (const std::string& variant : rows) {
            md += "| " + rowName(variant) + " |";
            for (const std::string& scenario : m_plan.scenarios)
                md += " " + percent(aggregate(results, variant, scenario, score.get)) + " |";
            md += "\n";
        }
    }

    // Settings are compared on validation scores, never on the test part; the time is what a user waits.
    md += "\n## Validation weighted F1 of the kept weights, kept epoch and training minutes\n\n";
    std::vector<std::string> selectionColumns;
    for (const std::string& s : m_plan.scenarios)
        for (const char* what : {"validation", "epoch", "minutes"})
            selectionColumns.push_back(std::string(Scenario(s).title()) + " " + what);
    md += tableHeader(selectionColumns);
    for (const std::string& variant : rows) {
        md += "| " + rowName(variant) + " |";
        for (const std::string& scenario : m_plan.scenarios) {
            const Aggregate e = groupedAggregate(results, variant, scenario, [](const JobResult& r) {
                return std::optional<double>(r.bestEpoch);
            });
            const Aggregate t = groupedAggregate(results, variant, scenario, [](const JobResult& r) {
                return std::optional<double>(r.trainSeconds / 60.0);
            });
            md += " " + percent(groupedAggregate(results, variant, scenario, keptValidationScore)) + " |";
            md += " " + (e.n ? fmt::format("{:.0f}", e.mean) : std::string("–")) + " |";
            md += " " + (t.n ? fmt::format("{:.1f}", t.mean) : std::string("–")) + " |";
        }
        md += "\n";
    }

    for (const std::string& scenario : m_plan.scenarios) {
        md += fmt::format("\n## Per-class F1, {} (mean over the tests that contain the class)\n\n",
                          Scenario(scenario).title());
        md += tableHeader(m_data.classNames);
        for (const std::string& variant : rows) {
            md += "| " + rowName(variant) + " |";
            for (std::size_t c = 0; c < m_data.classNames.size(); ++c) {
                std::vector<double> values;
                for (const JobResult& r : results)
                    if (r.succeeded() && r.job.variant() == variant && r.job.scenario == scenario &&
                        c < r.test.perClass.size() && r.test.perClass[c].support > 0)
                        values.push_back(r.test.perClass[c].f1);
                const Aggregate a = meanAndStd(values);
                md += " " + (a.n ? fmt::format("{:.2f}", 100 * a.mean) : std::string("–")) + " |";
            }
            md += "\n";
        }
    }

    const std::vector<int> regions = loroRegions(results);
    if (!regions.empty()) {
        std::vector<std::string> columns;
        for (int r : regions)
            columns.push_back(biogeographicalRegions()[static_cast<std::size_t>(r)].code);
        columns.push_back("Mean");
        for (const Score& score : {scores()[0], scores()[2]}) {
            md +=
                "\n## LORO: " + std::string(score.title) + " per held-out region\n\n" + tableHeader(columns);
            for (const std::string& variant : rows) {
                md += "| " + rowName(variant) + " |";
                for (int r : regions)
                    md += " " + percent(regionAggregate(results, variant, r, score.get)) + " |";
                const Aggregate mean = aggregate(results, variant, Scenario::Loro, score.get);
                md += " " + (mean.n ? fmt::format("{:.2f}", 100 * mean.mean) : std::string("–")) + " |\n";
            }
        }
    }

    std::vector<std::string> rowNames;
    for (const std::string& variant : rows)
        rowNames.push_back(rowName(variant));
    md += applicabilityMarkdown(results, rows, rowNames, m_plan.scenarios, regions);

    md += ProtocolTables(m_plan, m_data.classNames.size(), [this](const std::string& v) {
              return rowName(v);
          }).markdown(results);

    std::vector<std::string> notes = summary.notes;
    for (const JobResult& r : results)
        if (!r.succeeded())
            notes.push_back(
                fmt::format("{} {}: {} — {}", r.job.variant(), r.job.splitName, r.status, r.message));
    if (!notes.empty()) {
        md += "\n## Notes\n\n";
        for (const std::string& note : notes)
            md += "- " + note + "\n";
    }
    return md;
}

std::string ExperimentTables::csv(const std::vector<JobResult>& results, bool complete) const {
    std::string text = "level,model,display_name,scenario,group,n";
    for (const Score& score : scores())
        text += fmt::format(",{0}_mean,{0}_std", score.key);
    text += ApplicabilityCell::csvHeader() + ",complete\n";
    auto row = [&](const std::string& variant, const std::string& scenario, const std::string& group,
                   const std::vector<Aggregate>& cells, const ApplicabilityCell& applicability) {
        text += fmt::format("{},{},{},{},{},{}", m_plan.level, variant, csvCell(rowName(variant)), scenario,
                            group, cells.front().n);
        for (const Aggregate& a : cells)
            text += fmt::format(",{:.6f},{:.6f}", a.mean, a.std);
        text += applicability.csvCells();
        text += complete ? ",true\n" : ",false\n";
    };
    const std::vector<int> regions = loroRegions(results);
    for (const std::string& variant : variants())
        for (const std::string& scenario : m_plan.scenarios) {
            std::vector<Aggregate> cells;
            for (const Score& score : scores())
                cells.push_back(aggregate(results, variant, scenario, score.get));
            if (cells.front().n)
                row(variant, scenario, "all", cells, ApplicabilityCell::of(results, variant, scenario));
            if (Scenario(scenario) != Scenario::Loro) continue;
            for (int r : regions) {
                cells.clear();
                for (const Score& score : scores())
                    cells.push_back(regionAggregate(results, variant, r, score.get));
                if (cells.front().n)
                    row(variant, scenario, biogeographicalRegions()[static_cast<std::size_t>(r)].code, cells,
                        ApplicabilityCell::ofRegion(results, variant, r));
            }
        }
    return text;
}

std::vector<std::string> ExperimentTables::write(const std::vector<JobResult>& results,
                                                 const ExperimentSummary& summary) const {
    const fs::path out(m_plan.outputDirectory);
    nlohmann::json json;
    json["format"] = "bridgelc-experiment-results";
    json["level"] = m_plan.level;
    json["dataset"] = {{"path", portableDataPath(m_data.sourcePath)},
                       {"points", m_data.size()},
                       {"classNames", m_data.classNames},
                       {"fingerprint", m_fingerprint},
                       {"synthetic", m_data.synthetic}};
    json["plan"] = {{"models", m_plan.models},
                    {"scenarios", m_plan.scenarios},
                    {"seeds", m_plan.seeds},
                    {"loroSeeds", m_plan.loroSeeds},
                    {"settings", m_plan.settings},
                    {"validationRegions", m_plan.validationRegions},
                    {"baselineModel", m_plan.baselineModel}};
    for (const auto& [name, axes] :
         {std::make_pair("tune", &m_plan.tune), std::make_pair("sweeps", &m_plan.sweeps)}) {
        nlohmann::json list = nlohmann::json::array();
        for (const SettingAxis& axis : *axes)
            list.push_back({{"model", axis.model}, {"setting", axis.key}, {"values", axis.values}});
        json["plan"][name] = list;
    }
    const std::size_t finished = summary.results.size() - summary.failed;
    const bool complete = finished >= summary.planned && !summary.cancelled;
    json["planned"] = summary.planned;
    json["finished"] = finished;
    // Means over fewer jobs than planned are partial: said here, in every results.csv row and in results.md.
    json["complete"] = complete;
    json["cancelled"] = summary.cancelled;
    json["notes"] = summary.notes;
    nlohmann::json table = nlohmann::json::array();
    for (const std::string& variant : variants())
        for (const std::string& scenario : m_plan.scenarios) {
            nlohmann::json cell = {
                {"model", variant}, {"displayName", rowName(variant)}, {"scenario", scenario}};
            for (const Score& score : scores()) {
                const Aggregate a = aggregate(results, variant, scenario, score.get);
                cell[score.key] = {{"mean", a.mean}, {"std", a.std}, {"n", a.n}};
            }
            cell["applicability"] = ApplicabilityCell::of(results, variant, scenario).toJson();
            table.push_back(cell);
        }
    json["table"] = table;
    json["bootstrap"] = ProtocolTables(m_plan, m_data.classNames.size(), [this](const std::string& v) {
                            return rowName(v);
                        }).bootstrapJson(results);
    json["jobs"] = nlohmann::json::array();
    for (const JobResult& r : results) {
        nlohmann::json job = jobResultToJson(r);
        job.erase("testPredictions");  // a few bytes per test point: jobs/<key>.json keeps them, once
        json["jobs"].push_back(std::move(job));
    }

    const std::vector<std::string> files = {(out / "results.md").string(), (out / "results.csv").string(),
                                            (out / "results.json").string()};
    writeFileAtomically(files[0], markdown(results, summary));
    writeFileAtomically(files[1], csv(results, complete));
    writeFileAtomically(files[2], json.dump(1) + "\n");
    return files;
}

}  // namespace bridgelc
