#include "core/experiment/experiment_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/experiment/experiment_tables.h"
#include "core/experiment/job_training.h"
#include "core/experiment/portable_path.h"
#include "core/io/atomic_file.h"
#include "core/io/dataset_fingerprint.h"
#include "core/io/run_store.h"
#include "core/model/model_registry.h"

namespace bridgelc {

namespace fs = std::filesystem;

namespace {

std::optional<nlohmann::json> readJsonFile(const fs::path& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // a torn or foreign file: the job simply runs again
    }
}

// Settings that change results; threads and the per-job seed and weighting do not belong here.
nlohmann::json comparableSettings(const TrainingSettings& settings) {
    nlohmann::json json = settings;
    json.erase("threads");
    json.erase("seed");
    json.erase("classWeighting");
    json.erase("preset");  // informative only; the values themselves are compared
    return json;
}

}  // namespace

ExperimentRunner::ExperimentRunner(ExperimentPlan plan) : m_plan(std::move(plan)) {
    if (m_plan.models.empty()) throw std::invalid_argument("experiment: no models given");
    for (const std::string& model : m_plan.models)
        modelInfo(model);  // throws listing the valid names
    if (m_plan.scenarios.empty()) throw std::invalid_argument("experiment: no scenarios given");
    for (const std::string& scenario : m_plan.scenarios)
        if (!Scenario::fromName(scenario))
            throw std::invalid_argument("experiment: unknown scenario '" + scenario +
                                        "' (extrap, loro, blocks)");
    if (m_plan.level != 1 && m_plan.level != 2)
        throw std::invalid_argument("experiment: level must be 1 or 2, not " + std::to_string(m_plan.level));
    if (m_plan.weightings.empty()) m_plan.weightings = {m_plan.settings.classWeighting};
    if (m_plan.outputDirectory.empty()) throw std::invalid_argument("experiment: no output directory given");
    checkTuningBudget();
}

void ExperimentRunner::checkTuningBudget() const {
    for (const SettingAxis& axis : m_plan.tune)
        for (const SettingAxis& sweep : m_plan.sweeps)
            if (axis.key == sweep.key)
                throw std::invalid_argument("experiment: " + axis.key + " is both swept and tuned");
    for (const auto* axes : {&m_plan.tune, &m_plan.sweeps})
        for (const SettingAxis& axis : *axes)
            if (!axis.model.empty() &&
                std::find(m_plan.models.begin(), m_plan.models.end(), axis.model) == m_plan.models.end())
                throw std::invalid_argument("experiment: " + axis.model + ":" + axis.key + " names a model " +
                                            "the experiment does not run");
    if (m_plan.tune.empty()) return;
    // An equal budget: a model tuned over more candidates would have more chances to fit validation.
    std::string counts;
    std::size_t first = 0;
    bool equal = true;
    for (const std::string& model : m_plan.models) {
        const std::size_t n = tuningCandidates(m_plan.tune, model).size();
        if (counts.empty()) first = n;
        equal = equal && n == first;
        counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", model, n);
    }
    if (!equal)
        throw std::invalid_argument(
            "experiment: every model must get the same number of candidate settings "
            "(" +
            counts + "); give each model axes of the same sizes");
}

void ExperimentRunner::prepare(const Dataset& dataset) {
    m_splits.clear();
    m_jobs.clear();
    m_notes.clear();
    m_data = &dataset;
    if (m_plan.level == 2) {
        m_cropTypes = cropTypeSubset(dataset, m_plan.cropMinPoints);
        m_data = &m_cropTypes;
        if (m_cropTypes.size() == 0)
            throw std::runtime_error("level 2 needs Cropland points with LUCAS crop codes (B11, B12, ...); " +
                                     dataset.sourcePath + " has none");
        m_notes.push_back(fmt::format("level 2: {} Cropland points in {} crop types", m_cropTypes.size(),
                                      m_cropTypes.classNames.size()));
    }
    const Dataset& data = *m_data;
    m_fingerprint = datasetFingerprint(data);

    if (m_plan.validationRegions > 0)
        m_notes.push_back(
            fmt::format("LORO folds validate on {} whole training region(s); other scenarios keep "
                        "a random validation share of {}",
                        m_plan.validationRegions, m_plan.validationFraction));
    // Splits are computed once per scenario and seed; models are the inner loop so all models of a split
    // finish together and partial results already compare models on equal terms.
    for (const std::string& name : m_plan.scenarios) {
        const Scenario scenario(name);
        const auto& seeds = scenario == Scenario::Loro ? m_plan.loroSeeds : m_plan.seeds;
        for (std::uint64_t seed : seeds) {
            ScenarioOptions options;
            options.scenario = scenario;
            options.seed = seed;
            options.validationFraction = m_plan.validationFraction;
            options.minTestPoints = m_plan.loroMinTestPoints;
            options.blockFolds = m_plan.blockFolds;
            options.blockMeters = m_plan.blockMeters;
            options.validationRegions = m_plan.validationRegions;
            options.validationMinPoints = m_plan.validationMinPoints;
            std::vector<std::string> notes;
            std::vector<Split> splits = scenarioSplits(data, options, &notes);
            if (seed == seeds.front()) m_notes.insert(m_notes.end(), notes.begin(), notes.end());
            for (Split& split : splits) {
                const std::size_t index = m_splits.size();
                for (ExperimentJob job : planVariants(m_plan)) {
                    job.scenario = scenario;
                    job.splitName = split.name;
                    job.heldOutRegion = split.heldOutRegion;
                    job.seed = seed;
                    job.splitIndex = index;
                    job.validationRegions = split.validationRegions;
                    m_jobs.push_back(job);
                }
                m_splits.push_back(std::move(split));
            }
        }
    }
    m_prepared = true;
}

