// The experiment runner's fair protocol end to end on a small synthetic table: region-held-out LORO
// validation written into every job, candidate settings chosen per job with an equal budget, a sweep with one
// table row per value, the paired bootstrap section, and resume.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "core/experiment/experiment_runner.h"
#include "core/experiment/setting_grid.h"
#include "tests/experiment/protocol_dataset.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;
using bridgelc::testing::readText;

class FairProtocolTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_out = fs::temp_directory_path() / ("bridgelc-protocol-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_out);
        m_plan.models = {"mlp", "random-forest"};
        m_plan.scenarios = {"extrap", "loro"};
        m_plan.seeds = {0};
        m_plan.loroSeeds = {0, 1};
        m_plan.loroMinTestPoints = 50;
        m_plan.validationRegions = 1;
        m_plan.validationMinPoints = 50;
        m_plan.baselineModel = "random-forest";
        m_plan.bootstrapSamples = 200;
        m_plan.settings = TrainingSettings::laptop();
        m_plan.settings.epochs = 2;
        m_plan.settings.batchSize = 32;
        m_plan.settings.trees = 5;
        m_plan.outputDirectory = m_out.string();
    }
    void TearDown() override { fs::remove_all(m_out); }

    nlohmann::json job(const std::string& key) const {
        return nlohmann::json::parse(readText(m_out / "jobs" / (key + ".json")));
    }

    fs::path m_out;
    ExperimentPlan m_plan;
    Dataset m_data = testing::fourRegionDataset();
};

int countLines(const std::string& text, const std::string& start) {
    std::istringstream lines(text);
    int count = 0;
    for (std::string line; std::getline(lines, line);)
        count += line.rfind(start, 0) == 0;
    return count;
}

TEST_F(FairProtocolTest, RegionHeldOutValidationIsRecordedAndTheBootstrapComparesEveryFold) {
    ExperimentObserver quiet;
    const ExperimentSummary summary = ExperimentRunner(m_plan).run(m_data, quiet);
    // 2 models x (EXTRAP 1 seed + LORO 4 regions x 2 seeds)
    ASSERT_EQ(summary.planned, 18u);
    EXPECT_EQ(summary.failed, 0u) << summary.results.front().message;
    for (const JobResult& r : summary.results) {
        if (r.job.scenario != Scenario::Loro) {
            EXPECT_TRUE(r.job.validationRegions.empty());
            continue;
        }
        ASSERT_EQ(r.job.validationRegions.size(), 1u) << r.job.key();
        EXPECT_NE(r.job.validationRegions.front(), r.job.heldOutRegion) << r.job.key();
        EXPECT_EQ(r.testTruth.size(), r.test.points) << r.job.key();
        EXPECT_EQ(r.testPredicted.size(), r.testTruth.size()) << r.job.key();
    }
    const nlohmann::json med = job("mlp__LORO-MED__s0");
    ASSERT_EQ(med["validationRegions"].size(), 1u);
    EXPECT_NE(med["validationRegions"][0], "MED");
    EXPECT_NE(job("mlp__LORO-MED__s1")["validationRegions"][0], med["validationRegions"][0])
        << "the validation region rotates with the seed";
    // Test truth and predictions are stored per job, one per labelled test point.
    std::size_t medPoints = 0;
    for (std::size_t i = 0; i < m_data.size(); ++i)
        medPoints += m_data.region[i] == 8;
    const std::string truth = med["testPredictions"]["truth"];
    EXPECT_EQ(static_cast<std::size_t>(std::count(truth.begin(), truth.end(), ' ')) + 1, medPoints);

    const std::string md = readText(m_out / "results.md");
    EXPECT_NE(md.find("## LORO validation: held-out training regions"), std::string::npos) << md;
    EXPECT_NE(md.find("## LORO: paired bootstrap of the gain over Random forest"), std::string::npos) << md;
    const std::regex verdict(
        R"(\| MLP \|( [+-]\d+\.\d\d \[[+-]\d+\.\d\d, [+-]\d+\.\d\d\] \|){5} \d of 4 \| (\*\*beats Random forest\*\*|does not beat Random forest) \|)");
    EXPECT_TRUE(std::regex_search(md, verdict)) << md;
    const auto results = nlohmann::json::parse(readText(m_out / "results.json"));
    ASSERT_EQ(results["bootstrap"].size(), 1u);
    EXPECT_EQ(results["bootstrap"][0]["model"], "mlp");
    EXPECT_EQ(results["bootstrap"][0]["folds"].size(), 4u);
    EXPECT_EQ(results["bootstrap"][0]["folds"]["MED"]["seeds"], 2);
}

