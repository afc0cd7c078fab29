// The built `bridgelc` program end to end on the 4k-point LUCAS sample: models, train, evaluate, predict and
// a resumable experiment, each run as a separate process the way a user runs it.
#include <fcntl.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <ogrsf_frmts.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "tests/cli/cli_runner.h"
#include "tests/read_text.h"

namespace {

namespace fs = std::filesystem;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

using Output = bridgelc::test::CliOutput;
using bridgelc::test::runCli;

using bridgelc::testing::readText;

std::size_t lineCount(const fs::path& path) {
    const std::string text = readText(path);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

/// Overall accuracy and weighted F1 recomputed from the true and predicted classes of a predictions file
/// (read through OGR), independently of the program's metrics code.
struct RecomputedScores {
    std::size_t points = 0;
    double overallAccuracy = 0, weightedF1 = 0;
};
RecomputedScores scoresOfPredictions(const fs::path& path) {
    GDALAllRegister();
    GDALDatasetUniquePtr in(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    RecomputedScores scores;
    if (!in) return scores;
    std::map<std::string, std::size_t> truePositives, support, predictedCount;
    std::size_t correct = 0;
    for (const auto& feature : *in->GetLayer(0)) {
        const std::string truth = feature->GetFieldAsString("true_class");
        const std::string predicted = feature->GetFieldAsString("predicted_class");
        ++support[truth];
        ++predictedCount[predicted];
        if (truth == predicted) {
            ++truePositives[truth];
            ++correct;
        }
        ++scores.points;
    }
    if (scores.points == 0) return scores;
    for (const auto& [name, n] : support) {
        const double tp = double(truePositives[name]);
        const double denominator = double(n + predictedCount[name]);
        scores.weightedF1 += double(n) * (denominator > 0 ? 2 * tp / denominator : 0.0);
    }
    scores.weightedF1 /= double(scores.points);
    scores.overallAccuracy = double(correct) / double(scores.points);
    return scores;
}

// One training run shared by the tests that need a saved model.
class CliTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("bridgelc-cli-" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        s_train = runCli("train '" + kSample + "' --model mlp --epochs 2 --seed 3 --out '" +
                         (s_dir / "run").string() + "'");
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }

    static fs::path s_dir;
    static Output s_train;
};
fs::path CliTest::s_dir;
Output CliTest::s_train;

TEST_F(CliTest, ModelsListsTheRegistry) {
    const Output out = runCli("models");
    ASSERT_EQ(out.exitCode, 0) << out.text;
    EXPECT_EQ(out.text.rfind("bridgelc ", 0), 0u) << "BRIDGE-LC comes first:\n" << out.text;
    for (const char* name : {"mlp ", "random-forest ", "gradient-boosting ", "BRIDGE-LC"})
        EXPECT_NE(out.text.find(name), std::string::npos) << name << " missing in\n" << out.text;
}

TEST_F(CliTest, TrainWritesARunWhoseFilesParse) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    EXPECT_NE(s_train.text.find("mlp on EXTRAP (seed 3): OA"), std::string::npos) << s_train.text;
    EXPECT_NE(s_train.text.find("epoch 2/2  loss"), std::string::npos) << "no progress lines:\n"
                                                                       << s_train.text;
    const fs::path run = s_dir / "run";
    for (const char* file :
         {"config.json", "history.csv", "metrics.json", "confusion.csv", "predictions.csv", "model.bridgelc"})
        EXPECT_TRUE(fs::exists(run / file)) << file;

    const auto config = nlohmann::json::parse(readText(run / "config.json"));
    EXPECT_EQ(config["model"]["name"], "mlp");
    EXPECT_EQ(config["split"]["name"], "EXTRAP");
    EXPECT_EQ(config["settings"]["epochs"], 2);
    EXPECT_EQ(config["settings"]["seed"], 3);
    EXPECT_EQ(config["dataset"]["points"], 4000);
    EXPECT_EQ(config["dataset"]["fingerprint"].get<std::string>().size(), 16u);

    const auto metrics = nlohmann::json::parse(readText(run / "metrics.json"));
    const std::size_t testPoints = metrics["test"]["points"].get<std::size_t>();
    EXPECT_GT(testPoints, 0u);
    // The saved score is the one its own predictions give, and better than the majority class (~0.2 here).
    const RecomputedScores recomputed = scoresOfPredictions(run / "predictions.csv");
    EXPECT_EQ(recomputed.points, testPoints);
    EXPECT_NEAR(metrics["test"]["weightedF1"].get<double>(), recomputed.weightedF1, 1e-6);
    EXPECT_GT(recomputed.weightedF1, 0.4);
    EXPECT_EQ(metrics["test"]["perClass"].size(), metrics["classNames"].size());

    EXPECT_EQ(lineCount(run / "history.csv"), 1u + 2u);  // header + one row per epoch
    EXPECT_EQ(lineCount(run / "predictions.csv"), 1u + testPoints);
    EXPECT_EQ(lineCount(run / "confusion.csv"), 1u + metrics["classNames"].size());
}

TEST_F(CliTest, PredictWritesAGeoPackageWithEveryPoint) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const fs::path out = s_dir / "predictions.gpkg";
    const Output predicted = runCli("predict --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() +
                                    "' '" + kSample + "' --out '" + out.string() + "'");
    ASSERT_EQ(predicted.exitCode, 0) << predicted.text;
    EXPECT_NE(predicted.text.find("wrote 4000 predictions"), std::string::npos) << predicted.text;

