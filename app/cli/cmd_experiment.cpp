// `bridgelc experiment`: the paper's tables — every model x scenario x seed — with one progress line per job;
// finished jobs are kept in the output directory so the same command resumes after Ctrl+C or a crash.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/experiment_processes.h"
#include "app/cli/option_checks.h"
#include "app/cli/slurm_array.h"
#include "app/cli/terminal_progress.h"
#include "core/experiment/experiment_runner.h"
#include "core/experiment/job_parallelism.h"
#include "core/model/model_registry.h"
#include "core/split/scenario.h"

namespace bridgelc::cli {
namespace {

struct ExperimentArgs {
    InputArgs input;
    SettingsArgs settings;
    std::vector<std::string> models = {"bridgelc", "mlp", "random-forest"};
    std::vector<std::string> scenarios = ExperimentPlan().scenarios;
    std::vector<std::uint64_t> seeds = {0, 1, 2};
    std::vector<std::uint64_t> loroSeeds = {0};
    std::vector<std::string> weightings;
    int level = 1;
    int blockFolds = 5;
    double blockKm = 100;
    std::size_t loroMinPoints = 100;
    std::string out;
    SlurmArgs slurm;
    long long jobIndex = -1;  ///< -1: every job
    int jobs = 0;             ///< jobs at once; 0: one per thread, as memory allows
    bool collect = false;
    std::string tasksScript;  ///< with --collect: the array script whose missing tasks it names
    std::string validation = "random";
    int validationRegions = 1;
    std::size_t validationMinPoints = kDefaultValidationRegionMinPoints;
    std::vector<std::string> tune, sweeps;
    std::string baseline = ExperimentPlan().baselineModel;
    int bootstrapSamples = 1000;
    std::uint64_t bootstrapSeed = 0;
    std::string saveRuns;  ///< a run store every job's run is saved into; empty: scores only
};

// --tune and --sweep texts as setting axes; a malformed one is the command line's fault.
std::vector<SettingAxis> parseAxes(const std::vector<std::string>& texts, const char* option) {
    std::vector<SettingAxis> axes;
    for (const std::string& text : texts) {
        try {
            axes.push_back(SettingAxis::parse(text));
        } catch (const std::exception& error) {
            throw UsageError(std::string(option) + ": " + error.what());
        }
    }
    return axes;
}

/// Adapts the runner's progress to the terminal: a context per job, one summary line per finished job.
class ExperimentProgress : public ExperimentObserver {
public:
    void onJobStarted(std::size_t index, std::size_t total, const ExperimentJob& job, bool skipped) override {
        m_label =
            fmt::format("job {}/{} {} {} s{}", index + 1, total, job.variant(), job.splitName, job.seed);
        if (skipped) return;
        m_progress.setContext(m_label);
    }
    void onJobFinished(std::size_t, std::size_t, const JobResult& result) override {
        m_progress.finishLine();
        if (result.resumed)
            std::cerr << m_label << ": finished earlier, skipped\n";
        else if (result.succeeded())
            std::cerr << fmt::format("{}: weighted F1 {:.4f}, OA {:.4f} ({:.1f} s)\n", m_label,
                                     result.test.weightedF1, result.test.overallAccuracy,
                                     result.trainSeconds);
        else
            std::cerr << fmt::format("{}: {}: {}\n", m_label, result.status, result.message);
    }
    void onEpoch(const EpochReport& report) override { m_progress.onEpoch(report); }
    void onProgress(std::int64_t done, std::int64_t total) override { m_progress.onProgress(done, total); }
    void onPhase(const std::string& phase) override { m_progress.onPhase(phase); }
    void onMessage(const std::string& message) override { m_progress.onMessage(message); }
    bool isCancelled() const override { return m_progress.isCancelled(); }

private:
    TerminalProgress m_progress;
    std::string m_label;
};

// --collect: which jobs are still missing (never run, failed, or running) and the tables built so far.
int reportCollected(const ExperimentRunner& runner, const ExperimentSummary& summary,
                    const std::string& tasksScript) {
    std::vector<std::string> missing;
    std::vector<std::size_t> missingTasks;  // array task = job index
    for (std::size_t index = 0; index < runner.jobs().size(); ++index) {
        const ExperimentJob& job = runner.jobs()[index];
        bool done = false;
        for (const JobResult& result : summary.results)
            done = done || (result.job.key() == job.key() && result.succeeded());
        if (done) continue;
        missing.push_back(job.key());
        missingTasks.push_back(index);
    }
    std::cout << fmt::format("collected {} of {} jobs", summary.planned - missing.size(), summary.planned);
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
        std::cout << (i == 0 ? "; missing: " : ", ") << missing[i];
    std::cout << (missing.size() > 10 ? fmt::format(" and {} more", missing.size() - 10) : "") << "\n";
    if (!missing.empty())
        std::cout << fmt::format("rerun exactly the missing jobs: sbatch --array={} {}\n",
                                 fmt::join(missingTasks, ","),
                                 tasksScript.empty() ? std::string("experiment.sbatch") : tasksScript);
    for (const std::string& file : summary.files)
        std::cout << "wrote " << file << "\n";
    return missing.empty() ? 0 : 1;
}

// The headline table (first section of results.md) for the terminal.
std::string headlineTable(const std::string& markdownPath) {
    std::ifstream in(markdownPath);
    std::string line, table;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            if (inside) break;
            inside = true;
        }
        if (inside) table += line + "\n";
    }
    return table;
}