TEST_F(FairProtocolTest, SweepGivesOneRowPerValueAndResumes) {
    m_plan.sweeps = {SettingAxis::parse("dropout=0.1,0.3"), SettingAxis::parse("random-forest:trees=3,6")};
    m_plan.loroSeeds = {0};
    ExperimentRunner runner(m_plan);
    runner.prepare(m_data);
    // (mlp x 2 dropouts + forest x 2 tree counts) x (EXTRAP + 4 LORO folds)
    ASSERT_EQ(runner.jobs().size(), 20u);
    EXPECT_EQ(runner.jobs()[0].key(), "mlp_dropout_0_1__EXTRAP__s0");
    ExperimentObserver quiet;
    const ExperimentSummary first = runner.run(m_data, quiet);
    EXPECT_EQ(first.trained, 20u);
    EXPECT_EQ(first.failed, 0u);
    EXPECT_EQ(job("mlp_dropout_0_3__LORO-ATL__s0")["sweep"]["value"], "0.3");

    const std::string md = readText(m_out / "results.md");
    const std::size_t dropout = md.find("## Sweep: dropout");
    const std::size_t trees = md.find("## Sweep: trees");
    ASSERT_NE(dropout, std::string::npos) << md;
    ASSERT_NE(trees, std::string::npos) << md;
    const std::string dropoutTable = md.substr(dropout, trees - dropout);
    EXPECT_NE(dropoutTable.find("| Model | dropout | EXTRAP | EXTRAP validation | LORO | LORO validation |"),
              std::string::npos)
        << dropoutTable;
    // Every cell of a finished row holds a score: test and validation, both scenarios.
    const std::size_t row = dropoutTable.find("| MLP | 0.1 | ");
    const std::string line = dropoutTable.substr(row, dropoutTable.find('\n', row) - row);
    EXPECT_EQ(std::count(line.begin(), line.end(), '|'), 7) << line;
    EXPECT_EQ(line.find("–"), std::string::npos) << line;
    EXPECT_EQ(countLines(dropoutTable, "| MLP | 0.1 | "), 1) << dropoutTable;
    EXPECT_EQ(countLines(dropoutTable, "| MLP | 0.3 | "), 1) << dropoutTable;
    EXPECT_EQ(countLines(dropoutTable, "| MLP | "), 2) << dropoutTable;
    const std::string treeTable = md.substr(trees, md.find("\n## ", trees + 1) - trees);
    EXPECT_EQ(countLines(treeTable, "| Random forest | 3 | "), 1) << treeTable;
    EXPECT_EQ(countLines(treeTable, "| Random forest | 6 | "), 1) << treeTable;

    // The swept values change the networks: the two dropouts do not give identical scores everywhere.
    EXPECT_NE(job("mlp_dropout_0_1__EXTRAP__s0")["history"], job("mlp_dropout_0_3__EXTRAP__s0")["history"]);

    const std::string csv = readText(m_out / "results.csv");
    const ExperimentSummary again = ExperimentRunner(m_plan).run(m_data, quiet);
    EXPECT_EQ(again.trained, 0u);
    EXPECT_EQ(again.skipped, 20u);
    EXPECT_EQ(readText(m_out / "results.csv"), csv);
}