    GDALAllRegister();
    GDALDatasetUniquePtr gpkg(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(gpkg);
    OGRLayer* layer = gpkg->GetLayer(0);
    EXPECT_EQ(layer->GetFeatureCount(), 4000);
    for (const char* field : {"id", "lon", "lat", "region", "true_class", "predicted_class", "correct",
                              "confidence", "p_artificial_land", "p_wetland"})
        EXPECT_GE(layer->GetLayerDefn()->GetFieldIndex(field), 0) << field;
    OGRFeatureUniquePtr first(layer->GetNextFeature());
    ASSERT_TRUE(first);
    EXPECT_EQ(std::string(first->GetFieldAsString("id")), "32402144");  // the sample's first POINT_ID
    // Every point: the confidence is the largest class probability, the predicted class has it, and the
    // probabilities sum to one.
    const OGRFeatureDefn* definition = layer->GetLayerDefn();
    std::vector<int> probabilityFields;
    std::vector<std::string> probabilityClasses;
    for (int f = 0; f < definition->GetFieldCount(); ++f) {
        const std::string name = definition->GetFieldDefn(f)->GetNameRef();
        if (name.rfind("p_", 0) == 0) {
            probabilityFields.push_back(f);
            probabilityClasses.push_back(name.substr(2));
        }
    }
    ASSERT_EQ(probabilityFields.size(), 8u);
    std::size_t checked = 0;
    for (const auto& feature : *layer) {
        double sum = 0, best = -1;
        std::size_t bestClass = 0;
        for (std::size_t c = 0; c < probabilityFields.size(); ++c) {
            const double p = feature->GetFieldAsDouble(probabilityFields[c]);
            sum += p;
            if (p > best) {
                best = p;
                bestClass = c;
            }
        }
        ASSERT_NEAR(sum, 1.0, 1e-4) << "point " << feature->GetFieldAsString("id");
        ASSERT_NEAR(feature->GetFieldAsDouble("confidence"), best, 1e-5) << feature->GetFieldAsString("id");
        std::string predicted = feature->GetFieldAsString("predicted_class");
        std::transform(predicted.begin(), predicted.end(), predicted.begin(),
                       [](unsigned char c) { return c == ' ' ? '_' : char(std::tolower(c)); });
        ASSERT_EQ(predicted, probabilityClasses[bestClass]) << feature->GetFieldAsString("id");
        ++checked;
    }
    EXPECT_EQ(checked, 4000u);
}

TEST_F(CliTest, EvaluateScoresEveryLabelledPoint) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const fs::path json = s_dir / "evaluation.json";
    const Output out = runCli("evaluate --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() +
                              "' '" + kSample + "' --json '" + json.string() + "'");
    ASSERT_EQ(out.exitCode, 0) << out.text;
    const auto metrics = nlohmann::json::parse(readText(json));
    EXPECT_EQ(metrics["test"]["points"], 4000);
    EXPECT_NE(out.text.find("weighted F1"), std::string::npos);
    // The scores are those of the same model's predictions of the same points, recomputed here.
    const fs::path predictions = s_dir / "evaluated_points.csv";
    const Output predicted = runCli("predict --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() +
                                    "' '" + kSample + "' --out '" + predictions.string() + "'");
    ASSERT_EQ(predicted.exitCode, 0) << predicted.text;
    const RecomputedScores recomputed = scoresOfPredictions(predictions);
    ASSERT_EQ(recomputed.points, 4000u);
    EXPECT_NEAR(metrics["test"]["weightedF1"].get<double>(), recomputed.weightedF1, 1e-6);
    EXPECT_NEAR(metrics["test"]["overallAccuracy"].get<double>(), recomputed.overallAccuracy, 1e-6);
}

