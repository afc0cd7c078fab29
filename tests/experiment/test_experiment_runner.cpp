// ExperimentRunner on a small synthetic dataset with two quick models: jobs, saved results, tables, resume,
// cancel, and refusal to mix incomparable results.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "core/experiment/experiment_runner.h"
#include "core/experiment/experiment_tables.h"
#include "tests/experiment/protocol_dataset.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

using bridgelc::testing::readText;

Dataset syntheticDataset() {
    return bridgelc::testing::threeRegionDataset(11, 0.3 * 2, "synthetic");
}

// Counts what the runner reports and can cancel after a given number of trained jobs.
class CountingObserver : public ExperimentObserver {
public:
    void onJobStarted(std::size_t, std::size_t total, const ExperimentJob&, bool skipped) override {
        m_total = total;
        (skipped ? m_skipped : m_started)++;
    }
    void onJobFinished(std::size_t, std::size_t, const JobResult& result) override {
        if (!result.resumed) ++m_finished;
    }
    bool isCancelled() const override { return m_cancelAfter >= 0 && m_finished >= m_cancelAfter; }

    int m_cancelAfter = -1;
    int m_started = 0, m_skipped = 0, m_finished = 0;
    std::size_t m_total = 0;
};

class ExperimentRunnerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_out = fs::temp_directory_path() / ("bridgelc-experiment-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_out);
        m_plan.models = {"mlp", "random-forest"};
        m_plan.scenarios = {"extrap", "loro", "blocks"};
        m_plan.seeds = {0, 1};
        m_plan.loroSeeds = {0};
        m_plan.loroMinTestPoints = 50;
        m_plan.blockFolds = 3;
        m_plan.blockMeters = 200000;
        m_plan.settings = TrainingSettings::laptop();
        m_plan.settings.epochs = 2;
        m_plan.settings.batchSize = 32;
        m_plan.settings.trees = 5;
        m_plan.outputDirectory = m_out.string();
    }
    void TearDown() override { fs::remove_all(m_out); }

    fs::path m_out;
    ExperimentPlan m_plan;
    Dataset m_data = syntheticDataset();
};

TEST_F(ExperimentRunnerTest, PlansEveryModelScenarioSeedAndFold) {
    ExperimentRunner runner(m_plan);
    runner.prepare(m_data);
    // EXTRAP 2 seeds + LORO 3 regions x 1 seed + BLOCKS 2 seeds x 3 folds = 11 splits, 2 models each.
    EXPECT_EQ(runner.splits().size(), 11u);
    ASSERT_EQ(runner.jobs().size(), 22u);
    EXPECT_EQ(runner.jobs()[0].key(), "mlp__EXTRAP__s0");
    EXPECT_EQ(runner.jobs()[1].key(), "random-forest__EXTRAP__s0");
    std::set<std::string> keys;
    for (const auto& job : runner.jobs())
        keys.insert(job.key());
    EXPECT_EQ(keys.size(), 22u) << "job keys must be unique";
    EXPECT_TRUE(keys.count("mlp__LORO-MED__s0"));
    EXPECT_TRUE(keys.count("random-forest__BLOCKS-3_3__s1"));
}

