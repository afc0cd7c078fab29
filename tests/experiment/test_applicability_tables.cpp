// The experiment tables' area-of-applicability columns: each job saves its test points inside and outside
// the AOA with their scores; the tables aggregate them like the scores; results saved before the AOA existed
// still read (no AOA, no numbers); and collecting saved results gives the tables of one run.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "core/experiment/applicability_tables.h"
#include "core/experiment/experiment_runner.h"
#include "core/experiment/job_parallelism.h"
#include "core/model/model_registry.h"
#include "core/run/training_memory.h"
#include "tests/experiment/protocol_dataset.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;
using bridgelc::testing::readText;

Dataset shiftedRegions() {
    return bridgelc::testing::threeRegionDataset(5, 2.5, "shifted");
}

class NoObserver : public ExperimentObserver {};

class ApplicabilityTablesTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_out = fs::temp_directory_path() / ("bridgelc-aoa-tables-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_out);
        m_plan.models = {"random-forest"};
        m_plan.scenarios = {"extrap", "loro"};
        m_plan.seeds = {0};
        m_plan.loroMinTestPoints = 50;
        m_plan.settings = TrainingSettings::laptop();
        m_plan.settings.trees = 5;
        m_plan.outputDirectory = m_out.string();
    }
    void TearDown() override { fs::remove_all(m_out); }

    fs::path m_out;
    ExperimentPlan m_plan;
    Dataset m_data = shiftedRegions();
};

TEST_F(ApplicabilityTablesTest, JobsSaveInsideAndOutsideAndTablesAggregateThem) {
    NoObserver observer;
    const ExperimentSummary summary = ExperimentRunner(m_plan).run(m_data, observer);
    ASSERT_EQ(summary.results.size(), 4u);  // EXTRAP + 3 LORO folds
    ASSERT_EQ(summary.failed, 0u) << summary.results[0].message;

    const auto med = nlohmann::json::parse(readText(m_out / "jobs" / "random-forest__LORO-MED__s0.json"));
    const auto& aoa = med.at("applicability");
    ASSERT_TRUE(aoa.at("available").get<bool>()) << aoa.dump();
    const auto inside = aoa.at("testInside").get<std::size_t>(),
               outside = aoa.at("testOutside").get<std::size_t>();
    EXPECT_EQ(inside + outside, 180u) << "every MED test point is inside or outside";
    EXPECT_GT(outside, 0u) << "the shifted region should lie partly outside";
    const double share = double(outside) / double(inside + outside);
    EXPECT_NEAR(aoa.at("shareOutside").get<double>(), share, 1e-12);

    // The table's LORO per-region cell is that job's share (one seed); the CSV row carries it too.
    const JobResult read = jobResultFromJson(med);
    EXPECT_TRUE(read.hasAoa);
    EXPECT_EQ(read.testOutside, outside);
    const ApplicabilityCell cell = ApplicabilityCell::ofRegion(summary.results, "random-forest", 8);
    EXPECT_NEAR(cell.shareOutside.mean, share, 1e-12);
    if (inside > 0) EXPECT_NEAR(cell.f1Inside.mean, aoa.at("inside").at("weightedF1").get<double>(), 1e-12);
    EXPECT_NEAR(cell.f1Outside.mean, aoa.at("outside").at("weightedF1").get<double>(), 1e-12);

    const std::string md = readText(m_out / "results.md");
    for (const char* text :
         {"## Area of applicability: test points outside (%), weighted F1 inside and outside",
          "| Model | EXTRAP outside % | EXTRAP F1 inside | EXTRAP F1 outside | LORO outside % |",
          "## LORO: held-out test points outside the area of applicability (%)",
          "## LORO: weighted F1 inside / outside the area of applicability per held-out region",
          "| Model | ATL | CON | MED |"})
        EXPECT_NE(md.find(text), std::string::npos) << "missing '" << text << "' in\n" << md;
    char shareText[32];
    std::snprintf(shareText, sizeof shareText, "%.2f |", 100 * share);
    const std::size_t regionTable = md.find("## LORO: held-out test points outside");
    const std::string row = md.substr(md.find("| Random forest |", regionTable));
    EXPECT_NE(row.substr(0, row.find('\n')).find(shareText), std::string::npos) << row.substr(0, 80);

    const std::string csv = readText(m_out / "results.csv");
    EXPECT_NE(csv.find(",share_outside_mean,share_outside_std,weighted_f1_inside_mean"), std::string::npos);
    char csvShare[64];
    std::snprintf(csvShare, sizeof csvShare, ",%.6f,0.000000,", share);
    const std::size_t medRow = csv.find("random-forest,Random forest,loro,MED,");
    ASSERT_NE(medRow, std::string::npos) << csv;
    EXPECT_NE(csv.substr(medRow, csv.find('\n', medRow) - medRow).find(csvShare), std::string::npos)
        << csv.substr(medRow, 200);
    const auto results = nlohmann::json::parse(readText(m_out / "results.json"));
    EXPECT_TRUE(results["table"][0].contains("applicability")) << results["table"][0].dump();

    // The tables collected from the saved jobs (what `experiment --jobs N` does after its processes) are the
    // tables of the run itself.
    ExperimentRunner collector(m_plan);
    collector.prepare(m_data);
    for (std::size_t i = 0; i < collector.jobs().size(); ++i)
        EXPECT_TRUE(collector.isFinished(i)) << collector.jobs()[i].key();
    const ExperimentSummary collected = collector.collect(false);
    EXPECT_EQ(collected.results.size(), 4u);
    EXPECT_EQ(readText(m_out / "results.csv"), csv);
    EXPECT_EQ(readText(m_out / "results.md"), md);
}

