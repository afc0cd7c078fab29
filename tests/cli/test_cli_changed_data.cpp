// `bridgelc evaluate` and `predict` notice when the points file given is the one the model was trained on
// (same path) but its content changed since: a warning on stderr and in evaluate's JSON. The unchanged file
// and a changed copy at another path give no such warning.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace {

namespace fs = std::filesystem;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";
constexpr char kChanged[] = "has changed since the model was trained on it";

using Output = bridgelc::test::CliOutput;
using bridgelc::test::runCli;

std::vector<std::string> sampleLines(std::size_t rows) {
    std::ifstream in(kSample);
    std::vector<std::string> lines;
    for (std::string line; lines.size() <= rows && std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

void writeLines(const fs::path& path, const std::vector<std::string>& lines) {
    std::ofstream out(path);
    for (const std::string& line : lines)
        out << line << "\n";
}

class ChangedData : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc-cli-changed-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_lines = sampleLines(400);
        ASSERT_EQ(m_lines.size(), 401u);
        writeLines(points(), m_lines);
        m_train =
            runCli("train '" + points().string() + "' --model random-forest --trees 5 --seed 1 --out '" +
                   (m_dir / "run").string() + "'");
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path points() const { return m_dir / "points.csv"; }
    std::string checkpoint() const { return (m_dir / "run" / "model.bridgelc").string(); }
    Output evaluate(const fs::path& file, const fs::path& json) const {
        return runCli("evaluate --checkpoint '" + checkpoint() + "' '" + file.string() + "' --json '" +
                      json.string() + "'");
    }
    Output predict(const fs::path& file) const {
        return runCli("predict --checkpoint '" + checkpoint() + "' '" + file.string() + "' --out '" +
                      (m_dir / "predicted.csv").string() + "'");
    }
    /// The lines with the first data row's last cell (a feature, read for the fingerprint) changed.
    std::vector<std::string> changedLines() const {
        std::vector<std::string> lines = m_lines;
        std::string& row = lines[1];
        row = row.substr(0, row.rfind(',') + 1) + "0.123456";
        EXPECT_NE(row, m_lines[1]);
        return lines;
    }
    static std::vector<std::string> warningsOf(const fs::path& json) {
        std::ifstream in(json);
        const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
        if (doc.is_discarded() || !doc.contains("warnings")) return {"<no readable warnings in JSON>"};
        return doc["warnings"].get<std::vector<std::string>>();
    }
    static bool mentionsChange(const std::vector<std::string>& warnings) {
        for (const std::string& w : warnings)
            if (w.find(kChanged) != std::string::npos) return true;
        return false;
    }

    fs::path m_dir;
    std::vector<std::string> m_lines;
    Output m_train;
};

TEST_F(ChangedData, UnchangedFileGivesNoWarning) {
    ASSERT_EQ(m_train.exitCode, 0) << m_train.text;
    const Output eval = evaluate(points(), m_dir / "same.json");
    ASSERT_EQ(eval.exitCode, 0) << eval.text;
    EXPECT_EQ(eval.text.find(kChanged), std::string::npos) << eval.text;
    EXPECT_FALSE(mentionsChange(warningsOf(m_dir / "same.json")));
    const Output pred = predict(points());
    ASSERT_EQ(pred.exitCode, 0) << pred.text;
    EXPECT_EQ(pred.text.find(kChanged), std::string::npos) << pred.text;
}

TEST_F(ChangedData, ChangedFileAtTheSamePathIsNoticed) {
    ASSERT_EQ(m_train.exitCode, 0) << m_train.text;
    writeLines(points(), changedLines());
    const Output eval = evaluate(points(), m_dir / "changed.json");
    ASSERT_EQ(eval.exitCode, 0) << eval.text;
    EXPECT_NE(eval.text.find("warning: " + points().string() + " " + kChanged), std::string::npos)
        << eval.text;
    EXPECT_TRUE(mentionsChange(warningsOf(m_dir / "changed.json")));
    const Output pred = predict(points());
    ASSERT_EQ(pred.exitCode, 0) << pred.text;
    EXPECT_NE(pred.text.find(kChanged), std::string::npos) << pred.text;
    EXPECT_TRUE(fs::exists(m_dir / "predicted.csv"));  // a warning, not a refusal
}

TEST_F(ChangedData, ChangedCopyElsewhereIsAnotherDataset) {
    ASSERT_EQ(m_train.exitCode, 0) << m_train.text;
    const fs::path copy = m_dir / "other.csv";
    writeLines(copy, changedLines());
    const Output eval = evaluate(copy, m_dir / "other.json");
    ASSERT_EQ(eval.exitCode, 0) << eval.text;
    EXPECT_EQ(eval.text.find(kChanged), std::string::npos) << eval.text;
    EXPECT_FALSE(mentionsChange(warningsOf(m_dir / "other.json")));
}

}  // namespace
