// Label levels on the command line: `train --level 2` learns the same crop types on the same split as
// `experiment --level 2`, the checkpoint carries the level so `predict` and `evaluate` apply it, a file that
// lacks a model's features gets one message naming them all, and `predict` writes the provenance of the model
// with its predictions.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::runCli;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

nlohmann::json readJson(const fs::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

std::string readText(const fs::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');)
        out.push_back(cell);
    if (!line.empty() && line.back() == ',') out.emplace_back();
    return out;
}

class CliLabels : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("bridgelc_cli_labels_" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        // A small, fully deterministic model: the same split and settings give the same confusion counts.
        const std::string common = " --model gradient-boosting --scenario extrap --seed 3 --threads 1";
        s_train = runCli("train '" + kSample + "' --level 2" + common + " --out '" +
                         (s_dir / "run").string() + "'");
        s_experiment = runCli("experiment '" + kSample +
                              "' --level 2 --models gradient-boosting --scenarios "
                              "extrap --seeds 3 --threads 1 --out '" +
                              (s_dir / "experiment").string() + "'");
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }

    static inline fs::path s_dir;
    static inline bridgelc::test::CliOutput s_train, s_experiment;
};

TEST_F(CliLabels, TrainAndExperimentAtLevelTwoLearnTheSameClassesOnTheSameSplit) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    ASSERT_EQ(s_experiment.exitCode, 0) << s_experiment.text;
    // Three crop codes of the 4k sample have at least 20 points (B11 25, B13 22, B16 20); the rest drop.
    EXPECT_NE(s_train.text.find("crop types: 67 Cropland points in 3 crop types"), std::string::npos)
        << s_train.text;
    EXPECT_NE(s_train.text.find("B81 (10)"), std::string::npos)
        << "dropped codes are named: " << s_train.text;

    const nlohmann::json config = readJson(s_dir / "run" / "config.json");
    const nlohmann::json manifest = readJson(s_dir / "experiment" / "experiment.json");
    const auto classes = config.at("classNames").get<std::vector<std::string>>();
    EXPECT_EQ(classes, (std::vector<std::string>{"B11 Common wheat", "B13 Barley", "B16 Maize"}));
    EXPECT_EQ(classes, manifest.at("classNames").get<std::vector<std::string>>());
    EXPECT_EQ(config.at("dataset").at("fingerprint"), manifest.at("datasetFingerprint"));
    EXPECT_EQ(config.at("labels").at("level"), 2);

    // Same split and settings: the same test points per class and the same predictions.
    const nlohmann::json job = readJson(s_dir / "experiment" / "jobs" / "gradient-boosting__EXTRAP__s3.json");
    const nlohmann::json metrics = readJson(s_dir / "run" / "metrics.json");
    EXPECT_EQ(metrics.at("confusion"), job.at("confusion"));
    EXPECT_EQ(metrics.at("test").at("points"), job.at("test").at("points"));
    EXPECT_DOUBLE_EQ(metrics.at("test").at("weightedF1").get<double>(),
                     job.at("test").at("weightedF1").get<double>());
}

TEST_F(CliLabels, CheckpointCarriesTheLevelToPredictAndEvaluate) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const std::string checkpoint = (s_dir / "run" / "model.bridgelc").string();
    const fs::path out = s_dir / "crops.csv";
    const auto predicted =
        runCli("predict --checkpoint '" + checkpoint + "' '" + kSample + "' --out '" + out.string() + "'");
    ASSERT_EQ(predicted.exitCode, 0) << predicted.text;
    // Cropland points only (134 with a crop code), scored against their crop codes.
    EXPECT_NE(predicted.text.find("wrote 134 predictions"), std::string::npos) << predicted.text;
    std::ifstream in(out);
    std::string header;
    std::getline(in, header);
    const std::vector<std::string> names = cells(header);
    const auto truth = std::find(names.begin(), names.end(), "true_class") - names.begin();
    ASSERT_LT(static_cast<std::size_t>(truth), names.size()) << header;
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line); ++rows)
        EXPECT_EQ(cells(line).at(static_cast<std::size_t>(truth)).rfind('B', 0), 0u) << line;
    EXPECT_EQ(rows, 134u);

    const auto evaluated = runCli("evaluate --checkpoint '" + checkpoint + "' '" + kSample + "' --json '" +
                                  (s_dir / "eval.json").string() + "'");
    ASSERT_EQ(evaluated.exitCode, 0) << evaluated.text;
    const nlohmann::json scores = readJson(s_dir / "eval.json");
    EXPECT_EQ(scores.at("labels").at("level"), 2);
    EXPECT_EQ(scores.at("test").at("points"), 67) << "the kept crop types are scored, the rest are unknown";

    const auto wrongLevel = runCli("evaluate --checkpoint '" + checkpoint + "' '" + kSample + "' --level 1");
    EXPECT_EQ(wrongLevel.exitCode, 2) << wrongLevel.text;
    EXPECT_NE(wrongLevel.text.find("crop types (level 2)"), std::string::npos) << wrongLevel.text;
}

