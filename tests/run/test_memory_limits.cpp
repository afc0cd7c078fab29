// Limits that explain themselves: with memory capped (BRIDGELC_MEMORY_LIMIT stands in for a small machine),
// a file too large to read and a training run too large to fit are refused before anything is allocated,
// with a sentence that says what is needed, what is available and what to change.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "core/data/load_memory.h"
#include "core/data/point_reader.h"
#include "core/model/model_registry.h"
#include "core/run/training_memory.h"
#include "core/run/training_run.h"
#include "core/util/memory_budget.h"
#include "core/util/resources.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

class MemoryLimit : public ::testing::Test {
protected:
    void TearDown() override { ::unsetenv("BRIDGELC_MEMORY_LIMIT"); }
    static void limit(const char* size) { ::setenv("BRIDGELC_MEMORY_LIMIT", size, 1); }
};

TEST_F(MemoryLimit, BudgetFollowsTheLimitAndTheMachine) {
    const MemoryBudget machine = memoryBudget();
    EXPECT_GT(machine.availableBytes, 0u);
    limit("3M");
    const MemoryBudget capped = memoryBudget();
    EXPECT_EQ(capped.availableBytes, 3000000u);
    EXPECT_EQ(capped.limitedBy, "BRIDGELC_MEMORY_LIMIT");
    EXPECT_EQ(humanBytes(3000000), "3.0 MB");
    EXPECT_EQ(humanBytes(1234567890), "1.2 GB");
    EXPECT_EQ(humanBytes(512), "512 bytes");
}

TEST_F(MemoryLimit, SampleEstimateIsCloseToItsSize) {
    const std::string sample = resourcePath("sample/eu27_synthetic_sample.csv");
    const LoadMemory estimate = estimateCsvLoadMemory(sample);
    const LoadResult loaded = loadPoints(sample);
    ASSERT_TRUE(loaded.dataset);
    // Points are extrapolated from the first 64 KiB: within 10 % of the real count.
    EXPECT_NEAR(static_cast<double>(estimate.points), static_cast<double>(loaded.dataset->size()),
                0.1 * static_cast<double>(loaded.dataset->size()));
    EXPECT_EQ(estimate.columns, loaded.dataset->featureCount() + 6);  // id, lon, lat, region, name, code
    std::cout << "sample: " << estimate.points << " points estimated (" << loaded.dataset->size()
              << " read), " << humanBytes(estimate.bytes) << " estimated to load" << std::endl;
}

TEST_F(MemoryLimit, FileTooLargeForTheLimitIsRefusedWithASuggestion) {
    const std::string sample = resourcePath("sample/eu27_synthetic_sample.csv");
    limit("4M");  // below the 5.6 MB file itself
    const LoadResult refused = loadPoints(sample);
    EXPECT_FALSE(refused.dataset);
    const std::string message = refused.report.fatalMessage();
    std::cout << "refusal: " << message << std::endl;
    EXPECT_NE(message.find(sample), std::string::npos) << message;
    EXPECT_NE(message.find("reading this file needs about"), std::string::npos) << message;
    EXPECT_NE(message.find("but only 4.0 MB is available (limited by BRIDGELC_MEMORY_LIMIT)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("open a smaller file"), std::string::npos) << message;
    ::unsetenv("BRIDGELC_MEMORY_LIMIT");
    EXPECT_TRUE(loadPoints(sample).dataset);
}

TEST_F(MemoryLimit, ContrastiveMemoryGrowsWithTheSquareOfTheBatch) {
    const ModelInfo& bridge = modelInfo("bridgelc");
    TrainingSettings settings;
    settings.batchSize = 512;
    const TrainingMemory small = estimateTrainingMemory(bridge, settings, 100000, 35, 8);
    settings.batchSize = 1024;
    const TrainingMemory large = estimateTrainingMemory(bridge, settings, 100000, 35, 8);
    EXPECT_EQ(large.contrastive, 4 * small.contrastive);
    EXPECT_EQ(large.data, small.data);
    EXPECT_EQ(estimateTrainingMemory(modelInfo("mlp"), settings, 100000, 35, 8).contrastive, 0u);
    EXPECT_EQ(estimateTrainingMemory(modelInfo("bridgelc-no-supcon"), settings, 100000, 35, 8).contrastive,
              0u);
}

TEST_F(MemoryLimit, TrainingTooLargeForTheLimitIsRefusedBeforeItStarts) {
    const Dataset data = test::syntheticDataset(3000, 6, 3);
    Split split;
    split.name = "EXTRAP";
    split.scenario = "extrap";
    split.train = test::rowRange(0, 2500);
    split.validation = test::rowRange(2500, 2800);
    split.test = test::rowRange(2800, 3000);
    TrainingSettings settings = TrainingSettings::laptop();
    settings.batchSize = 2800;  // SupCon's 5600 x 5600 matrix: hundreds of MB
    limit("200M");
    struct Messages : TrainingObserver {
        std::vector<std::string> seen;
        void onMessage(const std::string& message) override { seen.push_back(message); }
    } observer;
    const RunResult run = trainAndEvaluate(data, split, "bridgelc", settings, observer);
    std::cout << "refusal: " << run.message << std::endl;
    EXPECT_EQ(run.status, RunStatus::Failed);
    EXPECT_FALSE(run.model);
    EXPECT_TRUE(run.history.empty());
    EXPECT_NE(run.message.find("Training BRIDGE-LC on 2800 points needs about"), std::string::npos)
        << run.message;
    EXPECT_NE(run.message.find("SupCon similarity matrix"), std::string::npos) << run.message;
    EXPECT_NE(run.message.find("but only 200 MB is available"), std::string::npos) << run.message;
    EXPECT_NE(run.message.find("Use a batch size of"), std::string::npos) << run.message;
    ASSERT_EQ(observer.seen.size(), 1u);
    EXPECT_EQ(observer.seen[0], run.message);
    // The suggested batch size really fits.
    const std::size_t at = run.message.find("Use a batch size of ") + 20;
    settings.batchSize = std::stoi(run.message.substr(at));
    EXPECT_EQ(trainingMemoryProblem(modelInfo("bridgelc"), settings, 2800, 6, 3), "");
    // Without the cap the same run would be allowed to start.
    ::unsetenv("BRIDGELC_MEMORY_LIMIT");
    settings.batchSize = 2800;
    EXPECT_EQ(trainingMemoryProblem(modelInfo("bridgelc"), settings, 2800, 6, 3), "");
}

}  // namespace
}  // namespace bridgelc
