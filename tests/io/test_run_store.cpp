// RunStore: a run is saved as a directory of files that parse, is listed newest first, its history reloads,
// and it can be removed. One case trains a real tiny model so model.bridgelc is written and read back.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>

#include "core/io/checkpoint.h"
#include "core/io/dataset_fingerprint.h"
#include "core/io/run_store.h"
#include "core/io/saved_run.h"
#include "core/model/model.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

using bridgelc::testing::readText;

// Two well separated classes in three features, points spread over Atlantic (3) and Continental (6).
Dataset syntheticDataset(std::size_t n = 300) {
    Dataset d;
    d.sourcePath = "/data/synthetic.csv";
    d.featureNames = {"b1", "b2", "b3"};
    d.classNames = {"Cropland", "Woodland"};
    std::mt19937 rng(3);
    std::normal_distribution<float> noise(0, 0.3f);
    for (std::size_t i = 0; i < n; ++i) {
        const int label = static_cast<int>(i % 2);
        for (int f = 0; f < 3; ++f)
            d.features.push_back(static_cast<float>(label * 2 + f) + noise(rng));
        d.lon.push_back(-2.0 + 0.05 * static_cast<double>(i % 100));
        d.lat.push_back(45.0 + 0.03 * static_cast<double>(i % 50));
        d.ids.push_back("pt" + std::to_string(i));
        d.label.push_back(label);
        d.region.push_back(i % 3 == 0 ? 6 : 3);
    }
    return d;
}

RunResult handMadeRun(const Dataset& d, const std::string& model, std::uint64_t seed) {
    RunResult run;
    run.status = RunStatus::Completed;
    run.modelName = model;
    run.splitName = "LORO-CON";
    run.scenario = "loro";
    run.heldOutRegion = 6;
    run.settings.seed = seed;
    run.classNames = d.classNames;
    for (int e = 1; e <= 4; ++e) {
        EpochReport r;
        r.epoch = e;
        r.epochs = 4;
        r.trainLoss = 1.0 / e;
        r.validationWeightedF1 = 0.5 + 0.1 * e;
        r.improved = true;
        run.history.push_back(r);
    }
    run.bestEpoch = 4;
    run.trainSeconds = 1.25;
    std::vector<int> truth, predicted, region;
    for (std::int64_t row = 0; row < 10; ++row) {
        run.test.rows.push_back(row);
        const int p = row == 3 ? 1 - d.label[row] : d.label[row];
        run.test.predicted.push_back(p);
        run.test.confidence.push_back(0.8f);
        run.test.probabilities.push_back(p == 0 ? 0.8f : 0.2f);
        run.test.probabilities.push_back(p == 0 ? 0.2f : 0.8f);
        truth.push_back(d.label[row]);
        predicted.push_back(p);
        region.push_back(d.region[row]);
    }
    run.test.classes = 2;
    run.testConfusion = ConfusionMatrix(truth, predicted, 2);
    run.testMetrics = computeMetrics(run.testConfusion);
    run.testMetricsPerRegion = metricsPerRegion(truth, predicted, region, 2, 11);
    return run;
}

// Rows 0-199 train, 200-239 validate, 240-299 test (of syntheticDataset()).
Split firstRowsSplit() {
    Split split;
    split.name = "EXTRAP";
    split.scenario = "extrap";
    for (std::int64_t i = 0; i < 300; ++i)
        (i < 200 ? split.train : i < 240 ? split.validation : split.test).push_back(i);
    return split;
}

// A real trained model, small enough to be quick: a forest of 5 trees.
RunResult trainSmallForest(const Dataset& d, const Split& split) {
    TrainingSettings settings = TrainingSettings::laptop();
    settings.trees = 5;
    TrainingObserver quiet;
    return trainAndEvaluate(d, split, "random-forest", settings, quiet);
}

class RunStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_root =
            fs::temp_directory_path() / ("bridgelc-runstore-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_root);
    }
    void TearDown() override { fs::remove_all(m_root); }
    fs::path m_root;
};

