// The run store's readers (list() and history(), what the Runs view calls) on a saved run whose config.json,
// metrics.json or history.csv is damaged, next to a hidden half-written run that must never be listed.
// list() never throws (an unreadable run is skipped); history() throws with a message naming the file.
#include <gtest/gtest.h>

#include "core/io/run_store.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/fuzz/json_mutator.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::fuzz {
namespace {

namespace fs = std::filesystem;

RunResult smallRun(const Dataset& d) {
    RunResult run;
    run.status = RunStatus::Completed;
    run.modelName = "mlp";
    run.splitName = "EXTRAP";
    run.scenario = "extrap";
    run.settings.seed = 3;
    run.classNames = d.classNames;
    for (int e = 1; e <= 5; ++e) {
        EpochReport r;
        r.epoch = e;
        r.epochs = 5;
        r.trainLoss = 1.0 / e;
        r.validationLoss = 1.2 / e;
        r.validationWeightedF1 = 0.5 + 0.05 * e;
        r.samplesPerSecond = 1234.5;
        run.history.push_back(r);
    }
    run.bestEpoch = 5;
    std::vector<int> truth, predicted, region;
    for (std::int64_t row = 0; row < 12; ++row) {
        run.test.rows.push_back(row);
        const int p = row % 5 == 0 ? (d.label[row] + 1) % 3 : d.label[row];
        run.test.predicted.push_back(p);
        run.test.confidence.push_back(0.7f);
        for (int c = 0; c < 3; ++c)
            run.test.probabilities.push_back(c == p ? 0.7f : 0.15f);
        truth.push_back(d.label[row]);
        predicted.push_back(p);
        region.push_back(d.region[row]);
    }
    run.test.classes = 3;
    run.testConfusion = ConfusionMatrix(truth, predicted, 3);
    run.testMetrics = computeMetrics(run.testConfusion);
    run.testMetricsPerRegion = metricsPerRegion(truth, predicted, region, 3, 11);
    return run;
}

TEST(FuzzRunStore, DamagedRunRecordsAreSkippedOrExplained) {
    FuzzDirectory directory("runstore");
    const fs::path root = directory.path() / "runs";
    const Dataset data = test::syntheticDataset(60, 4, 3);
    RunStore store(root.string());
    const RunSummary saved = store.save(smallRun(data), data);
    const fs::path run = saved.directory;
    const std::vector<std::string> files = {"config.json", "metrics.json", "history.csv"};
    std::vector<std::string> originals;
    for (const std::string& file : files)
        originals.push_back(readBytes((run / file).string()));
    ASSERT_EQ(store.list().size(), 1u);
    ASSERT_EQ(store.history(saved.id).size(), 5u);
    // What a writer killed mid-save leaves: a hidden staging directory with a whole config.json.
    const fs::path partial = root / (".partial-" + saved.id + "-1");
    fs::create_directories(partial);
    for (std::size_t k = 0; k < files.size(); ++k)
        writeBytes((partial / files[k]).string(), originals[k]);

    std::size_t target = 0;
    const FuzzStats stats = runFuzz(
        "run-store", fuzzSeed(16005), fuzzCases(6000), directory.file("case"),
        [&](Mutator& mutator, std::string& what) {
            for (std::size_t k = 0; k < files.size(); ++k)
                writeBytes((run / files[k]).string(), originals[k]);
            target = mutator.below(files.size());
            what += files[target] + ";";
            if (target < 2 && mutator.below(2))
                return mutateJsonValues(nlohmann::json::parse(originals[target]), mutator, what).dump(2);
            return mutator.mutate(originals[target], what);
        },
        [&](const std::string& casePath) {
            fs::rename(casePath, run / files[target]);
            CaseResult result;
            const std::vector<RunSummary> runs = store.list();  // an exception escaping is a finding
            for (const RunSummary& summary : runs)
                if (summary.id.empty() || summary.id[0] == '.')
                    result.finding = "a hidden staging directory was listed as run '" + summary.id + "'";
            try {
                const std::vector<EpochReport> history = store.history(saved.id);
                result.accepted = runs.size() == 1;
                if (!result.accepted) result.message = "the run is not listed (unreadable record)";
                for (const EpochReport& report : history)
                    if (report.epoch < 0) result.finding = "a negative epoch number was accepted";
            } catch (const std::exception& error) {
                result.message = error.what();
                if (result.message.find("history.csv") == std::string::npos)
                    result.finding = "the history error does not name the file: " + result.message;
            }
            return result;
        });
    expectNoFindings(stats, fuzzCases(6000), directory);
}

}  // namespace
}  // namespace bridgelc::fuzz
