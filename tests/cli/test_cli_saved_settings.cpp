// `--settings FILE` (every training setting from JSON, as the app's Run all passes its own) and `experiment
// --save-runs` (each job's run saved like `train` saves one), on the 4k-point LUCAS sample.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.h"
#include "tests/read_text.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::CliOutput;
using bridgelc::test::runCli;
using bridgelc::testing::readText;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

class CliSavedSettings : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc-cli-settings-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path path = m_dir / name;
        std::ofstream(path) << text;
        return path;
    }

    fs::path m_dir;
};

// A job of `experiment --save-runs` is saved as a run whose settings and scores are exactly those of `train`
// with the same settings file and seed; the job names the run it saved.
TEST_F(CliSavedSettings, ExperimentSavesEachRunAsTrainWould) {
    // Settings no option of the command line sets (width, dropout, contrastive weight) come from the file.
    const fs::path settings = write("settings.json", R"({"settings": {"preset": "custom", "epochs": 2,
        "earlyStopping": false, "hidden": 64, "dropout": 0.3, "learningRate": 0.002, "classWeighting": "none"}})");
    const std::string runs = (m_dir / "runs").string(), out = (m_dir / "exp").string();
    const CliOutput experiment =
        runCli("experiment '" + kSample + "' --models mlp --scenarios extrap --seeds 3 --settings '" +
               settings.string() + "' --out '" + out + "' --save-runs '" + runs + "' --threads 1");
    ASSERT_EQ(experiment.exitCode, 0) << experiment.text;
    const auto job =
        nlohmann::json::parse(readText(fs::path(out) / "jobs" / "mlp-unweighted__EXTRAP__s3.json"));
    const std::string id = job.value("savedRun", "");
    ASSERT_FALSE(id.empty()) << job.dump(1).substr(0, 400);
    const auto config = nlohmann::json::parse(readText(fs::path(runs) / id / "config.json"));
    EXPECT_EQ(config["settings"]["hidden"], 64);
    EXPECT_DOUBLE_EQ(config["settings"]["dropout"].get<double>(), 0.3);
    EXPECT_DOUBLE_EQ(config["settings"]["learningRate"].get<double>(), 0.002);
    EXPECT_EQ(config["settings"]["epochs"], 2);
    EXPECT_EQ(config["settings"]["seed"], 3);
    EXPECT_TRUE(fs::exists(fs::path(runs) / id / "model.bridgelc"));

    const std::string alone = (m_dir / "alone").string();
    const CliOutput train = runCli("train '" + kSample + "' --model mlp --seed 3 --settings '" +
                                   settings.string() + "' --out '" + alone + "' --threads 2");
    ASSERT_EQ(train.exitCode, 0) << train.text;
    const auto trained = nlohmann::json::parse(readText(fs::path(alone) / "metrics.json"));
    const auto saved = nlohmann::json::parse(readText(fs::path(runs) / id / "metrics.json"));
    EXPECT_EQ(saved["test"]["weightedF1"], trained["test"]["weightedF1"]);
    EXPECT_EQ(saved["confusion"], trained["confusion"]);
    EXPECT_FALSE(saved["confusion"].is_null());
    EXPECT_EQ(job["test"]["weightedF1"], trained["test"]["weightedF1"]);
}

TEST_F(CliSavedSettings, BadSettingsFileIsNamedWithLineAndColumn) {
    const fs::path broken = write("broken.json", "{\n  \"epochs\": 2,\n  \"dropout\": ,\n}\n");
    CliOutput out =
        runCli("train '" + kSample + "' --model mlp --no-save --settings '" + broken.string() + "'");
    EXPECT_EQ(out.exitCode, 1) << out.text;
    EXPECT_NE(out.text.find(broken.string() + ": line 3, column 14"), std::string::npos) << out.text;

    const fs::path wrongType = write("wrong.json", R"({"epochs": "many"})");
    out = runCli("train '" + kSample + "' --model mlp --no-save --settings '" + wrongType.string() + "'");
    EXPECT_EQ(out.exitCode, 1) << out.text;
    EXPECT_NE(out.text.find(wrongType.string()), std::string::npos) << out.text;

    const fs::path outOfRange = write("range.json", R"({"epochs": 0})");
    out = runCli("train '" + kSample + "' --model mlp --no-save --settings '" + outOfRange.string() + "'");
    EXPECT_EQ(out.exitCode, 1) << out.text;
    EXPECT_NE(out.text.find("setting \"epochs\" is 0, outside 1 to 100000"), std::string::npos) << out.text;

    const fs::path misspelt = write("misspelt.json", R"({"epoch": 3})");
    out = runCli("train '" + kSample + "' --model mlp --no-save --settings '" + misspelt.string() + "'");
    EXPECT_EQ(out.exitCode, 1) << out.text;
    EXPECT_NE(out.text.find("unknown setting \"epoch\""), std::string::npos) << out.text;

    out = runCli("train '" + kSample + "' --model mlp --no-save --settings '" +
                 (m_dir / "missing.json").string() + "'");
    EXPECT_EQ(out.exitCode, 1) << out.text;
    EXPECT_NE(out.text.find("cannot read the settings file"), std::string::npos) << out.text;

    // A preset and a settings file contradict each other.
    out = runCli("train '" + kSample + "' --no-save --preset paper --settings '" + wrongType.string() + "'");
    EXPECT_EQ(out.exitCode, 2) << out.text;
}

// A model preset of `bridgelc models` trains its own model with its own settings; naming another model with
// it is a contradiction, refused before any data is read.
TEST_F(CliSavedSettings, ModelPresetTrainsItsModelWithItsSettings) {
    const CliOutput models = runCli("models");
    ASSERT_EQ(models.exitCode, 0) << models.text;
    EXPECT_NE(models.text.find("unseen-regions"), std::string::npos) << models.text;

    const std::string out = (m_dir / "preset").string();
    const CliOutput train =
        runCli("train '" + kSample + "' --preset unseen-regions --epochs 1 --threads 1 --out '" + out + "'");
    ASSERT_EQ(train.exitCode, 0) << train.text;
    const auto config = nlohmann::json::parse(readText(fs::path(out) / "config.json"));
    EXPECT_EQ(config["model"]["name"], "aoa-gated");
    EXPECT_EQ(config["settings"]["preset"], "unseen-regions");
    EXPECT_EQ(config["settings"]["epochs"], 1);  // options still override the preset's values

    const CliOutput both =
        runCli("train '" + kSample + "' --preset unseen-regions --model bridgelc --no-save");
    EXPECT_EQ(both.exitCode, 2) << both.text;
    EXPECT_NE(both.text.find("--preset unseen-regions trains aoa-gated"), std::string::npos) << both.text;
    // Naming the preset's own model is no contradiction.
    const CliOutput same = runCli(
        "train '" + kSample + "' --preset unseen-regions --model aoa-gated --epochs 1 --threads 1 --no-save");
    EXPECT_EQ(same.exitCode, 0) << same.text;
}

}  // namespace
