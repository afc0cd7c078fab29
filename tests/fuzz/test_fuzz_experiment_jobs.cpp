// An experiment resumed (or collected) over a damaged jobs/<key>.json: the job's saved result is either read
// whole and counted in the tables, or left out so the job trains again; the tables are written either way and
// nothing escapes. Runs the real ExperimentRunner in collect mode, so no job trains while fuzzing.
#include <gtest/gtest.h>

#include <cmath>

#include "core/experiment/experiment_runner.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/fuzz/json_mutator.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::fuzz {
namespace {

namespace fs = std::filesystem;

ExperimentPlan smallPlan(const fs::path& out) {
    ExperimentPlan plan;
    plan.models = {"mlp"};
    plan.scenarios = {"extrap"};
    plan.seeds = {0, 1};
    plan.settings.epochs = 1;
    plan.settings.batchSize = 32;
    plan.settings.earlyStopping = false;
    plan.outputDirectory = out.string();
    return plan;
}

TEST(FuzzExperimentJobs, DamagedJobResultIsReadWholeOrTrainedAgain) {
    FuzzDirectory directory("jobs");
    const fs::path out = directory.path() / "experiment";
    const Dataset data = test::syntheticDataset(300, 4, 3);
    ExperimentObserver quiet;
    {
        ExperimentRunner runner(smallPlan(out));
        const ExperimentSummary first = runner.run(data, quiet);
        ASSERT_EQ(first.trained, 2u);
    }
    std::vector<fs::path> jobFiles;
    for (const auto& entry : fs::directory_iterator(out / "jobs"))
        jobFiles.push_back(entry.path());
    std::sort(jobFiles.begin(), jobFiles.end());
    ASSERT_EQ(jobFiles.size(), 2u);
    const std::string original = readBytes(jobFiles[0].string());

    ExperimentPlan collect = smallPlan(out);
    collect.collectOnly = true;
    const FuzzStats stats = runFuzz(
        "experiment-job", fuzzSeed(24004), fuzzCases(1500), directory.file("case.json"),
        [&](Mutator& mutator, std::string& what) {
            if (mutator.below(2))
                return mutateJsonValues(nlohmann::json::parse(original), mutator, what).dump(1);
            return mutator.mutate(original, what);
        },
        [&](const std::string& casePath) {
            fs::rename(casePath, jobFiles[0]);
            CaseResult result;
            ExperimentRunner runner(collect);
            const ExperimentSummary summary = runner.run(data, quiet);  // an exception escaping is a finding
            if (summary.trained != 0) result.finding = "collecting trained a job";
            if (summary.files.empty()) result.finding = "no tables written";
            result.accepted = summary.results.size() == 2;
            if (!result.accepted) result.message = "the damaged job is left to train again";
            for (const JobResult& job : summary.results) {
                if (!job.succeeded()) continue;
                if (job.classNames.size() != data.classNames.size())
                    result.finding = "a result of " + std::to_string(job.classNames.size()) +
                                     " classes joined a table of " + std::to_string(data.classNames.size());
                if (!std::isfinite(job.test.weightedF1) || job.test.weightedF1 < 0 || job.test.weightedF1 > 1)
                    result.finding =
                        "a weighted F1 of " + std::to_string(job.test.weightedF1) + " was counted";
            }
            return result;
        });
    expectNoFindings(stats, fuzzCases(1500), directory);
}

}  // namespace
}  // namespace bridgelc::fuzz
