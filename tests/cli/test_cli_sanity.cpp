// The command line says in plain sentences what makes a dataset, split or result meaningless, leaves
// mostly-empty columns out unless --keep-mostly-empty-columns, and saves a run's warnings in metrics.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "tests/cli/cli_runner.h"
#include "tests/raw_lucas_table.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::runCli;

class CliSanity : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("bridgelc_cli_sanity_" + std::to_string(std::random_device{}()));
        fs::create_directories(s_dir);
        std::ofstream(s_dir / "raw.csv") << bridgelc::test::rawLucasCsv();
        std::ofstream(s_dir / "five.csv") << "POINT_ID,lon,lat,lc1_name,blue_median,nir_median\n"
                                             "1,10.1,50.1,Cropland,800,2500\n2,10.2,50.2,Cropland,810,2600\n"
                                             "3,10.3,50.3,Cropland,790,2550\n4,10.4,50.4,Woodland,400,3000\n"
                                             "5,10.5,50.5,Woodland,410,3100\n";
    }
    static void TearDownTestSuite() {
        std::error_code ec;
        fs::remove_all(s_dir, ec);
    }
    static std::string file(const char* name) { return "'" + (s_dir / name).string() + "'"; }
    static fs::path s_dir;
};
fs::path CliSanity::s_dir;

TEST_F(CliSanity, InspectGroupsByColumnAndLeavesMostlyEmptyColumnsOut) {
    const auto r = runCli("inspect " + file("raw.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.text;
    EXPECT_NE(r.text.find("Features:  7: P K pH_H2O Elevation blue_median nir_median ndvi_p50"),
              std::string::npos)
        << r.text;
    // The worst column first, with count and share, right after the headline.
    const std::size_t headline = r.text.find("Problems:");
    const std::size_t ec =
        r.text.find("warning: Column 'EC': no number in 199 of 200 rows (99.5 %): 199 empty");
    const std::size_t oc = r.text.find(
        "warning: Column 'OC': no number in 194 of 200 rows (97.0 %): 190 empty, 4 not numbers such as '< "
        "LOD'");
    const std::size_t p =
        r.text.find("warning: Values that are not numbers in column 'P': 40 of 200 rows (20.0 %)");
    ASSERT_NE(headline, std::string::npos) << r.text;
    ASSERT_NE(ec, std::string::npos) << r.text;
    ASSERT_NE(oc, std::string::npos) << r.text;
    ASSERT_NE(p, std::string::npos) << r.text;
    EXPECT_LT(headline, ec);
    EXPECT_LT(ec, oc);
    EXPECT_LT(oc, p);

    const auto kept = runCli("inspect --keep-mostly-empty-columns " + file("raw.csv"));
    ASSERT_EQ(kept.exitCode, 0) << kept.text;
    EXPECT_NE(kept.text.find("Features:  10: OC P K N pH_H2O Elevation EC blue_median nir_median ndvi_p50"),
              std::string::npos)
        << kept.text;

    const auto json = runCli("inspect --json " + file("raw.csv"), false);
    const nlohmann::json doc = nlohmann::json::parse(json.text);
    const nlohmann::json& first = doc["problems"]["groups"][0];
    EXPECT_EQ(first["kind"], "mostly-missing-column");
    EXPECT_EQ(first["columnName"], "EC");
    EXPECT_EQ(first["rows"], 200);
    EXPECT_DOUBLE_EQ(first["share"].get<double>(), 0.995);
}

TEST_F(CliSanity, TrainWarnsAboutATinyFileAndSavesTheWarnings) {
    const fs::path out = s_dir / "five-run";
    const auto r = runCli("train " + file("five.csv") + " --model mlp --epochs 2 --threads 1 --out '" +
                          out.string() + "'");
    EXPECT_NE(r.text.find("warning: Only 5 points are labelled: too few to train and test a model"),
              std::string::npos)
        << r.text;
    const std::string validation =
        "The validation part of EXTRAP is empty: early stopping and the choice of the best epoch have "
        "nothing to "
        "go on, and the validation loss and scores shown are not measured.";
    ASSERT_NE(r.text.find("warning: " + validation), std::string::npos) << r.text;
    // Said before training starts, not only with the results.
    EXPECT_LT(r.text.find("warning: " + validation), r.text.find("mlp on EXTRAP")) << r.text;

    std::ifstream in(out / "metrics.json");
    ASSERT_TRUE(in) << r.text;
    const nlohmann::json metrics = nlohmann::json::parse(in);
    ASSERT_TRUE(metrics.contains("warnings"));
    const auto warnings = metrics["warnings"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(warnings.begin(), warnings.end(), validation), warnings.end());
}

TEST_F(CliSanity, TrainKeepsMostlyEmptyColumnsOnlyWhenAsked) {
    const auto plain = runCli("train " + file("raw.csv") + " --model mlp --epochs 1 --threads 1 --no-save");
    EXPECT_NE(plain.text.find("raw.csv: 200 points, 7 features"), std::string::npos) << plain.text;
    EXPECT_NE(plain.text.find("warning: Column 'OC': no number in 194 of 200 rows (97.0 %)"),
              std::string::npos)
        << plain.text;
    EXPECT_NE(plain.text.find("warning: 4 of 7 feature columns look like soil chemistry or terrain"),
              std::string::npos)
        << plain.text;

    const auto kept = runCli("train " + file("raw.csv") +
                             " --keep-mostly-empty-columns --model mlp --epochs 1 --threads 1 --no-save");
    EXPECT_NE(kept.text.find("raw.csv: 200 points, 10 features"), std::string::npos) << kept.text;
    EXPECT_NE(kept.text.find("warning: Feature 'OC' is missing in 194 of 200 points (97.0 %)"),
              std::string::npos)
        << kept.text;
}

}  // namespace