TEST_F(ExperimentRunnerTest, RunsWritesTablesAndResumes) {
    CountingObserver first;
    const ExperimentSummary summary = ExperimentRunner(m_plan).run(m_data, first);
    EXPECT_EQ(summary.planned, 22u);
    EXPECT_EQ(summary.trained, 22u);
    EXPECT_EQ(summary.skipped, 0u);
    EXPECT_EQ(summary.failed, 0u) << (summary.results.empty() ? "" : summary.results[0].message);
    EXPECT_FALSE(summary.cancelled);
    EXPECT_EQ(first.m_started, 22);

    std::size_t jobFiles = 0;
    for (const auto& entry : fs::directory_iterator(m_out / "jobs"))
        jobFiles += entry.path().extension() == ".json";
    EXPECT_EQ(jobFiles, 22u);

    // The table cell equals the mean over seeds computed here from the raw job files.
    double sum = 0;
    std::vector<double> values;
    for (int seed : {0, 1}) {
        const auto job = nlohmann::json::parse(
            readText(m_out / "jobs" / ("mlp__EXTRAP__s" + std::to_string(seed) + ".json")));
        EXPECT_EQ(job["status"], "completed");
        values.push_back(job["test"]["weightedF1"].get<double>());
        sum += values.back();
    }
    const double mean = sum / 2;
    const double sd = std::abs(values[0] - values[1]) / std::sqrt(2.0);
    const std::string csv = readText(m_out / "results.csv");
    std::istringstream lines(csv);
    std::string line, header;
    std::getline(lines, header);
    EXPECT_EQ(header.rfind("level,model,display_name,scenario,group,n,weighted_f1_mean,weighted_f1_std", 0),
              0u);
    bool found = false;
    int loroRegionRows = 0;
    while (std::getline(lines, line)) {
        if (line.find(",loro,") != std::string::npos && line.find(",all,") == std::string::npos)
            ++loroRegionRows;
        if (line.rfind("1,mlp,MLP,extrap,all,2,", 0) != 0) continue;
        found = true;
        std::vector<std::string> cells;
        std::stringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');)
            cells.push_back(cell);
        EXPECT_NEAR(std::stod(cells[6]), mean, 1e-6);
        EXPECT_NEAR(std::stod(cells[7]), sd, 1e-6);
    }
    EXPECT_TRUE(found) << csv;
    EXPECT_EQ(loroRegionRows, 6) << csv;  // 2 models x 3 held-out regions

    const std::string md = readText(m_out / "results.md");
    for (const char* text : {"| Model | EXTRAP | LORO | BLOCKS |", "## Weighted F1", "## Macro F1",
                             "## Overall accuracy", "## Cohen's kappa", "## Per-class F1, LORO",
                             "| Model | ATL | CON | MED | Mean |", "| Random forest |", "| MLP |"})
        EXPECT_NE(md.find(text), std::string::npos) << "missing '" << text << "' in\n" << md;
    // The model-selection table shows the validation score of each job's kept epoch, averaged over seeds.
    std::vector<double> validation;
    for (int seed : {0, 1}) {
        const auto job = nlohmann::json::parse(
            readText(m_out / "jobs" / ("mlp__EXTRAP__s" + std::to_string(seed) + ".json")));
        for (const auto& epoch : job["history"])
            if (epoch["epoch"] == job["bestEpoch"]) validation.push_back(epoch["validationWeightedF1"]);
    }
    ASSERT_EQ(validation.size(), 2u);
    const std::size_t selection = md.find("## Validation weighted F1 of the kept weights");
    ASSERT_NE(selection, std::string::npos) << md;
    const double validationMean = (validation[0] + validation[1]) / 2;
    const std::string mlpRow = md.substr(md.find("| MLP |", selection));
    char expected[32];
    std::snprintf(expected, sizeof expected, "| MLP | %.2f ± ", 100 * validationMean);
    EXPECT_EQ(mlpRow.rfind(expected, 0), 0u) << mlpRow.substr(0, 80);
    const auto results = nlohmann::json::parse(readText(m_out / "results.json"));
    EXPECT_EQ(results["jobs"].size(), 22u);
    EXPECT_EQ(results["table"].size(), 6u);

    // A second invocation trains nothing and leaves the job files untouched.
    const auto stamp = fs::last_write_time(m_out / "jobs" / "mlp__EXTRAP__s0.json");
    CountingObserver second;
    const ExperimentSummary again = ExperimentRunner(m_plan).run(m_data, second);
    EXPECT_EQ(again.trained, 0u);
    EXPECT_EQ(again.skipped, 22u);
    EXPECT_EQ(second.m_started, 0);
    EXPECT_EQ(second.m_skipped, 22);
    EXPECT_EQ(fs::last_write_time(m_out / "jobs" / "mlp__EXTRAP__s0.json"), stamp);
    EXPECT_EQ(readText(m_out / "results.csv"), csv);
}

TEST_F(ExperimentRunnerTest, CancelStopsCleanlyAndResumeFinishes) {
    m_plan.scenarios = {"extrap"};
    m_plan.seeds = {0, 1, 2};
    CountingObserver cancelling;
    cancelling.m_cancelAfter = 2;
    const ExperimentSummary stopped = ExperimentRunner(m_plan).run(m_data, cancelling);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_EQ(stopped.trained, 2u);
    EXPECT_TRUE(fs::exists(m_out / "results.md"));  // tables of what finished are still written
    EXPECT_NE(readText(m_out / "results.md").find("stopped before the end"), std::string::npos);

    CountingObserver resumed;
    const ExperimentSummary rest = ExperimentRunner(m_plan).run(m_data, resumed);
    EXPECT_FALSE(rest.cancelled);
    EXPECT_EQ(rest.skipped, 2u);
    EXPECT_EQ(rest.trained, 4u);
    EXPECT_EQ(rest.results.size(), 6u);
}

