// The area of applicability on the command line: `train` reports scores inside and outside it and saves
// aoa.json, `predict --aoa` adds di and inside_aoa, `evaluate` reports inside/outside, and a checkpoint whose
// AOA files are damaged is refused with the file named.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::runCli;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

class CliAoaTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("bridgelc-cli-aoa-" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        s_train = runCli("train '" + kSample +
                         "' --model random-forest --trees 10 --scenario loro --region MED --out '" +
                         (s_dir / "run").string() + "'");
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }
    static fs::path s_dir;
    static bridgelc::test::CliOutput s_train;
};
fs::path CliAoaTest::s_dir;
bridgelc::test::CliOutput CliAoaTest::s_train;

TEST_F(CliAoaTest, TrainReportsInsideAndOutsideAndSavesTheAoa) {
    ASSERT_EQ(0, s_train.exitCode) << s_train.text;
    EXPECT_NE(s_train.text.find("of scored points outside"), std::string::npos) << s_train.text;
    EXPECT_NE(s_train.text.find("inside   weighted F1"), std::string::npos) << s_train.text;
    EXPECT_TRUE(fs::exists(s_dir / "run" / "aoa.json"));
    EXPECT_TRUE(fs::exists(s_dir / "run" / "aoa_training.bin"));
}

TEST_F(CliAoaTest, PredictAddsDiAndInsideColumns) {
    ASSERT_EQ(0, s_train.exitCode) << s_train.text;
    const std::string out = (s_dir / "points.csv").string();
    const auto run = runCli("predict --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() + "' '" +
                            kSample + "' --out '" + out + "' --aoa");
    ASSERT_EQ(0, run.exitCode) << run.text;
    EXPECT_NE(run.text.find("lie outside the area of applicability"), std::string::npos) << run.text;
    std::ifstream in(out);
    std::string header, line;
    std::getline(in, header);
    EXPECT_NE(header.find(",di,inside_aoa"), std::string::npos) << header;
    std::size_t rows = 0;
    while (std::getline(in, line))
        ++rows;
    EXPECT_EQ(rows, 4000u);

    const auto plain = runCli("predict --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() + "' '" +
                              kSample + "' --out '" + (s_dir / "plain.csv").string() + "'");
    ASSERT_EQ(0, plain.exitCode) << plain.text;
    std::ifstream plainIn(s_dir / "plain.csv");
    std::getline(plainIn, header);
    EXPECT_EQ(header.find(",di"), std::string::npos) << "no DI columns without --aoa";
}

TEST_F(CliAoaTest, EvaluateReportsInsideAndOutside) {
    ASSERT_EQ(0, s_train.exitCode) << s_train.text;
    const auto run = runCli("evaluate --checkpoint '" + (s_dir / "run" / "model.bridgelc").string() + "' '" +
                            kSample + "'");
    ASSERT_EQ(0, run.exitCode) << run.text;
    EXPECT_NE(run.text.find("of scored points outside"), std::string::npos) << run.text;
    EXPECT_NE(run.text.find("outside  weighted F1"), std::string::npos) << run.text;
}

TEST_F(CliAoaTest, DamagedAoaIsRefusedNamingTheFile) {
    ASSERT_EQ(0, s_train.exitCode) << s_train.text;
    const fs::path copy = s_dir / "damaged";
    fs::create_directories(copy);
    for (const char* name : {"model.bridgelc", "aoa.json", "aoa_training.bin"})
        fs::copy_file(s_dir / "run" / name, copy / name, fs::copy_options::overwrite_existing);
    fs::resize_file(copy / "aoa_training.bin", 100);
    const auto run = runCli("predict --checkpoint '" + (copy / "model.bridgelc").string() + "' '" + kSample +
                            "' --out '" + (s_dir / "x.csv").string() + "' --aoa");
    EXPECT_EQ(1, run.exitCode) << run.text;  // a damaged file is a failure, not a usage error
    EXPECT_NE(run.text.find((copy / "aoa_training.bin").string()), std::string::npos) << run.text;
    // Without --aoa the model still predicts.
    const auto plain = runCli("predict --checkpoint '" + (copy / "model.bridgelc").string() + "' '" +
                              kSample + "' --out '" + (s_dir / "y.csv").string() + "'");
    EXPECT_EQ(0, plain.exitCode) << plain.text;
}

}  // namespace
