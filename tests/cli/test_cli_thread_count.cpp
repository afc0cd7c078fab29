// Results do not depend on the thread count: the same training and the same small experiment on 1 and on 2
// threads write byte-identical predictions and tables (a network and a random forest).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/cli/cli_runner.h"
#include "tests/read_text.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::runCli;
using bridgelc::testing::readText;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

class CliThreadCount : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("bridgelc-threads-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(CliThreadCount, TrainingGivesTheSamePredictionsOnOneAndTwoThreads) {
    std::string headline[2];
    for (int threads : {1, 2}) {
        const auto out = runCli("train '" + kSample +
                                    "' --model mlp --scenario loro --held-out-region BOR --epochs 5 --seed 4 "
                                    "--threads " +
                                    std::to_string(threads) + " --out '" +
                                    (m_dir / ("run" + std::to_string(threads))).string() + "'",
                                false);
        ASSERT_EQ(out.exitCode, 0) << out.text;
        headline[threads - 1] = out.text.substr(0, out.text.find('\n'));
    }
    EXPECT_EQ(headline[0], headline[1]);
    EXPECT_EQ(readText(m_dir / "run1" / "predictions.csv"), readText(m_dir / "run2" / "predictions.csv"));
    EXPECT_EQ(readText(m_dir / "run1" / "confusion.csv"), readText(m_dir / "run2" / "confusion.csv"));
}

TEST_F(CliThreadCount, AnExperimentGivesTheSameTablesOnOneAndTwoThreads) {
    for (int threads : {1, 2}) {
        const auto out = runCli("experiment '" + kSample +
                                "' --models mlp,random-forest --scenarios extrap --seeds 0 "
                                "--epochs 2 --trees 10 --threads " +
                                std::to_string(threads) + " --out '" +
                                (m_dir / ("exp" + std::to_string(threads))).string() + "'");
        ASSERT_EQ(out.exitCode, 0) << out.text;
    }
    const std::string one = readText(m_dir / "exp1" / "results.csv");
    EXPECT_NE(one.find("random-forest"), std::string::npos) << one;
    EXPECT_EQ(one, readText(m_dir / "exp2" / "results.csv"));
}

}  // namespace