TEST_F(RunStoreTest, SavedFilesParse) {
    const Dataset d = syntheticDataset();
    const RunResult run = handMadeRun(d, "mlp", 7);
    RunStore store(m_root.string());
    const RunSummary summary = store.save(run, d);

    const fs::path dir = summary.directory;
    EXPECT_EQ(dir.parent_path(), fs::absolute(m_root));
    EXPECT_EQ(summary.modelName, "mlp");
    EXPECT_EQ(summary.splitName, "LORO-CON");
    EXPECT_EQ(summary.status, "completed");
    EXPECT_EQ(summary.seed, 7u);
    EXPECT_EQ(summary.epochs, 4);
    EXPECT_DOUBLE_EQ(summary.weightedF1, run.testMetrics.weightedF1);
    EXPECT_DOUBLE_EQ(summary.overallAccuracy, 0.9);  // one of ten test points is wrong

    const auto config = nlohmann::json::parse(readText(dir / "config.json"));
    EXPECT_EQ(config["id"], summary.id);
    EXPECT_EQ(config["split"]["heldOutRegion"], "CON");
    EXPECT_EQ(config["settings"]["seed"], 7);
    EXPECT_EQ(config["dataset"]["path"], "/data/synthetic.csv");
    EXPECT_EQ(config["dataset"]["fingerprint"], datasetFingerprint(d));
    EXPECT_EQ(config["dataset"]["points"], 300);

    const auto metrics = nlohmann::json::parse(readText(dir / "metrics.json"));
    EXPECT_DOUBLE_EQ(metrics["test"]["kappa"].get<double>(), run.testMetrics.kappa);
    EXPECT_EQ(metrics["test"]["perClass"][1]["class"], "Woodland");
    EXPECT_TRUE(metrics["perRegion"].contains("ATL"));
    EXPECT_TRUE(metrics["perRegion"].contains("CON"));
    EXPECT_EQ(metrics["confusion"][0][1].get<int>() + metrics["confusion"][1][0].get<int>(), 1);

    const std::string confusion = readText(dir / "confusion.csv");
    EXPECT_EQ(confusion.substr(0, confusion.find('\n')), "true\\predicted,Cropland,Woodland");
    EXPECT_EQ(std::count(confusion.begin(), confusion.end(), '\n'), 3);

    GDALAllRegister();
    GDALDatasetUniquePtr predictions(
        GDALDataset::Open((dir / "predictions.csv").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(predictions);
    EXPECT_EQ(predictions->GetLayer(0)->GetFeatureCount(), 10);

    EXPECT_FALSE(fs::exists(dir / "model.bridgelc"));  // the hand-made run has no model
    for (const auto& entry : fs::directory_iterator(m_root))
        EXPECT_NE(entry.path().filename().string()[0], '.') << "staging left behind: " << entry.path();
}

TEST_F(RunStoreTest, ListNewestFirstHistoryAndRemove) {
    const Dataset d = syntheticDataset();
    RunStore store(m_root.string());
    EXPECT_TRUE(store.list().empty());
    const RunSummary first = store.save(handMadeRun(d, "mlp", 0), d);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const RunSummary second = store.save(handMadeRun(d, "mlp", 0), d);  // same name, same second: "-2"
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const RunSummary third = store.save(handMadeRun(d, "random-forest", 1), d);
    EXPECT_NE(first.id, second.id);

    fs::create_directories(m_root / "not-a-run");  // skipped: no config.json
    fs::create_directories(m_root / "broken");     // skipped: config.json does not parse
    std::ofstream(m_root / "broken" / "config.json") << "{ not json";

    const auto runs = store.list();
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].id, third.id);
    EXPECT_EQ(runs[1].id, second.id);
    EXPECT_EQ(runs[2].id, first.id);

    const auto history = store.history(second.id);
    ASSERT_EQ(history.size(), 4u);
    EXPECT_EQ(history[3].epoch, 4);
    EXPECT_DOUBLE_EQ(history[1].trainLoss, 0.5);
    EXPECT_DOUBLE_EQ(history[2].validationWeightedF1, 0.8);

    EXPECT_TRUE(store.remove(second.id));
    EXPECT_FALSE(store.remove(second.id));
    EXPECT_FALSE(store.remove(".."));
    EXPECT_FALSE(store.remove("../" + m_root.filename().string()));
    EXPECT_EQ(store.list().size(), 2u);
    EXPECT_THROW(store.history(second.id), std::runtime_error);
}

TEST_F(RunStoreTest, SaveToWritesExactlyThereAndRefusesForeignDirectories) {
    const Dataset d = syntheticDataset();
    const fs::path out = m_root / "my-run";
    const RunSummary summary = RunStore::saveTo(handMadeRun(d, "mlp", 0), d, out.string());
    EXPECT_EQ(summary.id, "my-run");
    EXPECT_TRUE(fs::exists(out / "metrics.json"));
    RunStore::saveTo(handMadeRun(d, "mlp", 1), d, out.string());  // a run directory may be replaced
    EXPECT_EQ(nlohmann::json::parse(readText(out / "config.json"))["settings"]["seed"], 1);

    fs::create_directories(m_root / "documents");
    std::ofstream(m_root / "documents" / "thesis.tex") << "precious";
    EXPECT_THROW(RunStore::saveTo(handMadeRun(d, "mlp", 0), d, (m_root / "documents").string()),
                 std::runtime_error);
    EXPECT_TRUE(fs::exists(m_root / "documents" / "thesis.tex"));
}

