// Every trained run carries its area of applicability: built with the model's own importance (trees) or
// permutation importance (networks), folds by region for LORO, scored inside and outside on the test points,
// saved as aoa.json beside the checkpoint that names it, read back to the same DI; a checkpoint saved without
// one has "no AOA"; damaged files are refused by name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/io/applicability_json.h"
#include "core/io/checkpoint.h"
#include "core/io/run_store.h"
#include "core/model/model.h"
#include "core/split/split.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

RunResult trainOn(const Dataset& data, const Split& split, const std::string& model) {
    TrainingSettings settings = TrainingSettings::laptop();
    settings.trees = 5;
    settings.epochs = 3;
    settings.threads = 1;
    TrainingObserver quiet;
    return trainAndEvaluate(data, split, model, settings, quiet);
}

class RunApplicabilityTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc-aoa-run-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
    Dataset m_data = test::syntheticDataset(800, 5, 3);
};

TEST_F(RunApplicabilityTest, LoroForestRunHasRegionFoldsScoresAndSavedFiles) {
    const int med = regionIndex("MED");
    const Split split = loroFold(m_data, med);
    const RunResult run = trainOn(m_data, split, "random-forest");
    ASSERT_EQ(run.status, RunStatus::Completed) << run.message;
    ASSERT_TRUE(run.aoa) << run.aoaMessage;
    EXPECT_EQ(run.aoa->importance().kind, kWeightsTotalGain);
    EXPECT_EQ(run.aoa->trainingCount(), split.train.size());
    const std::set<int> folds(run.aoa->trainingFolds().begin(), run.aoa->trainingFolds().end());
    EXPECT_EQ(folds.count(med), 0u) << "the held-out region is no training fold";
    EXPECT_EQ(folds.size(), 3u);  // ALP, ATL, CON
    EXPECT_GT(run.aoa->threshold(), 0.0);
    EXPECT_EQ(run.testApplicability.inside + run.testApplicability.outside, split.test.size());
    EXPECT_EQ(run.testDi.size(), split.test.size());

    const RunSummary saved = RunStore::saveTo(run, m_data, m_dir.string());
    ASSERT_TRUE(fs::exists(m_dir / kAoaFileName));
    std::ifstream in(m_dir / "metrics.json");
    const nlohmann::json metrics = nlohmann::json::parse(in);
    EXPECT_TRUE(metrics["applicability"]["available"].get<bool>());
    EXPECT_DOUBLE_EQ(metrics["applicability"]["shareOutside"].get<double>(),
                     run.testApplicability.shareOutside());

    const std::string checkpoint = (m_dir / kCheckpointFileName).string();
    const LoadedCheckpoint loaded = loadCheckpoint(checkpoint);
    EXPECT_EQ(loaded.metadata["aoa"], kAoaFileName);
    const auto aoa = loadCheckpointApplicability(checkpoint, loaded.metadata);
    ASSERT_TRUE(aoa);
    EXPECT_DOUBLE_EQ(aoa->threshold(), run.aoa->threshold());
    std::vector<float> features;
    for (std::int64_t row : split.test)
        features.insert(features.end(), m_data.row(row), m_data.row(row) + m_data.featureCount());
    EXPECT_EQ(aoa->dissimilarity(features.data(), split.test.size()), run.testDi);
    (void)saved;
}

TEST_F(RunApplicabilityTest, NetworksUseSeededPermutationImportance) {
    const Split split = extrapSplit(m_data);
    const RunResult first = trainOn(m_data, split, "mlp");
    ASSERT_TRUE(first.aoa) << first.aoaMessage;
    EXPECT_EQ(first.aoa->importance().kind, kWeightsPermutation);
    ASSERT_EQ(first.aoa->importance().importance.size(), m_data.featureCount());
    const RunResult second = trainOn(m_data, split, "mlp");
    ASSERT_TRUE(second.aoa);
    EXPECT_EQ(first.aoa->importance().importance, second.aoa->importance().importance);
    EXPECT_EQ(first.aoa->threshold(), second.aoa->threshold());
    // EXTRAP folds are the spatial blocks: more than one, each training point in one.
    const std::set<int> folds(first.aoa->trainingFolds().begin(), first.aoa->trainingFolds().end());
    EXPECT_GE(folds.size(), 2u);
    EXPECT_EQ(folds.count(-1), 0u);
}

TEST_F(RunApplicabilityTest, CheckpointWithoutAoaHasNoneAndDamagedOnesAreRefusedByName) {
    const RunResult run = trainOn(m_data, extrapSplit(m_data), "random-forest");
    ASSERT_TRUE(run.model);
    const fs::path oldDir = m_dir.string() + "-old";
    fs::create_directories(oldDir);
    const std::string old = (oldDir / "old.bridgelc").string();
    saveCheckpoint(*run.model, old);  // as every run saved before the area of applicability
    const LoadedCheckpoint loadedOld = loadCheckpoint(old);
    EXPECT_EQ(loadCheckpointApplicability(old, loadedOld.metadata), nullptr);
    fs::remove_all(oldDir);

    RunStore::saveTo(run, m_data, m_dir.string());
    const std::string checkpoint = (m_dir / kCheckpointFileName).string();
    const LoadedCheckpoint loaded = loadCheckpoint(checkpoint);
    fs::resize_file(m_dir / kAoaMatrixFileName, fs::file_size(m_dir / kAoaMatrixFileName) - 4);
    try {
        loadCheckpointApplicability(checkpoint, loaded.metadata);
        FAIL() << "a truncated training matrix was accepted";
    } catch (const AoaError& error) {
        EXPECT_NE(std::string(error.what()).find(kAoaMatrixFileName), std::string::npos) << error.what();
    }
    fs::remove(m_dir / kAoaFileName);
    try {
        loadCheckpointApplicability(checkpoint, loaded.metadata);
        FAIL() << "a missing aoa.json was accepted";
    } catch (const AoaError& error) {
        EXPECT_NE(std::string(error.what()).find(kAoaFileName), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace bridgelc