TEST(ApplicabilityTables, ResultsSavedBeforeTheAreaOfApplicabilityShowNoNumbers) {
    JobResult old;
    old.job.model = "mlp";
    old.job.scenario = "loro";
    old.job.heldOutRegion = 3;
    old.status = "completed";
    old.classNames = {"a", "b"};
    nlohmann::json json = jobResultToJson(old);
    json.erase("applicability");
    const JobResult read = jobResultFromJson(json);
    EXPECT_FALSE(read.hasAoa);
    const ApplicabilityCell cell = ApplicabilityCell::of({read}, "mlp", "loro");
    EXPECT_EQ(cell.shareOutside.n, 0u);
    EXPECT_EQ(cell.csvCells(), ",,,,,,") << "no AOA is empty, never 0";
    EXPECT_EQ(applicabilityMarkdown({read}, {"mlp"}, {"MLP"}, {"loro"}, {3}), "")
        << "no section without any AOA";
}

TEST(JobParallelismRule, OneJobPerThreadBoundedByJobsLeftAndRequests) {
    ExperimentPlan plan;
    plan.models = {"mlp"};
    const Dataset data = shiftedRegions();  // small: memory allows many
    JobParallelism p = JobParallelism::choose(plan, data, 2, 0, 10);
    EXPECT_EQ(p.jobs, 2);
    EXPECT_EQ(p.threadsPerJob, 1);
    p = JobParallelism::choose(plan, data, 4, 0, 3);
    EXPECT_EQ(p.jobs, 3);
    EXPECT_EQ(p.threadsPerJob, 1);
    EXPECT_EQ(p.reason, "jobs left");
    p = JobParallelism::choose(plan, data, 4, 2, 10);
    EXPECT_EQ(p.jobs, 2);
    EXPECT_EQ(p.threadsPerJob, 2);
    p = JobParallelism::choose(plan, data, 1, 0, 10);
    EXPECT_EQ(p.jobs, 1);
    p = JobParallelism::choose(plan, data, 8, 0, 0);
    EXPECT_EQ(p.jobs, 1) << "nothing left: one (the run only builds tables)";

    // Memory for one job only: one at a time, with every thread.
    const TrainingMemory need = estimateTrainingMemory(modelInfo("mlp"), plan.settings, data.size(),
                                                       data.featureNames.size(), data.classNames.size());
    ::setenv("BRIDGELC_MEMORY_LIMIT", std::to_string(need.total() + need.total() / 2).c_str(), 1);
    p = JobParallelism::choose(plan, data, 2, 0, 10);
    ::unsetenv("BRIDGELC_MEMORY_LIMIT");
    EXPECT_EQ(p.jobs, 1);
    EXPECT_EQ(p.threadsPerJob, 2);
    EXPECT_EQ(p.reason, "memory");
}

}  // namespace
}  // namespace bridgelc