// --slurm: the plan's jobs as an array job (one task per job, each this same command with --job-index) and
// a job that collects the tables once every task has ended.
int writeSlurmScripts(const ExperimentArgs& args, const ExperimentRunner& runner) {
    runner.createOutput();  // refuses a folder holding another experiment before anything is queued
    std::vector<std::string> command = withoutSlurmOptions(commandArguments());
    command.insert(command.begin(), currentExecutable());
    const std::string cwd = std::filesystem::current_path().string();
    const std::size_t total = runner.jobs().size();

    SbatchScript collect;
    collect.jobName = "bridgelc-collect";
    collect.command = command;
    collect.command.insert(
        collect.command.end(),
        {"--collect", "--tasks-script",
         (std::filesystem::absolute(args.slurm.directory) / "experiment.sbatch").string()});
    collect.workingDirectory = cwd;
    collect.logName = "collect_%j.out";
    collect.comments = {"Builds the result tables of " + args.out + " from the jobs finished so far."};
    const std::string collectPath = writeSbatchScript(collect, args.slurm, "experiment_collect.sbatch");

    SbatchScript tasks;
    tasks.jobName = "bridgelc-experiment";
    tasks.tasks = total;
    tasks.command = command;
    tasks.command.insert(tasks.command.end(), {"--job-index", "{task}"});
    tasks.workingDirectory = cwd;
    tasks.logName = "%A_%a.out";
    tasks.comments = {
        fmt::format("BRIDGE-LC experiment: {} jobs into {}, one per array task.", total, args.out),
        "Finished jobs are skipped, so submitting this script again resumes an interrupted experiment.",
        "When every task has ended, build the tables: sbatch " + collectPath};
    const std::string tasksPath = writeSbatchScript(tasks, args.slurm, "experiment.sbatch");
    std::cout << fmt::format("wrote {} ({} array tasks, {} CPU(s) each)\nwrote {}\n", tasksPath, total,
                             args.slurm.cpusPerTask, collectPath);
    if (!args.slurm.submit) {
        std::cout << fmt::format("submit with: sbatch {} && sbatch --dependency=afterany:<job id> {}\n",
                                 tasksPath, collectPath);
        return 0;
    }
    const std::string arrayJob = submitSbatch(tasksPath);
    const std::string collectJob = submitSbatch(collectPath, arrayJob);
    std::cout << fmt::format("submitted array job {} and collect job {} (runs after it)\n", arrayJob,
                             collectJob);
    return 0;
}

// What a sequential run prints at its end, for the summary of a run by processes or by this process.
int reportEnd(const ExperimentSummary& summary) {
    std::cout << fmt::format("{} {}: {} trained, {} skipped (finished earlier), {} failed{}\n",
                             summary.planned, summary.planned == 1 ? "job" : "jobs", summary.trained,
                             summary.skipped, summary.failed,
                             summary.cancelled ? "; stopped — run the same command again to resume" : "");
    if (!summary.files.empty()) std::cout << "\n" << headlineTable(summary.files.front()) << "\n";
    for (const std::string& file : summary.files)
        std::cout << "wrote " << file << "\n";
    return summary.cancelled ? kExitInterrupted : summary.failed > 0 ? kExitFailure : kExitSuccess;
}