TEST_F(FairProtocolTest, TuningChoosesPerJobWithAnEqualBudget) {
    m_plan.scenarios = {"loro"};
    m_plan.loroSeeds = {0};
    m_plan.tune = {SettingAxis::parse("learningRate=0.001,0.01"),
                   SettingAxis::parse("random-forest:trees=3,6")};
    ExperimentObserver quiet;
    const ExperimentSummary summary = ExperimentRunner(m_plan).run(m_data, quiet);
    ASSERT_EQ(summary.planned, 8u);
    EXPECT_EQ(summary.failed, 0u);
    for (const JobResult& r : summary.results) {
        ASSERT_EQ(r.tuning.size(), 2u) << r.job.key();
        double best = -1;
        std::string bestSettings;
        for (const TuningTrial& t : r.tuning)
            if (t.validationWeightedF1 > best) {
                best = t.validationWeightedF1;
                bestSettings = t.settings;
            }
        EXPECT_EQ(r.chosenSettings, bestSettings) << r.job.key();
    }
    const nlohmann::json forest = job("random-forest__LORO-CON__s0");
    EXPECT_EQ(forest["tuning"]["candidates"].size(), 2u);
    EXPECT_EQ(forest["tuning"]["candidates"][0]["settings"], "trees=3");
    EXPECT_NE(readText(m_out / "results.md").find("## Settings chosen on validation"), std::string::npos);

    // Resuming with another grid would mix incomparable results: refused.
    m_plan.tune = {SettingAxis::parse("learningRate=0.001,0.02"),
                   SettingAxis::parse("random-forest:trees=3,6")};
    EXPECT_THROW(ExperimentRunner(m_plan).run(m_data, quiet), std::runtime_error);
}

TEST_F(FairProtocolTest, ResumesFoldersWrittenBeforeTheNewSettingsExisted) {
    m_plan.models = {"random-forest"};
    m_plan.scenarios = {"extrap"};
    m_plan.validationRegions = 0;
    ExperimentObserver quiet;
    ASSERT_EQ(ExperimentRunner(m_plan).run(m_data, quiet).trained, 1u);
    // An experiment.json from before: no loss weights, dropout or network size among its settings.
    const fs::path manifestPath = m_out / "experiment.json";
    nlohmann::json manifest = nlohmann::json::parse(readText(manifestPath));
    for (const char* key : {"landCoverWeight", "regionWeight", "dropout", "hidden", "layers"}) {
        ASSERT_TRUE(manifest["settings"].contains(key)) << key;
        manifest["settings"].erase(key);
    }
    std::ofstream(manifestPath) << manifest.dump(2);
    const ExperimentSummary again = ExperimentRunner(m_plan).run(m_data, quiet);
    EXPECT_EQ(again.skipped, 1u);
    // ... but a changed value is still refused.
    m_plan.settings.hidden = 64;
    EXPECT_THROW(ExperimentRunner(m_plan).run(m_data, quiet), std::runtime_error);
}

TEST_F(FairProtocolTest, RefusesUnequalBudgetsAndBadAxes) {
    m_plan.tune = {SettingAxis::parse("learningRate=0.001,0.01")};  // the forest would get 1 candidate
    EXPECT_THROW(ExperimentRunner{m_plan}, std::invalid_argument);
    m_plan.tune = {SettingAxis::parse("learningRate=0.001,0.01"), SettingAxis::parse("treeMaxDepth=4,8")};
    EXPECT_NO_THROW(ExperimentRunner{m_plan});
    m_plan.sweeps = {SettingAxis::parse("learningRate=0.1")};
    EXPECT_THROW(ExperimentRunner{m_plan}, std::invalid_argument);  // both swept and tuned
    EXPECT_THROW(SettingAxis::parse("learningRate"), std::invalid_argument);
    EXPECT_THROW(SettingAxis::parse("noSuchSetting=1"), std::invalid_argument);
    EXPECT_THROW(SettingAxis::parse("epochs=ten"), std::invalid_argument);
    EXPECT_THROW(SettingAxis::parse("dropout=2"), std::invalid_argument);
    EXPECT_THROW(SettingAxis::parse("seed=1,2"), std::invalid_argument);
    EXPECT_THROW(SettingAxis::parse("layers=2,2"), std::invalid_argument);
    EXPECT_THROW(SettingAxis::parse("nomodel:layers=2"), std::invalid_argument);
}

}  // namespace
}  // namespace bridgelc