std::string ExperimentRunner::jobPath(const ExperimentJob& job) const {
    return (fs::path(m_plan.outputDirectory) / "jobs" / (job.key() + ".json")).string();
}

std::optional<JobResult> ExperimentRunner::finishedEarlier(const ExperimentJob& job) const {
    const auto saved = readJsonFile(jobPath(job));
    if (!saved || !saved->is_object()) return std::nullopt;
    try {
        JobResult result = jobResultFromJson(*saved);
        // Only a completed result of this experiment's classes joins its tables; anything else trains again.
        if (result.status != "completed" || result.classNames != m_data->classNames) return std::nullopt;
        result.job = job;
        result.resumed = true;
        return result;
    } catch (const std::exception&) {
        return std::nullopt;  // unreadable result: the job trains again
    }
}

bool ExperimentRunner::isFinished(std::size_t index) const {
    return index < m_jobs.size() && finishedEarlier(m_jobs[index]).has_value();
}

ExperimentSummary ExperimentRunner::collect(bool cancelled) const {
    if (!m_prepared || m_data == nullptr) throw std::logic_error("ExperimentRunner: prepare() first");
    ExperimentSummary summary;
    summary.planned = m_jobs.size();
    summary.notes = m_notes;
    summary.cancelled = cancelled;
    for (const ExperimentJob& job : m_jobs) {
        if (std::optional<JobResult> done = finishedEarlier(job)) {
            summary.results.push_back(std::move(*done));
            continue;
        }
        const auto saved = readJsonFile(jobPath(job));
        if (!saved || !saved->is_object()) continue;
        try {
            JobResult result = jobResultFromJson(*saved);
            if (result.status == "completed") continue;  // of other classes: not this plan's result
            result.job = job;
            ++summary.failed;
            summary.results.push_back(std::move(result));
        } catch (const std::exception&) {
            // unreadable: missing, like a job never run
        }
    }
    ExperimentTables tables(m_plan, *m_data, m_fingerprint);
    summary.files = tables.write(summary.results, summary);
    return summary;
}

void ExperimentRunner::checkOrWriteManifest() const {
    const fs::path path = fs::path(m_plan.outputDirectory) / "experiment.json";
    nlohmann::json manifest = {{"format", "bridgelc-experiment"},
                               {"level", m_plan.level},
                               {"datasetPath", portableDataPath(m_data->sourcePath)},
                               {"datasetPoints", m_data->size()},
                               {"datasetFingerprint", m_fingerprint},
                               {"classNames", m_data->classNames},
                               {"validationFraction", m_plan.validationFraction},
                               {"blockFolds", m_plan.blockFolds},
                               {"blockMeters", m_plan.blockMeters},
                               {"settings", comparableSettings(m_plan.settings)}};
    // Only when used, so folders written before these options existed still resume.
    if (m_plan.validationRegions > 0)
        manifest["validation"] = {{"regions", m_plan.validationRegions},
                                  {"minPoints", m_plan.validationMinPoints}};
    if (!m_plan.tune.empty()) {
        nlohmann::json tune = nlohmann::json::array();
        for (const SettingAxis& axis : m_plan.tune)
            tune.push_back({{"model", axis.model}, {"setting", axis.key}, {"values", axis.values}});
        manifest["tune"] = tune;
    }
    if (const auto earlier = readJsonFile(path)) {
        std::vector<std::string> differences;
        for (const char* key : {"level", "datasetFingerprint", "classNames", "validationFraction",
                                "blockFolds", "blockMeters", "validation", "tune"})
            if (earlier->value(key, nlohmann::json()) != manifest.value(key, nlohmann::json()))
                differences.push_back(key);
        const nlohmann::json before = earlier->value("settings", nlohmann::json::object());
        // A setting added after the earlier run was saved had its default value then.
        const nlohmann::json defaults = comparableSettings(TrainingSettings());
        for (const auto& [key, value] : manifest["settings"].items()) {
            const nlohmann::json was = before.value(key, defaults.value(key, nlohmann::json()));
            if (was != value)
                differences.push_back(fmt::format("{} ({} before, {} now)", key, was.dump(), value.dump()));
        }
        if (!differences.empty()) {
            std::string list;
            for (const std::string& d : differences)
                list += (list.empty() ? "" : ", ") + d;
            throw std::runtime_error(m_plan.outputDirectory +
                                     " holds an experiment with other data or settings (" + list +
                                     "); choose another output directory or remove it");
        }
        return;
    }
    writeFileAtomically(path.string(), manifest.dump(2) + "\n");
}

