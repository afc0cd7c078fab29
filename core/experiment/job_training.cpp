#include "core/experiment/job_training.h"

#include <fmt/format.h>

#include "core/run/training_run.h"

namespace bridgelc {
namespace {

// Validation weighted F1 of the weights a run kept: the score candidates are compared on.
double keptValidationF1(const RunResult& run) {
    for (const EpochReport& e : run.history)
        if (e.epoch == run.bestEpoch) return e.validationWeightedF1;
    return run.history.empty() ? 0.0 : run.history.back().validationWeightedF1;
}

}  // namespace

JobOutcome trainExperimentJob(const Dataset& data, const Split& split, const ExperimentJob& job,
                              const ExperimentPlan& plan, ExperimentObserver& observer) {
    TrainingSettings base = plan.settings;
    base.seed = job.seed;
    base.classWeighting = job.weighting;
    if (!job.sweepSetting.empty()) applySettings(base, {{job.sweepSetting, job.sweepValue}});

    JobOutcome outcome;
    JobResult& result = outcome.result;
    result.job = job;
    const std::vector<SettingAssignment> candidates = tuningCandidates(plan.tune, job.model);
    RunResult chosen;
    double best = -1;
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        TrainingSettings settings = base;
        applySettings(settings, candidates[c]);
        if (candidates.size() > 1)
            observer.onMessage(
                fmt::format("candidate {}/{}: {}", c + 1, candidates.size(), assignmentText(candidates[c])));
        RunResult run = trainAndEvaluate(data, split, job.model, settings, observer);
        if (run.status == RunStatus::Stopped && observer.isCancelled()) {
            outcome.cancelled = true;
            return outcome;
        }
        const double score = run.status == RunStatus::Completed ? keptValidationF1(run) : -1;
        if (candidates.size() > 1)
            result.tuning.push_back({assignmentText(candidates[c]), runStatusName(run.status), score,
                                     run.bestEpoch, run.trainSeconds});
        if (c == 0 || score > best) {
            best = score;
            chosen = std::move(run);
            result.chosenSettings = assignmentText(candidates[c]);
        }
    }
    if (candidates.size() <= 1) result.chosenSettings.clear();

    result.status = runStatusName(chosen.status);
    result.message = chosen.message;
    result.classNames = chosen.classNames;
    result.test = chosen.testMetrics;
    result.perRegion = chosen.testMetricsPerRegion;
    result.confusion = chosen.testConfusion;
    result.bestEpoch = chosen.bestEpoch;
    result.trainSeconds = chosen.trainSeconds;
    if (!result.tuning.empty()) {  // the job cost every candidate's training
        result.trainSeconds = 0;
        for (const TuningTrial& trial : result.tuning)
            result.trainSeconds += trial.trainSeconds;
    }
    result.history = chosen.history;
    result.hasAoa = chosen.aoa != nullptr;
    if (chosen.aoa) {
        result.aoaThreshold = chosen.aoa->threshold();
        result.testInside = chosen.testApplicability.inside;
        result.testOutside = chosen.testApplicability.outside;
        result.insideTest = chosen.testApplicability.insideMetrics;
        result.outsideTest = chosen.testApplicability.outsideMetrics;
    }
    const std::size_t classes = data.classNames.size();
    for (std::size_t i = 0; i < chosen.test.rows.size() && i < chosen.test.predicted.size(); ++i) {
        const int truth = data.label[static_cast<std::size_t>(chosen.test.rows[i])];
        if (truth < 0 || static_cast<std::size_t>(truth) >= classes) continue;
        result.testTruth.push_back(truth);
        result.testPredicted.push_back(chosen.test.predicted[i]);
    }
    outcome.run = std::move(chosen);
    return outcome;
}

}  // namespace bridgelc