TEST_F(CliTest, ExperimentWritesTablesAndResumes) {
    const fs::path out = s_dir / "experiment";
    const std::string command =
        "experiment '" + kSample +
        "' --models mlp,random-forest --scenarios extrap --seeds 0,1 --epochs 2 --trees 10 "
        "--out '" +
        out.string() + "'";
    const Output first = runCli(command);
    ASSERT_EQ(first.exitCode, 0) << first.text;
    EXPECT_NE(first.text.find("4 jobs: 4 trained, 0 skipped"), std::string::npos) << first.text;
    for (const char* file : {"results.md", "results.csv", "results.json", "experiment.json"})
        EXPECT_TRUE(fs::exists(out / file)) << file;
    const std::string md = readText(out / "results.md");
    EXPECT_NE(md.find("| Model | EXTRAP |"), std::string::npos) << md;
    EXPECT_NE(md.find("| MLP |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Random forest |"), std::string::npos) << md;
    EXPECT_EQ(nlohmann::json::parse(readText(out / "results.json"))["jobs"].size(), 4u);
    EXPECT_EQ(lineCount(out / "results.csv"), 1u + 2u);

    const auto stamp = fs::last_write_time(out / "jobs" / "random-forest__EXTRAP__s1.json");
    const Output second = runCli(command);
    ASSERT_EQ(second.exitCode, 0) << second.text;
    EXPECT_NE(second.text.find("4 jobs: 0 trained, 4 skipped"), std::string::npos) << second.text;
    EXPECT_NE(second.text.find("finished earlier, skipped"), std::string::npos) << second.text;
    EXPECT_EQ(fs::last_write_time(out / "jobs" / "random-forest__EXTRAP__s1.json"), stamp);
}

// The scripts --slurm writes, run by plain bash as Slurm would run them (the #SBATCH lines are comments to
// bash): each array task trains its one job, the collect script builds the tables. The real Slurm run is
// tests/slurm/.
TEST_F(CliTest, SlurmScriptsRunOneJobPerTaskAndCollectTheTables) {
    const fs::path out = s_dir / "slurm experiment", scripts = s_dir / "slurm 'scripts'";
    const std::string command =
        "experiment '" + kSample +
        "' --models mlp,random-forest --scenarios extrap --seeds 0 --epochs 2 --trees 5 "
        "--out '" +
        out.string() + "'";
    const Output written = runCli(command + " --slurm \"" + scripts.string() +
                                  "\" --sbatch-option partition=short --slurm-cpus 1");
    ASSERT_EQ(written.exitCode, 0) << written.text;
    const std::string script = readText(scripts / "experiment.sbatch");
    EXPECT_NE(script.find("#SBATCH --array=0-1\n"), std::string::npos) << script;
    EXPECT_NE(script.find("#SBATCH --partition=short\n"), std::string::npos) << script;
    EXPECT_NE(script.find("#SBATCH --cpus-per-task=1\n"), std::string::npos) << script;
    EXPECT_NE(script.find("'--job-index' \"${SLURM_ARRAY_TASK_ID}\""), std::string::npos) << script;
    EXPECT_EQ(script.find("--slurm"), std::string::npos) << "tasks must not write scripts again:\n" << script;
    EXPECT_TRUE(fs::exists(out / "experiment.json")) << "the folder is claimed before anything is queued";

    for (int task : {1, 0}) {
        const std::string run = "cd '" + s_dir.string() + "' && SLURM_ARRAY_TASK_ID=" + std::to_string(task) +
                                " SLURM_CPUS_PER_TASK=1 bash \"" + (scripts / "experiment.sbatch").string() +
                                "\" > /dev/null 2>&1";
        EXPECT_EQ(std::system(run.c_str()), 0) << run;
    }
    EXPECT_TRUE(fs::exists(out / "jobs" / "random-forest__EXTRAP__s0.json"));
    EXPECT_FALSE(fs::exists(out / "results.csv")) << "tasks leave the tables to the collect step";
    const std::string collect =
        "bash \"" + (scripts / "experiment_collect.sbatch").string() + "\" > /dev/null 2>&1";
    EXPECT_EQ(std::system(collect.c_str()), 0);
    EXPECT_EQ(lineCount(out / "results.csv"), 1u + 2u);

    const Output conflicting = runCli(command + " --collect --job-index 0");
    EXPECT_NE(conflicting.exitCode, 0) << conflicting.text;
}