TEST_F(CliLabels, FileWithoutTheModelsFeaturesGetsOneLineNamingThemAll) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    // The sample without 14 of its feature columns.
    std::ifstream in(kSample);
    std::vector<std::vector<std::string>> table;
    for (std::string line; table.size() < 50 && std::getline(in, line);)
        table.push_back(cells(line));
    const std::vector<std::string>& header = table.front();
    const auto first = std::find(header.begin(), header.end(), "R1_median") - header.begin();
    std::vector<std::string> dropped(header.begin() + first, header.begin() + first + 14);
    const fs::path file = s_dir / "fewer_columns.csv";
    {
        std::ofstream out(file);
        for (const auto& row : table) {
            std::string line;
            for (std::size_t c = 0; c < row.size(); ++c)
                if (c < static_cast<std::size_t>(first) || c >= static_cast<std::size_t>(first) + 14)
                    line += (line.empty() && c == 0 ? "" : ",") + row[c];
            out << line << "\n";
        }
    }
    const auto result = runCli("predict --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() +
                               "' '" + file.string() + "' --out '" + (s_dir / "x.csv").string() + "'");
    EXPECT_NE(result.exitCode, 0) << result.text;
    std::size_t fatalLines = 0;
    std::string fatal;
    std::stringstream lines(result.text);
    for (std::string line; std::getline(lines, line);)
        if (line.find("fatal") != std::string::npos) {
            ++fatalLines;
            fatal = line;
        }
    EXPECT_EQ(fatalLines, 1u) << result.text;
    EXPECT_NE(fatal.find("14 of the"), std::string::npos) << fatal;
    for (const std::string& name : dropped)
        EXPECT_NE(fatal.find("'" + name + "'"), std::string::npos) << name << " in " << fatal;
    // The file's column list is given once, not once per missing column.
    EXPECT_EQ(fatal.find("POINT_ID"), fatal.rfind("POINT_ID")) << fatal;
}

TEST_F(CliLabels, PredictionsCarryTheModelsProvenance) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const std::string checkpoint = (s_dir / "run" / "model.bridgelc").string();
    const fs::path gpkg = s_dir / "provenance.gpkg", csv = s_dir / "provenance.csv";
    ASSERT_EQ(
        runCli("predict --checkpoint '" + checkpoint + "' '" + kSample + "' --out '" + gpkg.string() + "'")
            .exitCode,
        0);
    ASSERT_EQ(
        runCli("predict --checkpoint '" + checkpoint + "' '" + kSample + "' --out '" + csv.string() + "'")
            .exitCode,
        0);
    GDALAllRegister();
    GDALDatasetUniquePtr file(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(file);
    OGRLayer* layer = file->GetLayerByName("predictions");
    ASSERT_NE(layer, nullptr);
    const char* runId = layer->GetMetadataItem("BRIDGELC_RUN_ID");
    ASSERT_NE(runId, nullptr);
    EXPECT_STREQ(runId, "run");
    const char* model = layer->GetMetadataItem("BRIDGELC_MODEL");
    ASSERT_NE(model, nullptr);
    EXPECT_STREQ(model, "Gradient boosting");
    const char* data = layer->GetMetadataItem("BRIDGELC_DATASET_FILE");
    ASSERT_NE(data, nullptr);
    EXPECT_STREQ(data, "lucas2018_elc10_s1s2_sample4k.csv");
    const char* labels = layer->GetMetadataItem("BRIDGELC_LABELS");
    ASSERT_NE(labels, nullptr);
    EXPECT_STREQ(labels, "crop types");
    const char* description = layer->GetMetadataItem("DESCRIPTION");
    ASSERT_NE(description, nullptr);
    EXPECT_EQ(std::string(description).rfind("Crop-type predictions of Gradient boosting", 0), 0u)
        << description;
    EXPECT_NE(std::string(description).find("seed 3"), std::string::npos) << description;

    const std::string sidecar = readText(s_dir / "provenance.provenance.txt");
    EXPECT_NE(sidecar.find("BRIDGELC_RUN_ID=run\n"), std::string::npos) << sidecar;
    EXPECT_NE(sidecar.find("BRIDGELC_MODEL=Gradient boosting\n"), std::string::npos) << sidecar;
    EXPECT_NE(sidecar.find("BRIDGELC_DATASET_FINGERPRINT="), std::string::npos) << sidecar;
}

}  // namespace
