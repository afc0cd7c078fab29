// `bridgelc experiment` with the fair-protocol options on the 4k-point LUCAS sample, as a user runs it: a
// sweep through child processes (--jobs 2) with one table row per value, resume, and the command line's
// mistakes refused before any work.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/cli_runner.h"
#include "tests/read_text.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::CliOutput;
using bridgelc::test::runCli;
using bridgelc::testing::readText;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

int linesStartingWith(const std::string& text, const std::string& start) {
    std::istringstream lines(text);
    int count = 0;
    for (std::string line; std::getline(lines, line);)
        count += line.rfind(start, 0) == 0;
    return count;
}

TEST(CliProtocol, SweepRunsInChildProcessesWithOneRowPerValueAndResumes) {
    const fs::path out = fs::temp_directory_path() / ("bridgelc-cli-sweep-" + std::to_string(::getpid()));
    fs::remove_all(out);
    const std::string command = "experiment '" + kSample +
                                "' --models mlp --scenarios extrap --seeds 0 --epochs 2 --jobs 2 "
                                "--sweep dropout=0.2,0.4 --sweep layers=1,2 --out '" +
                                out.string() + "'";
    const CliOutput first = runCli(command);
    ASSERT_EQ(first.exitCode, 0) << first.text;
    EXPECT_NE(first.text.find("4 jobs: 4 trained, 0 skipped"), std::string::npos) << first.text;
    const std::string md = readText(out / "results.md");
    const std::size_t dropout = md.find("## Sweep: dropout"), layers = md.find("## Sweep: layers");
    ASSERT_NE(dropout, std::string::npos) << md;
    ASSERT_NE(layers, std::string::npos) << md;
    const std::string dropoutTable = md.substr(dropout, layers - dropout);
    EXPECT_EQ(linesStartingWith(dropoutTable, "| MLP | 0.2 | "), 1) << dropoutTable;
    EXPECT_EQ(linesStartingWith(dropoutTable, "| MLP | 0.4 | "), 1) << dropoutTable;
    const std::string layersTable = md.substr(layers, md.find("\n## ", layers + 1) - layers);
    EXPECT_EQ(linesStartingWith(layersTable, "| MLP | 1 | "), 1) << layersTable;
    EXPECT_EQ(linesStartingWith(layersTable, "| MLP | 2 | "), 1) << layersTable;
    // The job records its sweep point (the laptop preset trains with plain cross-entropy: "-unweighted").
    const auto job =
        nlohmann::json::parse(readText(out / "jobs" / "mlp-unweighted_layers_1__EXTRAP__s0.json"));
    EXPECT_EQ(job["sweep"]["setting"], "layers");
    EXPECT_EQ(job["sweep"]["value"], "1");
    EXPECT_FALSE(job["testPredictions"]["truth"].get<std::string>().empty());

    const CliOutput second = runCli(command);
    ASSERT_EQ(second.exitCode, 0) << second.text;
    EXPECT_NE(second.text.find("4 jobs: 0 trained, 4 skipped"), std::string::npos) << second.text;
    fs::remove_all(out);
}

TEST(CliProtocol, RefusesMalformedOrUnequalGrids) {
    const fs::path out = fs::temp_directory_path() / ("bridgelc-cli-grid-" + std::to_string(::getpid()));
    const std::string start =
        "experiment '" + kSample + "' --models mlp,random-forest --out '" + out.string() + "' ";
    const CliOutput unequal = runCli(start + "--tune learningRate=0.001,0.01");
    EXPECT_EQ(unequal.exitCode, 2) << unequal.text;
    EXPECT_NE(unequal.text.find("same number of candidate settings"), std::string::npos) << unequal.text;
    const CliOutput unknown = runCli(start + "--sweep noSuchSetting=1,2");
    EXPECT_EQ(unknown.exitCode, 2) << unknown.text;
    EXPECT_NE(unknown.text.find("noSuchSetting"), std::string::npos) << unknown.text;
    const CliOutput badValue = runCli(start + "--tune dropout=0.1,lots --tune treeMaxDepth=4,8");
    EXPECT_EQ(badValue.exitCode, 2) << badValue.text;
    EXPECT_NE(badValue.text.find("lots"), std::string::npos) << badValue.text;
    EXPECT_FALSE(fs::exists(out)) << "nothing is written for a refused command line";
}

}  // namespace
