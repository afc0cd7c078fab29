#pragma once
#include <cstddef>
#include <string>

#include "core/data/dataset.h"

namespace bridgelc {

struct ExperimentPlan;

/// How many jobs of an experiment train at once and with how many compute threads each. Results do not
/// depend on it: every job has its own seed and the matrix products sum in one order whatever the threads.
struct JobParallelism {
    int jobs = 1;           ///< jobs at once (at least 1)
    int threadsPerJob = 1;  ///< the threads divided between them (at least 1)
    std::string reason;     ///< what set `jobs`: "one per thread", "memory", "jobs left", "asked for"

    /// The rule shared by `bridgelc experiment` and the app's Run all. `threads` are the compute threads to
    /// divide (the cores by default); `requested` jobs at once, or 0 for the default: one job per thread,
    /// no more than the jobs left, and no more than the memory estimate of the plan's largest model
    /// (core/run/training_memory.h) allows side by side in the memory available now. An explicit request is
    /// kept, only capped by the jobs left.
    static JobParallelism choose(const ExperimentPlan& plan, const Dataset& data, int threads, int requested,
                                 std::size_t jobsLeft);
};

}  // namespace bridgelc
