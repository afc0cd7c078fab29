#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/experiment/experiment_job.h"
#include "core/experiment/setting_grid.h"
#include "core/split/split.h"
#include "core/train/training_observer.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// What to run: every model x class weighting x scenario x seed, on level 1 (land cover) or level 2 (crop
/// types).
struct ExperimentPlan {
    std::vector<std::string> models;  ///< registry names, in table row order
    std::vector<ClassWeighting> weightings = {ClassWeighting::InverseFrequency};
    std::vector<std::string> scenarios = {"extrap", "loro"};  ///< "extrap", "loro", "blocks", in column order
    std::vector<std::uint64_t> seeds = {0, 1, 2};             ///< EXTRAP and spatial-block seeds
    std::vector<std::uint64_t> loroSeeds = {0};               ///< seeds of every LORO fold
    int level = 1;                ///< 1: land cover; 2: crop types of Cropland points
    TrainingSettings settings;    ///< seed and class weighting are set per job
    std::string outputDirectory;  ///< jobs/, experiment.json and the result tables
    double validationFraction = kDefaultValidationFraction;
    std::size_t loroMinTestPoints =
        ScenarioOptions().minTestPoints;  ///< regions with fewer points get no LORO fold (noted)
    int blockFolds = ScenarioOptions().blockFolds;
    double blockMeters = ScenarioOptions().blockMeters;
    std::size_t cropMinPoints = 20;  ///< level 2: crop codes with fewer points are dropped
    /// Which jobs this invocation trains. A Slurm array task trains one (its index into jobs()) and writes no
    /// tables, since its siblings are still running; collecting trains none and builds the tables from the
    /// jobs saved so far. Neither changes results, so neither is part of the manifest.
    std::optional<std::size_t> onlyJob;
    bool collectOnly = false;
    /// LORO validation: 0 takes a random share (validationFraction) of the training pool; k > 0 takes k
    /// whole training regions with at least validationMinPoints points, rotating with the seed, so every
    /// choice made on validation is made on a region the model never trained on.
    int validationRegions = 0;
    std::size_t validationMinPoints = kDefaultValidationRegionMinPoints;
    /// Candidate settings: each job trains every combination of the axes that affect its model and keeps
    /// the one with the best validation weighted F1. Every model must get the same number of candidates.
    std::vector<SettingAxis> tune;
    /// One table each: every value of an axis is a row of its own (jobs "<model>@<setting>=<value>") for
    /// the models the setting affects; models no sweep affects run once with the plan's settings.
    std::vector<SettingAxis> sweeps;
    /// The paired bootstrap compares every other model with this one (when both are in the plan).
    std::string baselineModel = "gradient-boosting";
    int bootstrapSamples = 1000;
    std::uint64_t bootstrapSeed = 0;
    /// A run store (RunStore root) every finished job's run is saved into, model included, as `bridgelc
    /// train` and the app save theirs, so the app lists and opens the runs of an experiment; empty: the
    /// jobs keep their scores only. Changes no result, so it is not part of the manifest.
    std::string saveRunsTo;
    std::string labelColumn;  ///< the label column the points were read with, saved with each run
};

/// One job per table row of `plan` (model, class weighting and sweep point set; split and seed not), in
/// table order.
std::vector<ExperimentJob> planVariants(const ExperimentPlan& plan);

/// Receives an experiment's progress: everything a TrainingObserver gets for the job that is training, plus
/// where the experiment stands. isCancelled() stops the running job within a mini-batch and no job starts
/// after.
class ExperimentObserver : public TrainingObserver {
public:
    /// Job `index` (0-based) of `total` starts training, or is skipped because an earlier run finished it.
    virtual void onJobStarted(std::size_t /*index*/, std::size_t /*total*/, const ExperimentJob& /*job*/,
                              bool /*skipped*/) {}
    virtual void onJobFinished(std::size_t /*index*/, std::size_t /*total*/, const JobResult& /*result*/) {}
};

/// How an experiment invocation ended.
struct ExperimentSummary {
    std::vector<JobResult>
        results;  ///< finished jobs of the plan (this run's and earlier ones), in plan order
    std::size_t planned = 0, trained = 0, skipped = 0, failed = 0;
    bool cancelled = false;
    std::vector<std::string> notes;  ///< e.g. regions without a LORO fold, classes dropped at level 2
    std::vector<std::string> files;  ///< tables written
};

/// Runs an ExperimentPlan job by job through trainAndEvaluate. Each finished job is saved at once as
/// <out>/jobs/<key>.json, so an interrupted experiment resumes where it stopped: jobs with a saved completed
/// result are skipped; failed ones are tried again. <out>/experiment.json records the data fingerprint, level
/// and settings; resuming with different ones is refused rather than mixing incomparable results. After the
/// jobs (also when cancelled), results.md, results.csv and results.json are written from every finished job
/// of the plan. Jobs write nothing but their own file, so any number of processes (Slurm array tasks) can run
/// jobs of one plan into one shared folder at once.
class ExperimentRunner {
public:
    explicit ExperimentRunner(ExperimentPlan plan);

    /// The data the jobs use (the level-2 subset for level 2), the splits and the job list, without training.
    /// `dataset` must outlive the runner.
    void prepare(const Dataset& dataset);
    const Dataset& data() const { return *m_data; }
    const std::vector<ExperimentJob>& jobs() const { return m_jobs; }
    const std::vector<Split>& splits() const { return m_splits; }
    const std::vector<std::string>& notes() const { return m_notes; }

    /// prepare() (unless done) then runs every job not finished before. Throws std::runtime_error for an
    /// unusable plan or output directory; individual jobs that fail are recorded as failed and the run goes
    /// on.
    ExperimentSummary run(const Dataset& dataset, ExperimentObserver& observer);

    /// What run() does first, after prepare(): creates <out>/jobs and writes <out>/experiment.json, or
    /// refuses a folder holding an experiment with other data or settings. Lets a Slurm script be written
    /// only for a folder that will take its tasks' results.
    void createOutput() const;

    /// True when job `index` of jobs() has a completed result in the output directory (saved by an earlier
    /// run, or by another process working on the same plan).
    bool isFinished(std::size_t index) const;

    /// After prepare(): builds the tables from the results other processes saved for this plan (completed
    /// ones, and failed ones as failed; jobs without a result count as missing) and returns the summary,
    /// as run() would have after training them itself. `cancelled` marks the run as stopped before the end.
    /// `trained` and `skipped` are left for the caller, which knows who trained what.
    ExperimentSummary collect(bool cancelled) const;

private:
    /// Throws std::invalid_argument when models get different numbers of candidates or a setting is both
    /// swept and tuned.
    void checkTuningBudget() const;
    void checkOrWriteManifest() const;
    std::string jobPath(const ExperimentJob& job) const;
    /// The saved result of `job` when an earlier run completed it.
    std::optional<JobResult> finishedEarlier(const ExperimentJob& job) const;

    ExperimentPlan m_plan;
    bool m_prepared = false;
    const Dataset* m_data = nullptr;  ///< the caller's dataset, or m_cropTypes at level 2
    Dataset m_cropTypes;
    std::string m_fingerprint;
    std::vector<Split> m_splits;
    std::vector<ExperimentJob> m_jobs;
    std::vector<std::string> m_notes;
};

}  // namespace bridgelc