void ExperimentRunner::createOutput() const {
    if (!m_prepared || m_data == nullptr) throw std::logic_error("ExperimentRunner: prepare() first");
    std::error_code error;
    fs::create_directories(fs::path(m_plan.outputDirectory) / "jobs", error);
    if (error)
        throw std::runtime_error("cannot create " + m_plan.outputDirectory + "/jobs: " + error.message());
    checkOrWriteManifest();
}

ExperimentSummary ExperimentRunner::run(const Dataset& dataset, ExperimentObserver& observer) {
    if (!m_prepared || m_data == nullptr) prepare(dataset);
    if (m_plan.onlyJob && *m_plan.onlyJob >= m_jobs.size())
        throw std::runtime_error(fmt::format("job index {} is outside the plan's {} jobs (0 to {})",
                                             *m_plan.onlyJob, m_jobs.size(), m_jobs.size() - 1));
    if (m_plan.collectOnly && !fs::exists(fs::path(m_plan.outputDirectory) / "experiment.json"))
        throw std::runtime_error(m_plan.outputDirectory +
                                 " holds no experiment to collect (experiment.json is missing)");
    createOutput();

    ExperimentSummary summary;
    summary.planned = m_jobs.size();
    summary.notes = m_notes;
    const Dataset& data = *m_data;
    std::size_t next = 0;
    for (; next < m_jobs.size(); ++next) {
        const std::size_t i = next;
        const ExperimentJob& job = m_jobs[i];
        if (m_plan.onlyJob && i != *m_plan.onlyJob) continue;
        if (std::optional<JobResult> earlier = finishedEarlier(job)) {
            observer.onJobStarted(i, m_jobs.size(), job, true);
            ++summary.skipped;
            summary.results.push_back(std::move(*earlier));
            observer.onJobFinished(i, m_jobs.size(), summary.results.back());
            continue;
        }
        if (m_plan.collectOnly) continue;  // nobody finished it yet: the tables show it missing
        if (observer.isCancelled()) {
            summary.cancelled = true;
            break;
        }
        observer.onJobStarted(i, m_jobs.size(), job, false);
        JobOutcome outcome = trainExperimentJob(data, m_splits[job.splitIndex], job, m_plan, observer);
        if (outcome.cancelled) {
            // A job cut short by the user is not a result; it runs again on resume.
            summary.cancelled = true;
            break;
        }
        JobResult result = std::move(outcome.result);
        // Saved before the job's file, so a job counted as finished always has its run.
        if (!m_plan.saveRunsTo.empty() && outcome.run.model) {
            LabelChoice labels;
            labels.level = m_plan.level;
            labels.labelColumn = m_plan.labelColumn;
            labels.cropMinPoints = m_plan.cropMinPoints;
            result.savedRun = RunStore(m_plan.saveRunsTo).save(outcome.run, data, labels).id;
        }
        writeFileAtomically(jobPath(job), jobResultToJson(result).dump(1) + "\n");
        ++summary.trained;
        if (!result.succeeded()) ++summary.failed;
        summary.results.push_back(std::move(result));
        observer.onJobFinished(i, m_jobs.size(), summary.results.back());
    }

    // A stopped run's tables still show every job finished by earlier runs, also those after the stop.
    for (++next; next < m_jobs.size() && !m_plan.onlyJob; ++next)
        if (std::optional<JobResult> earlier = finishedEarlier(m_jobs[next])) {
            ++summary.skipped;
            summary.results.push_back(std::move(*earlier));
        }

    if (m_plan.onlyJob) return summary;  // the tables wait for --collect
    ExperimentTables tables(m_plan, data, m_fingerprint);
    summary.files = tables.write(summary.results, summary);
    return summary;
}

}  // namespace bridgelc
