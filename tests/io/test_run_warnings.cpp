// A run's warnings are saved in its metrics.json and read back; runs saved before warnings existed read as
// having none.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/io/metrics_json.h"
#include "core/io/run_store.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

struct TempFolder {
    fs::path path =
        fs::temp_directory_path() / ("bridgelc_run_warnings_" + std::to_string(std::random_device{}()));
    TempFolder() { fs::create_directories(path); }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

TEST(RunWarnings, AreSavedInMetricsJsonAndReadBack) {
    TempFolder dir;
    const Dataset data = test::syntheticDataset(40, 3, 2);
    RunResult run;
    run.status = RunStatus::Completed;
    run.modelName = "mlp";
    run.splitName = "EXTRAP";
    run.classNames = data.classNames;
    run.warnings = {
        "The validation part of EXTRAP is empty: early stopping and the choice of the best epoch have "
        "nothing to go on, and the validation loss and scores shown are not measured.",
        "Every scored point is of one class ('class 0'): ..."};
    const fs::path runDir = dir.path / "run";
    RunStore::saveTo(run, data, runDir.string());
    EXPECT_EQ(readRunWarnings(runDir.string()), run.warnings);
    EXPECT_EQ(readRunWarnings((runDir / "metrics.json").string()), run.warnings);
}

TEST(RunWarnings, OlderRunsAndOtherFilesHaveNone) {
    TempFolder dir;
    const fs::path old = dir.path / "metrics.json";
    std::ofstream(old) << R"({"classNames": ["a"], "test": {"points": 3}})";
    EXPECT_TRUE(readRunWarnings(old.string()).empty());
    EXPECT_TRUE(readRunWarnings((dir.path / "missing").string()).empty());
    EXPECT_EQ(warningsFromJson(nlohmann::json{{"warnings", {"one", 2, "three"}}}),
              (std::vector<std::string>{"one", "three"}));
    const fs::path broken = dir.path / "broken.json";
    std::ofstream(broken) << "{\"warnings\": [";
    EXPECT_THROW(readRunWarnings(broken.string()), std::runtime_error);
}

}  // namespace
}  // namespace bridgelc