TEST_F(RunStoreTest, TrainedModelIsSavedAsCheckpoint) {
    const Dataset d = syntheticDataset();
    const Split split = firstRowsSplit();
    const RunResult run = trainSmallForest(d, split);
    ASSERT_EQ(run.status, RunStatus::Completed) << run.message;

    RunStore store(m_root.string());
    const RunSummary summary = store.save(run, d);
    const fs::path checkpoint = fs::path(summary.directory) / "model.bridgelc";
    ASSERT_TRUE(fs::exists(checkpoint));
    const LoadedCheckpoint loaded = loadCheckpoint(checkpoint.string());
    ASSERT_TRUE(loaded.model);
    EXPECT_EQ(loaded.model->name(), "random-forest");
    EXPECT_EQ(loaded.metadata["dataFingerprint"], datasetFingerprint(d));
    EXPECT_DOUBLE_EQ(loaded.metadata["metrics"]["weightedF1"].get<double>(), run.testMetrics.weightedF1);
    // The reloaded model predicts what the trained one did.
    const Predictions again = predict(*loaded.model, d, split.test);
    EXPECT_EQ(again.predicted, run.test.predicted);
}

TEST_F(RunStoreTest, SavedRunReadsBackWholeAndBindsOnlyToItsDataset) {
    const Dataset d = syntheticDataset();
    const Split split = firstRowsSplit();
    const RunResult run = trainSmallForest(d, split);
    ASSERT_EQ(run.status, RunStatus::Completed) << run.message;
    const RunSummary summary = RunStore(m_root.string()).save(run, d);
    EXPECT_EQ(summary.datasetFingerprint, datasetFingerprint(d));
    EXPECT_EQ(summary.datasetPoints, 300u);

    SavedRun saved = loadSavedRun(summary.directory);
    const RunResult& back = saved.result;
    EXPECT_EQ(back.status, RunStatus::Completed);
    EXPECT_EQ(back.modelName, "random-forest");
    EXPECT_EQ(back.classNames, d.classNames);
    EXPECT_EQ(back.testConfusion.total(), 60u);
    for (std::size_t t = 0; t < 2; ++t)
        for (std::size_t p = 0; p < 2; ++p)
            EXPECT_EQ(back.testConfusion.at(t, p), run.testConfusion.at(t, p));
    EXPECT_DOUBLE_EQ(back.testMetrics.weightedF1, run.testMetrics.weightedF1);
    ASSERT_EQ(back.testMetrics.perClass.size(), 2u);
    EXPECT_DOUBLE_EQ(back.testMetrics.perClass[1].f1, run.testMetrics.perClass[1].f1);
    ASSERT_EQ(back.testMetricsPerRegion.size(), run.testMetricsPerRegion.size());
    for (std::size_t r = 0; r < run.testMetricsPerRegion.size(); ++r)
        EXPECT_EQ(back.testMetricsPerRegion[r].points, run.testMetricsPerRegion[r].points) << "region " << r;
    EXPECT_EQ(back.history.size(), run.history.size());
    EXPECT_EQ(back.test.predicted, run.test.predicted);
    ASSERT_EQ(back.test.confidence.size(), run.test.confidence.size());
    EXPECT_NEAR(back.test.confidence[7], run.test.confidence[7], 1e-5);
    EXPECT_EQ(back.test.probabilities.size(), run.test.probabilities.size());
    ASSERT_TRUE(back.model) << saved.modelProblem;
    EXPECT_TRUE(back.test.rows.empty());  // located only once bound to a dataset

    ASSERT_TRUE(bindToDataset(saved, d));
    EXPECT_EQ(saved.result.test.rows, run.test.rows);

    Dataset other = d;
    other.features[0] += 1.0f;  // row 0 is one of the rows the fingerprint samples
    EXPECT_FALSE(bindToDataset(saved, other));
    EXPECT_TRUE(saved.result.test.rows.empty());
}

TEST_F(RunStoreTest, SavedRunWithBrokenMetricsNamesTheFile) {
    const Dataset d = syntheticDataset();
    const RunSummary summary = RunStore(m_root.string()).save(handMadeRun(d, "mlp", 1), d);
    std::ofstream(fs::path(summary.directory) / "metrics.json") << "{\"test\": 3";
    try {
        loadSavedRun(summary.directory);
        FAIL() << "a truncated metrics.json must not load";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("metrics.json"), std::string::npos) << error.what();
    }
}

}  // namespace
}  // namespace bridgelc