TEST_F(ExperimentRunnerTest, StoppedRunTablesKeepJobsFinishedLaterInPlanOrder) {
    m_plan.scenarios = {"extrap"};
    m_plan.seeds = {0, 1};
    CountingObserver complete;
    ASSERT_EQ(ExperimentRunner(m_plan).run(m_data, complete).trained, 4u);
    fs::remove(m_out / "jobs" / "mlp__EXTRAP__s0.json");  // the first job of the plan must run again

    CountingObserver stopAtOnce;
    stopAtOnce.m_cancelAfter = 0;
    const ExperimentSummary stopped = ExperimentRunner(m_plan).run(m_data, stopAtOnce);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_EQ(stopped.trained, 0u);
    EXPECT_EQ(stopped.skipped, 3u);
    ASSERT_EQ(stopped.results.size(), 3u);
    EXPECT_EQ(stopped.results[0].job.key(), "random-forest__EXTRAP__s0");
    EXPECT_EQ(stopped.results[1].job.key(), "mlp__EXTRAP__s1");
    const auto results = nlohmann::json::parse(readText(m_out / "results.json"));
    EXPECT_EQ(results["jobs"].size(), 3u);
}

TEST_F(ExperimentRunnerTest, RefusesToMixDifferentSettingsOrData) {
    m_plan.scenarios = {"extrap"};
    m_plan.seeds = {0};
    m_plan.models = {"random-forest"};
    CountingObserver observer;
    ExperimentRunner(m_plan).run(m_data, observer);

    ExperimentPlan changed = m_plan;
    changed.settings.trees = 7;
    try {
        ExperimentRunner(changed).run(m_data, observer);
        FAIL() << "expected a refusal";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("trees"), std::string::npos) << error.what();
    }
    Dataset other = m_data;
    other.features[0] += 5;
    EXPECT_THROW(ExperimentRunner(m_plan).run(other, observer), std::runtime_error);

    ExperimentPlan moreThreads = m_plan;  // threads do not change results: resuming with more is fine
    moreThreads.settings.threads = 2;
    moreThreads.models = {"random-forest", "mlp"};  // adding a model to an experiment is fine too
    const ExperimentSummary extended = ExperimentRunner(moreThreads).run(m_data, observer);
    EXPECT_EQ(extended.skipped, 1u);
    EXPECT_EQ(extended.trained, 1u);
}

// What Slurm array tasks do: each invocation trains one job into the shared folder and writes no tables; a
// collecting invocation then writes the tables a single run writes.
TEST_F(ExperimentRunnerTest, OneJobPerInvocationThenCollectGivesTheTablesOfOneRun) {
    m_plan.scenarios = {"extrap"};
    ExperimentPlan collect = m_plan;
    collect.collectOnly = true;
    CountingObserver none;
    EXPECT_THROW(ExperimentRunner(collect).run(m_data, none), std::runtime_error) << "nothing to collect yet";

    ExperimentPlan task = m_plan;
    task.onlyJob = 4;
    EXPECT_THROW(ExperimentRunner(task).run(m_data, none), std::runtime_error) << "the plan has 4 jobs";
    for (std::size_t index : {3, 0, 2, 1}) {  // any order, as a scheduler starts them
        task.onlyJob = index;
        CountingObserver observer;
        const ExperimentSummary summary = ExperimentRunner(task).run(m_data, observer);
        EXPECT_EQ(summary.trained, 1u);
        EXPECT_EQ(observer.m_started, 1);
        EXPECT_TRUE(summary.files.empty()) << "a task leaves the tables to collect";
        if (index == 0) {
            const ExperimentSummary again = ExperimentRunner(task).run(m_data, observer);
            EXPECT_EQ(again.trained, 0u) << "a resubmitted task skips its finished job";
            EXPECT_EQ(again.skipped, 1u);
        }
    }
    EXPECT_FALSE(fs::exists(m_out / "results.csv"));
    const ExperimentSummary collected = ExperimentRunner(collect).run(m_data, none);
    EXPECT_EQ(collected.trained, 0u);
    EXPECT_EQ(collected.results.size(), 4u);
    const std::string fromTasks = readText(m_out / "results.csv");

    ExperimentPlan single = m_plan;
    single.outputDirectory = (m_out / "single").string();
    ExperimentRunner(single).run(m_data, none);
    EXPECT_EQ(readText(m_out / "single" / "results.csv"), fromTasks);
    EXPECT_NE(fromTasks.find("mlp,MLP,extrap,all,2,"), std::string::npos) << fromTasks;
}

