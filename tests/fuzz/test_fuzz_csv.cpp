// The CSV reader (through loadPoints, as the app and the CLI call it) on thousands of damaged copies of the
// built-in sample: comma, semicolon-with-decimal-comma, tab and CRLF+BOM forms, with and without the region
// column (so region lookup runs too).
#include <gtest/gtest.h>

#include "tests/fuzz/fuzz_inputs.h"

namespace bridgelc::fuzz {
namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// Drops the 4th column (region) of every line; the sample has no quoted fields.
std::string withoutRegion(const std::string& csv) {
    std::string out, line;
    for (std::size_t start = 0; start < csv.size();) {
        const std::size_t end = csv.find('\n', start);
        line = csv.substr(start, end - start);
        std::size_t a = 0;
        for (int k = 0; k < 3 && a != std::string::npos; ++k)
            a = line.find(',', a + 1);
        const std::size_t b = a == std::string::npos ? a : line.find(',', a + 1);
        if (b != std::string::npos) line.erase(a, b - a);
        out += line + "\n";
        start = end == std::string::npos ? csv.size() : end + 1;
    }
    return out;
}

TEST(FuzzCsv, DamagedSampleFilesLoadOrSayWhy) {
    const std::string comma = sampleHead(40);
    const std::vector<std::string> seeds = {
        comma,
        replaceAll(replaceAll(comma, ".", "#"), ",", ";"),  // '#' stands in for the decimal comma below
        replaceAll(comma, ",", "\t"),
        "\xEF\xBB\xBF" + replaceAll(comma, "\n", "\r\n"),
        withoutRegion(comma),
    };
    std::vector<std::string> inputs = seeds;
    inputs[1] = replaceAll(inputs[1], "#", ",");
    FuzzDirectory directory("csv");
    const std::string path = directory.file("points.csv");
    for (const std::string& input : inputs) {  // every seed loads as it is
        writeBytes(path, input);
        const CaseResult clean = checkPointLoad(path);
        ASSERT_TRUE(clean.accepted) << clean.message << clean.finding;
    }
    const FuzzStats stats = runFuzz(
        "csv", fuzzSeed(16001), fuzzCases(10000), path,
        [&](Mutator& mutator, std::string& what) {
            const std::size_t which = mutator.below(inputs.size());
            what += "seed-file " + std::to_string(which) + ";";
            return mutator.mutate(inputs[which], what);
        },
        checkPointLoad);
    expectNoFindings(stats, fuzzCases(10000), directory);
}

}  // namespace
}  // namespace bridgelc::fuzz
