// `bridgelc predict` on points without labels, the main use of a saved model: a copy of part of the 4k LUCAS
// sample without its label columns and with two feature columns swapped must give exactly the predictions of
// the labelled rows, with empty `true` and `correct` fields.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <ogrsf_frmts.h>
#include <unistd.h>
#include "tests/cli/cli_runner.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";
constexpr std::size_t kRows = 300;

using Output = bridgelc::test::CliOutput;
using bridgelc::test::runCli;

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');)
        cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    return cells;
}

std::string joined(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i)
        line += (i ? "," : "") + cells[i];
    return line;
}

/// The first `rows` rows of the sample, as cells, header first.
std::vector<std::vector<std::string>> sampleHead(std::size_t rows) {
    std::ifstream in(kSample);
    std::vector<std::vector<std::string>> table;
    for (std::string line; table.size() <= rows && std::getline(in, line);)
        table.push_back(split(line));
    return table;
}

/// Writes the table keeping only the named columns, in the given order.
void writeColumns(const fs::path& path, const std::vector<std::vector<std::string>>& table,
                  const std::vector<std::string>& columns) {
    std::vector<std::size_t> source;
    for (const std::string& name : columns) {
        const auto it = std::find(table[0].begin(), table[0].end(), name);
        ASSERT_NE(it, table[0].end()) << name;
        source.push_back(static_cast<std::size_t>(it - table[0].begin()));
    }
    std::ofstream out(path);
    for (const auto& row : table) {
        std::vector<std::string> cells;
        for (std::size_t s : source)
            cells.push_back(row[s]);
        out << joined(cells) << "\n";
    }
}

struct PredictedPoint {
    std::string truth, predicted;
    std::string correct;  ///< "1", "0" or empty
    double confidence = 0;
};

/// Every feature of a prediction file, by id.
std::map<std::string, PredictedPoint> readPredictions(const fs::path& path) {
    std::map<std::string, PredictedPoint> points;
    GDALAllRegister();
    GDALDatasetUniquePtr in(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!in) return points;
    OGRLayer* layer = in->GetLayer(0);
    for (auto& feature : *layer) {
        PredictedPoint& p = points[feature->GetFieldAsString("id")];
        p.truth = feature->GetFieldAsString("true_class");
        p.predicted = feature->GetFieldAsString("predicted_class");
        p.correct = feature->GetFieldAsString("correct");  // CSV reads back as text, "" when empty
        p.confidence = feature->GetFieldAsDouble("confidence");
    }
    return points;
}

class PredictUnlabelled : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("bridgelc-cli-unlabelled-" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        s_train = runCli("train '" + kSample + "' --model random-forest --trees 5 --seed 1 --out '" +
                         (s_dir / "run").string() + "'");

        const auto table = sampleHead(kRows);
        std::vector<std::string> labelled = table[0];
        writeColumns(s_dir / "labelled.csv", table, labelled);
        // No label columns, and red before blue: the model must still get each value in its own feature.
        std::vector<std::string> unlabelled;
        for (const std::string& name : labelled)
            if (name != "lc1_name" && name != "lc1_code") unlabelled.push_back(name);
        const auto blue = std::find(unlabelled.begin(), unlabelled.end(), "blue_median");
        const auto red = std::find(unlabelled.begin(), unlabelled.end(), "red_median");
        std::iter_swap(blue, red);
        writeColumns(s_dir / "unlabelled.csv", table, unlabelled);
        // Without one feature the model needs.
        unlabelled.erase(std::find(unlabelled.begin(), unlabelled.end(), "ndvi_summer"));
        writeColumns(s_dir / "missing_feature.csv", table, unlabelled);
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }

    static std::string checkpoint() { return (s_dir / "run" / "model.bridgelc").string(); }

    static fs::path s_dir;
    static Output s_train;
};
fs::path PredictUnlabelled::s_dir;
Output PredictUnlabelled::s_train;

TEST_F(PredictUnlabelled, UnlabelledReorderedFileGivesTheSamePredictions) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const fs::path labelledOut = s_dir / "labelled_predictions.csv";
    const Output labelled =
        runCli("predict --checkpoint '" + checkpoint() + "' '" + (s_dir / "labelled.csv").string() +
               "' --out '" + labelledOut.string() + "'");
    ASSERT_EQ(labelled.exitCode, 0) << labelled.text;
    EXPECT_NE(labelled.text.find("wrote " + std::to_string(kRows) + " predictions"), std::string::npos)
        << labelled.text;
    EXPECT_NE(labelled.text.find("labelled points agree"), std::string::npos) << labelled.text;
    const auto expected = readPredictions(labelledOut);
    ASSERT_EQ(expected.size(), kRows);

    for (const char* name : {"unlabelled_predictions.gpkg", "unlabelled_predictions.csv"}) {
        const fs::path out = s_dir / name;
        const Output run = runCli("predict --checkpoint '" + checkpoint() + "' '" +
                                  (s_dir / "unlabelled.csv").string() + "' --out '" + out.string() + "'");
        ASSERT_EQ(run.exitCode, 0) << run.text;
        EXPECT_NE(run.text.find("wrote " + std::to_string(kRows) + " predictions"), std::string::npos)
            << run.text;
        EXPECT_NE(run.text.find(std::to_string(kRows) + " point(s) without a label"), std::string::npos)
            << run.text;
        EXPECT_EQ(run.text.find("agree"), std::string::npos) << "nothing to score:\n" << run.text;

        const auto got = readPredictions(out);
        ASSERT_EQ(got.size(), kRows) << name;
        std::size_t same = 0;
        for (const auto& [id, point] : got) {
            const auto it = expected.find(id);
            ASSERT_NE(it, expected.end()) << name << ": id " << id << " not in the labelled predictions";
            EXPECT_EQ(point.truth, "") << name << " " << id;
            EXPECT_EQ(point.correct, "") << name << " " << id;
            EXPECT_FALSE(it->second.truth.empty()) << id;
            EXPECT_TRUE(it->second.correct == "0" || it->second.correct == "1") << id;
            EXPECT_EQ(point.predicted, it->second.predicted) << name << " " << id;
            EXPECT_NEAR(point.confidence, it->second.confidence, 1e-6) << name << " " << id;
            same += point.predicted == it->second.predicted;
        }
        EXPECT_EQ(same, kRows) << name;
    }
}

TEST_F(PredictUnlabelled, MissingFeatureIsNamed) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const Output run =
        runCli("predict --checkpoint '" + checkpoint() + "' '" + (s_dir / "missing_feature.csv").string() +
               "' --out '" + (s_dir / "never.gpkg").string() + "'");
    EXPECT_NE(run.exitCode, 0) << run.text;
    EXPECT_NE(run.text.find("ndvi_summer"), std::string::npos) << run.text;
    EXPECT_FALSE(fs::exists(s_dir / "never.gpkg"));
}

TEST_F(PredictUnlabelled, EvaluateStillNeedsLabels) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    const Output run =
        runCli("evaluate --checkpoint '" + checkpoint() + "' '" + (s_dir / "unlabelled.csv").string() + "'");
    EXPECT_NE(run.exitCode, 0) << run.text;
    EXPECT_NE(run.text.find("no label column"), std::string::npos) << run.text;
    EXPECT_NE(run.text.find("unlabelled.csv"), std::string::npos) << run.text;
}

}  // namespace
