// Committed results name their data without the folders of the machine that ran them, and the writer's rule
// for data paths keeps it that way.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/experiment/portable_path.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

// Where `text` holds an absolute path of a machine: /work, /home, /tmp or /root at a path's start, or a
// Windows drive (C:\); npos when nowhere. A plain scan: a regular expression took half a minute over the
// committed job files.
std::size_t machinePathAt(const std::string& text) {
    auto pathCharacter = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '~' || c == '-';
    };
    std::size_t first = std::string::npos;
    for (const char* root : {"/work", "/home", "/tmp", "/root"}) {
        const std::size_t length = std::strlen(root);
        for (std::size_t at = text.find(root); at != std::string::npos; at = text.find(root, at + 1)) {
            const bool starts = at == 0 || !pathCharacter(text[at - 1]);
            const bool ends = at + length == text.size() || !pathCharacter(text[at + length]);
            if (starts && ends) {
                first = std::min(first, at);
                break;
            }
        }
    }
    for (std::size_t at = text.find(":\\"); at != std::string::npos; at = text.find(":\\", at + 1))
        if (at > 0 && std::isalpha(static_cast<unsigned char>(text[at - 1])) &&
            (at == 1 || !std::isalnum(static_cast<unsigned char>(text[at - 2])))) {
            first = std::min(first, at - 1);
            break;
        }
    return first;
}

bool hasMachinePath(const std::string& text) {
    return machinePathAt(text) != std::string::npos;
}

TEST(ResultsPaths, NoCommittedResultFileHoldsAnAbsolutePath) {
    const fs::path results = fs::path(BRIDGELC_TEST_DATA_DIR) / ".." / ".." / "docs" / "results";
    ASSERT_TRUE(fs::is_directory(results)) << results;
    std::size_t files = 0;
    std::vector<std::string> offenders;
    for (const auto& entry : fs::recursive_directory_iterator(results)) {
        if (!entry.is_regular_file()) continue;
        ++files;
        const std::string text = bridgelc::testing::readText(entry.path());
        const std::size_t at = machinePathAt(text);
        if (at != std::string::npos)
            offenders.push_back(fs::relative(entry.path(), results).string() + ": ..." +
                                text.substr(at < 20 ? 0 : at - 20, 60) + "...");
    }
    EXPECT_GT(files, 10u) << "docs/results should hold the committed experiment tables";
    for (const std::string& offender : offenders)
        ADD_FAILURE() << "absolute path in " << offender;
}

TEST(ResultsPaths, ThePatternFindsEveryKindOfMachinePath) {
    for (const char* text : {"Data: `/work/main/../shared/x.csv`", "\"path\": \"/home/ana/points.csv\"",
                             "/tmp/x.csv", "at /root/data", "\"C:\\\\Users\\\\ana\\\\x.csv\"", "D:\\data"})
        EXPECT_TRUE(hasMachinePath(text)) << text;
    for (const char* text :
         {"../shared/data/lucas/x.csv", "lucas2018.csv", "work/home", "a/tmp/b", "/tmpfile", "../../work/x"})
        EXPECT_FALSE(hasMachinePath(text)) << text;
}

TEST(ResultsPaths, DataPathsAreWrittenWithoutTheMachinesFolders) {
    EXPECT_EQ(portableDataPath("../shared/data/points.csv"), "../shared/data/points.csv");
    EXPECT_EQ(portableDataPath("data/./points.csv"), "data/points.csv");
    const fs::path here = fs::current_path();
    EXPECT_EQ(portableDataPath((here / "points.csv").string()), "points.csv");
    EXPECT_EQ(portableDataPath((here / ".." / "shared" / "points.csv").string()), "../shared/points.csv");
    // Far from the current directory: the file name alone (the fingerprint identifies it).
    EXPECT_EQ(portableDataPath("/a/b/c/d/e/f/g/points.csv").find('/'), std::string::npos)
        << portableDataPath("/a/b/c/d/e/f/g/points.csv");
    // Only by way of the root folder: the file name, not "../../zz-elsewhere/points.csv".
    EXPECT_EQ(portableDataPath("/zz-elsewhere/points.csv"), "points.csv");
    EXPECT_EQ(portableDataPath("C:\\Users\\ana\\points.csv"), "points.csv");
    for (const std::string& path : {std::string("/tmp/x/points.csv"), (here / "y.csv").string()})
        EXPECT_FALSE(hasMachinePath(portableDataPath(path))) << portableDataPath(path);
}

}  // namespace
}  // namespace bridgelc