TEST_F(CliTest, BadInputGivesClearMessagesNotCrashes) {
    const Output missing = runCli("train /no/such/file.csv --model mlp --epochs 1 --no-save");
    EXPECT_NE(missing.exitCode, 0);
    EXPECT_NE(missing.text.find("/no/such/file.csv"), std::string::npos) << missing.text;

    const Output unknownModel = runCli("train '" + kSample + "' --model nonsense --epochs 1 --no-save");
    EXPECT_NE(unknownModel.exitCode, 0);
    EXPECT_NE(unknownModel.text.find("nonsense"), std::string::npos) << unknownModel.text;
    EXPECT_NE(unknownModel.text.find("random-forest"), std::string::npos) << "should list valid names\n"
                                                                          << unknownModel.text;

    const Output badFormat = runCli("predict --checkpoint x.bridgelc '" + kSample + "' --out out.shp");
    EXPECT_NE(badFormat.exitCode, 0);
    EXPECT_NE(badFormat.text.find(".gpkg"), std::string::npos) << badFormat.text;

    const Output badCheckpoint =
        runCli("evaluate --checkpoint '" + (s_dir / "no-model.bridgelc").string() + "' '" + kSample + "'");
    EXPECT_NE(badCheckpoint.exitCode, 0);
    EXPECT_NE(badCheckpoint.text.find("no-model.bridgelc"), std::string::npos) << badCheckpoint.text;

    const Output loroWithoutRegion = runCli("train '" + kSample + "' --model mlp --scenario loro --no-save");
    EXPECT_NE(loroWithoutRegion.exitCode, 0);
    EXPECT_NE(loroWithoutRegion.text.find("--region"), std::string::npos) << loroWithoutRegion.text;
}

TEST_F(CliTest, InterruptStopsTrainingAndKeepsTheBestModel) {
    const fs::path log = s_dir / "interrupted.log";
    const fs::path run = s_dir / "interrupted";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const std::string cli = BRIDGELC_CLI_PATH, out = run.string();
    std::vector<std::string> words = {
        cli, "train", kSample, "--model", "mlp", "--epochs", "100000", "--no-early-stopping", "--out", out};
    std::vector<char*> argv;
    for (std::string& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, cli.c_str(), &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);

    // Wait for a finished epoch so there is a best model to keep (generous bound for a loaded machine).
    bool trained = false;
    for (int i = 0; i < 1200 && !trained; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        trained = readText(log).find("epoch 2/100000") != std::string::npos;
    }
    ASSERT_TRUE(trained) << readText(log);
    ASSERT_EQ(::kill(pid, SIGINT), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "killed instead of stopping cleanly:\n" << readText(log);
    EXPECT_EQ(WEXITSTATUS(status), 130) << readText(log);
    EXPECT_TRUE(fs::exists(run / "model.bridgelc")) << readText(log);
    const auto config = nlohmann::json::parse(readText(run / "config.json"));
    EXPECT_EQ(config["status"], "stopped");
    EXPECT_GE(config["bestEpoch"].get<int>(), 1);
}

}  // namespace