// --jobs above 1: every job not finished yet in a child process, then the tables from what they saved.
int runInProcesses(const ExperimentRunner& runner, const ExperimentPlan& plan,
                   const JobParallelism& parallelism) {
    runner.createOutput();  // the children find the manifest and compare against it
    ExperimentProcesses processes(runner, plan.outputDirectory, commandArguments(), parallelism);
    const ExperimentProcesses::Outcome outcome = processes.run();
    ExperimentSummary summary = runner.collect(outcome.cancelled);
    summary.trained = outcome.trained;
    summary.skipped = outcome.skipped;
    summary.failed = std::max(summary.failed, outcome.failed);
    return reportEnd(summary);
}

std::function<int()> setupExperiment(CLI::App& app) {
    auto args = std::make_shared<ExperimentArgs>();
    addInputOptions(app, args->input);
    app.add_option("--models", args->models, "Models, comma separated (see `bridgelc models`)")
        ->delimiter(',');
    app.add_option("--scenarios", args->scenarios, "extrap, loro, blocks; comma separated")
        ->delimiter(',')
        ->check(CLI::IsMember(Scenario::names()));
    app.add_option("--seeds", args->seeds, "Seeds of EXTRAP and spatial blocks, comma separated")
        ->delimiter(',')
        ->check(wholeNumberAtLeast(0));
    app.add_option("--loro-seeds", args->loroSeeds, "Seeds of every LORO fold, comma separated")
        ->delimiter(',')
        ->check(wholeNumberAtLeast(0));
    app.add_option("--class-weightings", args->weightings,
                   "Cross-entropy weightings to compare: inverse,none (default: the preset's)")
        ->delimiter(',')
        ->check(CLI::IsMember({"none", "inverse", "inverse-frequency"}));
    app.add_option("--level", args->level, "1: land cover; 2: crop types of Cropland points")
        ->check(CLI::IsMember({1, 2}));
    app.add_option("--block-folds", args->blockFolds, "Spatial block folds")->check(wholeNumberAtLeast(2));
    app.add_option("--block-km", args->blockKm, "Spatial block size in km")->check(numberAbove(0));
    app.add_option("--loro-min-points", args->loroMinPoints, "Regions with fewer points get no LORO fold")
        ->check(wholeNumberAtLeast(0));
    app.add_option("--out", args->out, "Output directory (resumes when it holds an earlier run)")->required();
    app.add_option("--save-runs", args->saveRuns,
                   "Also save every job's run, model included, into this folder of saved runs, to open, map "
                   "and predict with later, as `train --runs` does (default: scores only)");
    addSettingsOptions(app, args->settings, false);
    CLI::Option* slurm = addSlurmOptions(app, args->slurm);
    CLI::Option* jobIndex = app.add_option("--job-index", args->jobIndex,
                                           "Run only this job of the plan (0-based; what each Slurm array "
                                           "task does) and leave the tables to "
                                           "--collect; default: every job)")
                                ->check(wholeNumberAtLeast(0));
    app.add_flag("--collect", args->collect,
                 "Train nothing: build the tables from the jobs finished in --out (after a Slurm array)")
        ->excludes(slurm)
        ->excludes(jobIndex);
    app.add_option("--tasks-script", args->tasksScript,
                   "With --collect: the Slurm array script (default: none), named in the sbatch line that "
                   "reruns exactly the missing jobs");
    slurm->excludes(jobIndex);
    app.add_option("--jobs", args->jobs,
                   "Jobs trained at once, each in its own process, the threads divided between them; results "
                   "are the same as one at a time (default: one job per thread, as many as memory allows)")
        ->check(wholeNumberAtLeast(1))
        ->excludes(slurm)
        ->excludes(jobIndex)
        ->excludes("--collect");
    app.add_option(
           "--validation", args->validation,
           "What LORO folds validate on (early stopping, kept epoch, candidate settings): random (a "
           "share of the training pool, the paper's) or regions (whole training regions, rotating with "
           "the seed, never the test region)")
        ->check(CLI::IsMember({"random", "regions"}));
    app.add_option("--validation-regions", args->validationRegions,
                   "With --validation regions: training regions each LORO fold validates on (default 1)")
        ->check(wholeNumberAtLeast(1));
    app.add_option("--validation-min-points", args->validationMinPoints,
                   "With --validation regions: only regions with this many points validate (default 1000)")
        ->check(wholeNumberAtLeast(1));
    app.add_option(
           "--tune", args->tune,
           "Candidate settings chosen per job on validation, NAME=v1,v2,... or MODEL:NAME=v1,v2 "
           "(repeatable; every combination of the axes that affect a model is a candidate; every model "
           "must get the same number)")
        ->allow_extra_args(false);
    app.add_option("--sweep", args->sweeps,
                   "One table per setting: NAME=v1,v2,... (repeatable), each value a row of its own, e.g. "
                   "regionWeight=0,0.5,1,2")
        ->allow_extra_args(false);
    app.add_option("--baseline", args->baseline,
                   "Model the paired bootstrap compares every other model with (default gradient-boosting)");
    app.add_option("--bootstrap-samples", args->bootstrapSamples,
                   "Paired bootstrap replicates (default 1000)")
        ->check(wholeNumberAtLeast(1));
    app.add_option("--bootstrap-seed", args->bootstrapSeed, "Seed of the paired bootstrap (default 0)")
        ->check(wholeNumberAtLeast(0));
    return [args]() -> int {
        ExperimentPlan plan;
        plan.validationRegions = args->validation == "regions" ? args->validationRegions : 0;
        plan.validationMinPoints = args->validationMinPoints;
        plan.tune = parseAxes(args->tune, "--tune");
        plan.sweeps = parseAxes(args->sweeps, "--sweep");
        plan.baselineModel = args->baseline;
        plan.bootstrapSamples = args->bootstrapSamples;
        plan.bootstrapSeed = args->bootstrapSeed;
        plan.models = args->models;
        plan.scenarios = args->scenarios;
        plan.seeds = args->seeds;
        plan.loroSeeds = args->loroSeeds;
        plan.level = args->level;
        plan.blockFolds = args->blockFolds;
        plan.blockMeters = args->blockKm * 1000;
        plan.loroMinTestPoints = args->loroMinPoints;
        plan.settings = makeSettings(args->settings);
        plan.outputDirectory = args->out;
        plan.saveRunsTo = args->saveRuns;
        plan.labelColumn = args->input.options.labelColumn;
        if (args->jobIndex >= 0) plan.onlyJob = static_cast<std::size_t>(args->jobIndex);
        plan.collectOnly = args->collect;
        plan.weightings.clear();
        for (const std::string& w : args->weightings)
            plan.weightings.push_back(parseClassWeighting(w));
        for (const std::string& model : plan.models) {
            try {
                modelInfo(model);  // an unknown name is the command line's fault: say so before any work
            } catch (const std::exception& error) {
                throw UsageError(error.what());
            }
        }
        std::optional<ExperimentRunner> checked;
        try {
            checked.emplace(plan);  // checks names and the tuning budget before the data is read
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }
        ExperimentRunner& runner = *checked;

        requireParentFolder(args->out);
        const std::optional<Dataset> data = loadInput(args->input);
        if (!data) return kExitFailure;
        runner.prepare(*data);
        for (const std::string& note : runner.notes())
            std::cerr << "note: " << note << "\n";
        std::cerr << fmt::format("{} jobs ({} table rows x {} splits) into {}\n", runner.jobs().size(),
                                 runner.splits().empty() ? 0 : runner.jobs().size() / runner.splits().size(),
                                 runner.splits().size(), plan.outputDirectory);

        if (!args->slurm.directory.empty()) return writeSlurmScripts(*args, runner);
        if (plan.onlyJob && *plan.onlyJob < runner.jobs().size()) {  // the runner refuses others
            const char* slurmCpus = std::getenv("SLURM_CPUS_PER_TASK");
            std::cerr << fmt::format(
                "job {}/{} (--job-index {}), {} thread(s){}\n", *plan.onlyJob + 1, runner.jobs().size(),
                *plan.onlyJob, plan.settings.threads,
                slurmCpus && args->settings.threads == 0 ? " (SLURM_CPUS_PER_TASK)" : "");
        }

        if (!plan.onlyJob && !plan.collectOnly) {
            std::size_t left = 0;
            for (std::size_t i = 0; i < runner.jobs().size(); ++i)
                left += runner.isFinished(i) ? 0 : 1;
            const JobParallelism parallelism =
                JobParallelism::choose(plan, runner.data(), plan.settings.threads, args->jobs, left);
            if (parallelism.jobs > 1) return runInProcesses(runner, plan, parallelism);
        }

        installInterruptHandler();
        ExperimentProgress progress;
        ExperimentObserver quiet;
        const ExperimentSummary summary = runner.run(*data, plan.collectOnly ? quiet : progress);
        if (plan.collectOnly) return reportCollected(runner, summary, args->tasksScript);
        ExperimentSummary shown = summary;
        if (plan.onlyJob) shown.planned = 1;
        return reportEnd(shown);
    };
}

const CommandRegistration registration{
    {"experiment", "Run models x scenarios x seeds and write the paper's tables (resumable)",
     setupExperiment}};

}  // namespace
}  // namespace bridgelc::cli
