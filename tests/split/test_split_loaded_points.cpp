// Splits of files read by the product's point reader, and the `bridgelc splits` command on them.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/data/point_reader.h"
#include "core/geo/regions.h"
#include "core/split/split.h"
#include "tests/split/split_checks.h"

namespace bridgelc {
namespace {

const std::string kSample =
    std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

// Region column of the sample, counted by a plain reading of the file (column 6).
std::map<std::string, std::size_t> sampleRegionCounts() {
    std::ifstream in(kSample);
    std::string line;
    std::getline(in, line);
    std::map<std::string, std::size_t> counts;
    while (std::getline(in, line)) {
        std::size_t start = 0;
        for (int i = 0; i < 5; ++i)
            start = line.find(',', start) + 1;
        ++counts[line.substr(start, line.find(',', start) - start)];
    }
    return counts;
}

std::string runCommand(const std::string& command) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return output;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        output.append(buffer, n);
    pclose(pipe);
    return output;
}

TEST(SplitsOfLoadedPoints, LoroTestSetsHaveTheSizesOfTheSampleRegions) {
    const LoadResult result = loadPoints(kSample);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& dataset = *result.dataset;
    ASSERT_EQ(dataset.size(), 4000u);
    const auto counts = sampleRegionCounts();
    std::vector<std::string> notes;
    const auto folds = loroFolds(dataset, 0.1, 0, 100, &notes);
    std::size_t expectedFolds = 0, expectedNotes = 0;
    for (const auto& [code, count] : counts)
        (count >= 100 ? expectedFolds : expectedNotes) += 1;
    EXPECT_EQ(folds.size(), expectedFolds);
    EXPECT_EQ(notes.size(), expectedNotes);
    for (const Split& fold : folds) {
        const std::string code = biogeographicalRegions()[static_cast<std::size_t>(fold.heldOutRegion)].code;
        EXPECT_EQ(fold.test.size(), counts.at(code)) << code;
        EXPECT_TRUE(test::partitionsAllRows(fold, dataset.size()));
    }
}

TEST(SplitsOfLoadedPoints, SplitColumnOfAFileFixesTheTestSet) {
    const auto path = std::filesystem::temp_directory_path() / "bridgelc_split_column_test.csv";
    std::vector<std::int64_t> marked;
    {
        std::ofstream out(path);
        out << "id,lon,lat,lc1_name,ndvi,split\n";
        const char* classes[] = {"Cropland", "Woodland", "Grassland"};
        for (int i = 0; i < 300; ++i) {
            const bool test = i % 5 == 0;
            if (test) marked.push_back(i);
            out << i << "," << 5.0 + (i % 30) * 0.3 << "," << 45.0 + (i / 30) * 0.4 << "," << classes[i % 3]
                << "," << (i % 17) * 50 << "," << (test ? "test" : "train") << "\n";
        }
    }
    const LoadResult result = loadPoints(path.string());
    std::filesystem::remove(path);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Split split = extrapSplit(*result.dataset);
    EXPECT_EQ(split.test, marked);
    EXPECT_TRUE(test::partitionsAllRows(split, 300));
    EXPECT_NEAR(static_cast<double>(split.validation.size()) / 240.0, 0.125, 0.02);
}

TEST(SplitsCommand, JsonSummaryMatchesTheLibrary) {
    const std::string output = runCommand(std::string(BRIDGELC_CLI_PATH) + " splits " + kSample +
                                          " --scenario loro --seed 4 --json");
    const auto doc = nlohmann::json::parse(output, nullptr, false);
    ASSERT_FALSE(doc.is_discarded()) << output;
    EXPECT_EQ(doc["scenario"], "loro");
    EXPECT_EQ(doc["points"], 4000);
    const auto counts = sampleRegionCounts();
    for (const auto& entry : doc["splits"]) {
        const std::string code = entry["heldOutRegion"];
        EXPECT_EQ(entry["name"], "LORO-" + code);
        EXPECT_EQ(entry["test"]["points"].get<std::size_t>(), counts.at(code));
        std::size_t total = 0;
        for (const char* part : {"train", "validation", "test"})
            for (const auto& count : entry[part]["classCounts"])
                total += count.get<std::size_t>();
        EXPECT_EQ(total, 4000u);
    }
    EXPECT_FALSE(doc["notes"].empty());  // the sample has regions with fewer than 100 points
}

TEST(SplitsCommand, BadInputFailsWithAMessage) {
    const std::string cli = BRIDGELC_CLI_PATH;
    EXPECT_NE(std::system((cli + " splits /nonexistent/points.csv >/dev/null 2>&1").c_str()), 0);
    EXPECT_NE(std::system((cli + " splits " + kSample + " --scenario nope >/dev/null 2>&1").c_str()), 0);
    const std::string message =
        runCommand(cli + " splits " + kSample + " --scenario blocks --block-km 5000 2>&1");
    EXPECT_NE(message.find("fewer than 5 folds"), std::string::npos) << message;
}

}  // namespace
}  // namespace bridgelc
