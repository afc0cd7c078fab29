// Regressions of what fuzzing the loaders found, each reduced to the one damage that triggered it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <limits>

#include "core/io/checkpoint.h"
#include "core/io/history_csv.h"
#include "core/io/metrics_json.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/fuzz/checkpoint_bytes.h"
#include "tests/fuzz/fuzz_harness.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& error) {
        return error.what();
    }
    return "";
}

// metrics.json: a point count of 7.8e44 was cast to an unsigned count (undefined behaviour; found by the
// metrics libFuzzer target), a negative or fractional one accepted.
TEST(FuzzRegressions, MetricsRefuseCountsThatAreNotWholeNumbersInRange) {
    const auto points = [](const std::string& value) {
        return nlohmann::json::parse(R"({"points": )" + value + R"(, "overallAccuracy": 0.75})")
            .get<Metrics>();
    };
    EXPECT_EQ(points("12").points, 12u);
    for (const std::string bad : {"777777777777777777777777777777777777777777777", "-3", "2.5", "1e300"}) {
        SCOPED_TRACE(bad);
        const std::string message = errorOf([&] { points(bad); });
        EXPECT_NE(message.find("'points' is not a whole number"), std::string::npos) << message;
    }
    const std::string support =
        errorOf([] { nlohmann::json::parse(R"({"precision": 0.5, "support": -1})").get<ClassScores>(); });
    EXPECT_NE(support.find("'support' is not a whole number"), std::string::npos) << support;
}

// history.csv: an epoch of 1e308 was cast to int (undefined behaviour, INT_MIN in practice), a negative or
// fractional one accepted.
TEST(FuzzRegressions, HistoryRefusesEpochsThatAreNotWholeNumbersFromZero) {
    const std::string header = "epoch,epochs,train_loss,improved\n";
    EXPECT_EQ(historyFromCsv(header + "3,10,0.5,1\n", "h.csv").at(0).epoch, 3);
    for (const std::string bad : {"1e308", "-1", "2.5", "nan", "inf", "4294967296"}) {
        SCOPED_TRACE(bad);
        const std::string message = errorOf([&] { historyFromCsv(header + bad + ",10,0.5,1\n", "h.csv"); });
        EXPECT_NE(message.find("h.csv:2:1: '" + bad + "' is not"), std::string::npos) << message;
    }
    EXPECT_NE(errorOf([&] { historyFromCsv(header + "1,10,0.5,-7\n", "h.csv"); }).find("h.csv:2:4"),
              std::string::npos);
}

class DamagedCheckpoint : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc-fuzz-regressions-" + std::to_string(::getpid()));
        fs::create_directories(m_dir);
        m_path = (m_dir / "model.bridgelc").string();
    }
    void TearDown() override { fs::remove_all(m_dir); }
    // Trains a tiny `name` model, saves it and returns the parts of its checkpoint.
    fuzz::CheckpointParts saved(const std::string& name) {
        const Dataset data = test::syntheticDataset(120, 6, 3);
        TrainingSettings settings;
        settings.epochs = 1;
        settings.batchSize = 32;
        settings.trees = 3;
        TrainingObserver quiet;
        auto model = createModel(name);
        EXPECT_EQ(model->fit(TrainingData{data, test::rowRange(0, 100), {}}, settings, quiet).status,
                  RunStatus::Completed);
        saveCheckpoint(*model, m_path);
        return fuzz::splitCheckpoint(fuzz::readBytes(m_path));
    }
    fs::path m_dir;
    std::string m_path;
};

// A network whose metadata lists more classes than its land-cover head has loaded, and its predictions had
// the wrong size (3 per point where 53 were promised).
TEST_F(DamagedCheckpoint, MoreClassesInTheMetadataThanInTheWeightsIsRefused) {
    const fuzz::CheckpointParts parts = saved("bridgelc");
    nlohmann::json metadata = nlohmann::json::parse(parts.json);
    for (int i = 0; i < 50; ++i)
        metadata["model"]["classNames"].push_back("extra " + std::to_string(i));
    fuzz::writeBytes(m_path, fuzz::assembleCheckpoint(metadata.dump(), parts.weights));
    const std::string message = errorOf([&] { loadCheckpoint(m_path); });
    EXPECT_NE(message.find("the weights do not fit the metadata"), std::string::npos) << message;
    EXPECT_NE(message.find("they predict 3 classes, the metadata names 53"), std::string::npos) << message;
    EXPECT_NE(message.find(m_path), std::string::npos) << message;
}

// A booster length of 8 GiB in a 20 KB file was allocated before reading (up to 16 GiB were allowed).
TEST_F(DamagedCheckpoint, ABoosterLengthBeyondTheFileIsNotAllocated) {
    const fuzz::CheckpointParts parts = saved("random-forest");
    std::string weights = parts.weights;
    const std::uint64_t huge = std::uint64_t{1} << 33;
    std::memcpy(&weights[sizeof(std::uint32_t)], &huge, sizeof huge);  // after the booster count
    fuzz::writeBytes(m_path, fuzz::assembleCheckpoint(parts.json, weights));
    fuzz::AddressSpaceLimit limit(std::uint64_t{1} << 30);  // an allocation of 8 GiB would fail
    const std::string message = errorOf([&] { loadCheckpoint(m_path); });
    EXPECT_NE(message.find("claims 8589934592 bytes, only"), std::string::npos) << message;
}

}  // namespace
}  // namespace bridgelc
