// `bridgelc inspect` end to end: the JSON document parses and says what the loader found; fatal inputs
// exit 1 (failure), a command line without input 2 (usage error).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/cli_runner.h"

namespace {

struct CliRun {
    int exitCode = -1;
    std::string out;
};

CliRun run(const std::string& arguments) {
    const bridgelc::test::CliOutput output = bridgelc::test::runCli(arguments, false);
    return {output.exitCode, output.text};
}

std::string bad(const std::string& file) {
    return std::string(BRIDGELC_TEST_DATA_DIR) + "/bad/" + file;
}

TEST(InspectCli, JsonDescribesPointsAndProblems) {
    const CliRun r = run("inspect --json " + bad("non_numeric_lod.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(doc["ok"].get<bool>());
    EXPECT_EQ(doc["points"].get<int>(), 4);
    EXPECT_EQ(doc["features"], (nlohmann::json{"blue_median", "red_median"}));
    std::map<std::string, int> classes;
    for (const auto& c : doc["classes"])
        classes[c["name"].get<std::string>()] = c["count"].get<int>();
    EXPECT_EQ(classes["Cropland"], 2);
    EXPECT_EQ(classes["Woodland"], 2);
    bool found = false;
    for (const auto& kind : doc["problems"]["kinds"])
        if (kind["kind"] == "non-numeric") {
            found = true;
            EXPECT_EQ(kind["count"].get<int>(), 1);
            EXPECT_EQ(kind["examples"][0]["line"].get<int>(), 3);
            EXPECT_EQ(kind["examples"][0]["column"].get<int>(), 6);
            EXPECT_EQ(kind["examples"][0]["columnName"], "red_median");
        }
    EXPECT_TRUE(found) << r.out;
}

TEST(InspectCli, TextNamesFileLineColumn) {
    const CliRun r = run("inspect " + bad("duplicate_ids.csv"));
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("Points:    4"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(bad("duplicate_ids.csv") + ":5:1: warning"), std::string::npos) << r.out;
}

TEST(InspectCli, FatalExitsWithOne) {
    const CliRun r = run("inspect --json " + bad("ragged_row.csv"));
    EXPECT_EQ(r.exitCode, 1);
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    EXPECT_FALSE(doc["ok"].get<bool>());
    EXPECT_NE(doc["fatal"].get<std::string>().find(":4:7:"), std::string::npos) << doc.dump();
    EXPECT_EQ(run("inspect").exitCode, 2);
}

TEST(InspectCli, ExcludeOptionRemovesFeatures) {
    const CliRun r = run("inspect --json --exclude red_median " + bad("non_numeric_lod.csv"));
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_EQ(nlohmann::json::parse(r.out)["features"], (nlohmann::json{"blue_median"}));
}

TEST(InspectCli, SampleLoadsOrSaysItIsMissing) {
    const CliRun r = run("inspect --json --sample");
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    if (r.exitCode == 0) {
        EXPECT_TRUE(doc["synthetic"].get<bool>());
        EXPECT_GT(doc["points"].get<int>(), 0);
    } else {
        EXPECT_EQ(r.exitCode, 1);
        EXPECT_NE(doc["fatal"].get<std::string>().find("eu27_synthetic_sample"), std::string::npos);
    }
}

}  // namespace