TEST(ExperimentPlanChecks, RejectsUnknownNames) {
    ExperimentPlan plan;
    plan.outputDirectory = "/tmp/x";
    plan.models = {"no-such-model"};
    EXPECT_THROW(ExperimentRunner{plan}, std::invalid_argument);
    plan.models = {"mlp"};
    plan.scenarios = {"sideways"};
    EXPECT_THROW(ExperimentRunner{plan}, std::invalid_argument);
    plan.scenarios = {"extrap"};
    plan.level = 3;
    EXPECT_THROW(ExperimentRunner{plan}, std::invalid_argument);
}

JobResult fakeResult(const std::string& scenario, int region, std::uint64_t seed, double weightedF1) {
    JobResult r;
    r.job.model = "mlp";
    r.job.scenario = scenario;
    r.job.heldOutRegion = region;
    r.job.seed = seed;
    r.status = "completed";
    r.test.weightedF1 = weightedF1;
    return r;
}

TEST(ExperimentTables, LoroAggregatesOverRegionsOfSeedMeans) {
    const auto f1 = [](const Metrics& m) { return m.weightedF1; };
    // Region 3: seeds 0.6 and 0.8 -> 0.7; region 6: 0.5. Mean 0.6, sample std of {0.7, 0.5} = 0.141421...
    std::vector<JobResult> results = {fakeResult("loro", 3, 0, 0.6), fakeResult("loro", 3, 1, 0.8),
                                      fakeResult("loro", 6, 0, 0.5), fakeResult("extrap", -1, 0, 0.9)};
    results.push_back(fakeResult("loro", 8, 0, 0.1));
    results.back().status = "failed";  // failed jobs never count
    const Aggregate loro = ExperimentTables::aggregate(results, "mlp", "loro", f1);
    EXPECT_EQ(loro.n, 2u);
    EXPECT_NEAR(loro.mean, 0.6, 1e-12);
    EXPECT_NEAR(loro.std, std::sqrt(0.02), 1e-12);
    const Aggregate extrap = ExperimentTables::aggregate(results, "mlp", "extrap", f1);
    EXPECT_EQ(extrap.n, 1u);
    EXPECT_EQ(extrap.std, 0.0);
    EXPECT_EQ(ExperimentTables::aggregate(results, "mlp-unweighted", "extrap", f1).n, 0u);
}

TEST(ExperimentTables, RowsNameTheirWeightingOnlyWhenWeightingsAreCompared) {
    ExperimentPlan plan;
    plan.models = {"mlp", "random-forest"};
    plan.scenarios = {"extrap"};
    plan.weightings = {ClassWeighting::InverseFrequency, ClassWeighting::None};
    const Dataset data;
    std::vector<JobResult> results = {fakeResult("extrap", -1, 0, 0.8), fakeResult("extrap", -1, 0, 0.9)};
    results[1].job.weighting = ClassWeighting::None;
    ExperimentSummary summary;
    summary.results = results;
    const std::string compared = ExperimentTables(plan, data, "fp").markdown(results, summary);
    EXPECT_NE(compared.find("| MLP (class-weighted CE) | 80.00 |"), std::string::npos) << compared;
    EXPECT_NE(compared.find("| MLP (unweighted CE) | 90.00 |"), std::string::npos);
    EXPECT_NE(compared.find("| Random forest |"), std::string::npos);
    EXPECT_NE(compared.find("class weights inverse-frequency and none compared"), std::string::npos);

    plan.weightings = {ClassWeighting::None};
    results.erase(results.begin());
    summary.results = results;
    const std::string single = ExperimentTables(plan, data, "fp").markdown(results, summary);
    EXPECT_NE(single.find("| MLP | 90.00 |"), std::string::npos) << single;
    EXPECT_NE(single.find("class weights none."), std::string::npos);
}

TEST(ExperimentJob, TreesGetOneJobWhateverWeightingsAreCompared) {
    const std::vector<ClassWeighting> both = {ClassWeighting::InverseFrequency, ClassWeighting::None};
    EXPECT_EQ(weightingsForModel("mlp", both), both);
    EXPECT_EQ(weightingsForModel("random-forest", both).size(), 1u);
    EXPECT_EQ(weightingsForModel("gradient-boosting", {ClassWeighting::None}).size(), 1u);
    ExperimentJob job;
    job.model = "gradient-boosting";
    job.weighting = ClassWeighting::None;
    EXPECT_EQ(job.variant(), "gradient-boosting");  // no cross-entropy, so no "(unweighted CE)" row
    job.model = "bridgelc";
    EXPECT_EQ(job.variant(), "bridgelc-unweighted");
}

}  // namespace
}  // namespace bridgelc
