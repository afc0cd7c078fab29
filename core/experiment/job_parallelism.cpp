#include "core/experiment/job_parallelism.h"

#include <algorithm>
#include <cstdint>

#include "core/experiment/experiment_runner.h"
#include "core/model/model_registry.h"
#include "core/run/training_memory.h"
#include "core/util/memory_budget.h"

namespace bridgelc {

JobParallelism JobParallelism::choose(const ExperimentPlan& plan, const Dataset& data, int threads,
                                      int requested, std::size_t jobsLeft) {
    JobParallelism p;
    threads = std::max(1, threads);
    const int left = static_cast<int>(std::min<std::size_t>(std::max<std::size_t>(1, jobsLeft), 1 << 20));
    if (requested > 0) {
        p.jobs = std::min(requested, left);
        p.reason = p.jobs < requested ? "jobs left" : "asked for";
    } else {
        p.jobs = std::min(threads, left);
        p.reason = p.jobs < threads ? "jobs left" : "one per thread";
        // Each job holds its own copy of the data and its model: the largest one must fit beside the others.
        std::uint64_t largest = 0;
        for (const std::string& model : plan.models)
            largest =
                std::max(largest, estimateTrainingMemory(modelInfo(model), plan.settings, data.size(),
                                                         data.featureNames.size(), data.classNames.size())
                                      .total());
        const std::uint64_t available = memoryBudget().availableBytes;
        if (largest > 0) {
            const auto fit = static_cast<int>(std::max<std::uint64_t>(1, available / largest));
            if (fit < p.jobs) {
                p.jobs = fit;
                p.reason = "memory";
            }
        }
    }
    p.jobs = std::max(1, p.jobs);
    p.threadsPerJob = std::max(1, threads / p.jobs);
    return p;
}

}  // namespace bridgelc
