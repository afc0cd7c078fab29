#pragma once
#include "core/data/dataset.h"
#include "core/experiment/experiment_runner.h"
#include "core/run/training_run.h"
#include "core/split/split.h"

namespace bridgelc {

/// What training one experiment job gave; `cancelled` when the user stopped it, and then the result is no
/// result (the job runs again on resume).
struct JobOutcome {
    JobResult result;
    bool cancelled = false;
    /// The run the result was taken from, model included, for a plan that keeps every job's run.
    RunResult run;
};

/// Trains `job` on its split with the plan's settings, its sweep point and, when the plan tunes, every
/// candidate setting of its model, keeping the candidate with the best validation weighted F1 (the first on
/// ties); tests that one. The result keeps the true and predicted class of every labelled test point.
JobOutcome trainExperimentJob(const Dataset& data, const Split& split, const ExperimentJob& job,
                              const ExperimentPlan& plan, ExperimentObserver& observer);

}  // namespace bridgelc
