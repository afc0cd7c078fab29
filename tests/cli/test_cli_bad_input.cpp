// Every command fed bad input, one table row per case: the exit code follows the documented convention (1
// failure, 2 usage error), the command says what is wrong in one line of its own, and no text of a library
// underneath (CLI11, GDAL, the C++ runtime) reaches the user.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::runCli;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";
const std::string kNoLabel = BRIDGELC_TEST_DATA_DIR "/bad/no_label_column.csv";

constexpr int kFailure = 1;
constexpr int kUsage = 2;

struct BadInput {
    std::string arguments;  ///< after the program name; {data} {checkpoint} {dir} are replaced
    int exitCode;
    std::string says;  ///< text the message must contain
    /// Lines the command may print before its error (e.g. what it loaded); the error is the last line.
    std::size_t linesBefore = 0;
};

// The cases of the command-line review, and the neighbours of each.
const std::vector<BadInput> kCases = {
    // Options out of range or of the wrong type: one line, no 300-digit bounds.
    {"train {data} --epochs -3", kUsage, "--epochs must be a whole number of at least 1, not '-3'"},
    {"train {data} --epochs 0", kUsage, "--epochs must be a whole number of at least 1"},
    {"train {data} --lr -1", kUsage, "--lr must be a number greater than 0"},
    {"train {data} --threads 0", kUsage, "--threads must be a whole number of at least 1"},
    {"train {data} --batch abc", kUsage, "--batch must be a whole number of at least 1, not 'abc'"},
    {"train {data} --class-weighting sometimes", kUsage, "--class-weighting"},
    {"train {data} --frobnicate", kUsage, "frobnicate"},
    {"train {data} --model no-such-model", kUsage, "no-such-model"},
    {"experiment {data} --seeds 0,-1 --out {dir}/exp", kUsage,
     "--seeds must be a whole number of at least 0"},
    {"experiment {data} --models mlp,nothing --out {dir}/exp", kUsage, "nothing"},
    {"experiment {data} --level 3 --out {dir}/exp", kUsage, "--level"},
    {"predict-raster --checkpoint {checkpoint} stack.tif --out o.tif --threads -2", kUsage,
     "--threads must be a whole number of at least 1"},
    {"predict-raster --checkpoint {checkpoint} stack.tif --out {dir}/o8.png", kUsage,
     "name it .tif or .tiff"},
    {"predict-raster --checkpoint {checkpoint} stack.tif --out o.tif --slurm {dir}/s --slurm-tiles 0", kUsage,
     "--slurm-tiles must be a whole number of at least 1"},
    {"predict-raster --checkpoint {checkpoint} stack.tif --out o.tif --tiles 5/4", kUsage, "--tiles"},
    {"bench --rows -5", kUsage, "--rows must be a whole number of at least 2"},
    {"bench --epochs 0", kUsage, "--epochs must be a whole number of at least 1"},
    {"bench --python --rows 256", kUsage, "--python needs --rows of at least 1024"},
    {"splits {data} --seed -1", kUsage, "--seed must be a whole number of at least 0"},
    {"inspect", kUsage, "give a FILE or --sample"},
    // Values the data rules out: said before any training, with what the data holds.
    {"train {data} --model mlp --scenario loro --region MAC", kUsage,
     "no point of the data lies in region MAC", 1},
    {"train {data} --model mlp --scenario loro --held-out-region ARC", kUsage, "regions in the data: ALP", 1},
    {"train {data} --model mlp --scenario loro", kUsage, "needs --held-out-region", 1},
    {"train {data} --model mlp --scenario extrap --region ATL", kUsage, "is for --scenario loro", 1},
    // Files that are not there or not files: the command's sentence, not a stream or GDAL error.
    {"train /tmp", kFailure, "/tmp is a folder, not a file"},
    {"train {dir}/missing.csv", kFailure, "missing.csv does not exist"},
    {"predict --checkpoint {dir} {data} --out {dir}/p.csv", kFailure, "is a folder, not a file"},
    {"evaluate --checkpoint {dir}/none.bridgelc {data}", kFailure, "none.bridgelc does not exist"},
    {"predict --checkpoint {checkpoint} {data} --out /nonexistent/dir/x.gpkg", kFailure,
     "the folder /nonexistent/dir does not exist"},
    {"predict --checkpoint {checkpoint} {data} --out {dir}/x.shp", kUsage, ".gpkg, .geojson or .csv"},
    {"predict-raster --checkpoint {checkpoint} {dir}/nothing.tif --out {dir}/o.tif", kFailure, "nothing.tif"},
    {"predict-raster --checkpoint {checkpoint} {dir}/nothing.tif --out o.tif --slurm {dir}/s", kFailure,
     "nothing.tif"},
    {"predict-raster --checkpoint {checkpoint} stack.tif --out /nonexistent/o7.tif", kFailure,
     "the folder /nonexistent does not exist"},
    {"merge-raster --out {dir}/never.tif", kFailure, "no parts to merge"},
    {"inspect " + kNoLabel, kFailure, "label", 100},
};

// Text that only a library underneath writes: CLI11's range and help hints, GDAL's own error lines, C++
// exception names, temporary file names, a huge number.
const std::vector<std::string> kLibraryText = {
    "not in range", "Run with --help",   "ERROR ",  "basic_filebuf",      "vector::",
    "std::",        "terminate called",  "what():", "unknown GDAL error", ".tmp-",
    "179769",       "Could not convert", "CLI11"};

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

class CliBadInput : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("bridgelc-bad-input-" + std::to_string(::getpid()));
        fs::remove_all(s_dir);
        fs::create_directories(s_dir);
        s_train = runCli("train '" + kSample + "' --model mlp --epochs 1 --seed 1 --out '" +
                         (s_dir / "run").string() + "'");
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }

    static std::string expand(std::string text) {
        const std::vector<std::pair<std::string, std::string>> names = {
            {"{data}", "'" + kSample + "'"},
            {"{checkpoint}", "'" + (s_dir / "run" / "model.bridgelc").string() + "'"},
            {"{dir}", s_dir.string()}};
        for (const auto& [name, value] : names)
            for (std::size_t at; (at = text.find(name)) != std::string::npos;)
                text.replace(at, name.size(), value);
        return text;
    }

    static fs::path s_dir;
    static bridgelc::test::CliOutput s_train;
};
fs::path CliBadInput::s_dir;
bridgelc::test::CliOutput CliBadInput::s_train;

TEST_F(CliBadInput, EveryCaseGetsItsExitCodeAndOneLineOfItsOwn) {
    ASSERT_EQ(s_train.exitCode, 0) << s_train.text;
    for (const BadInput& c : kCases) {
        SCOPED_TRACE("bridgelc " + c.arguments);
        const bridgelc::test::CliOutput out = runCli(expand(c.arguments));
        EXPECT_EQ(out.exitCode, c.exitCode) << out.text;
        const std::vector<std::string> printed = lines(out.text);
        ASSERT_FALSE(printed.empty());
        EXPECT_LE(printed.size(), c.linesBefore + 1) << out.text;
        EXPECT_NE(out.text.find(c.says), std::string::npos) << "expected \"" << c.says << "\" in:\n"
                                                            << out.text;
        if (c.linesBefore < 100) {
            // The error line names the program (and command), so a script's log says who complained.
            EXPECT_EQ(printed.back().rfind("bridgelc", 0), 0u) << out.text;
        }
        for (const std::string& library : kLibraryText)
            EXPECT_EQ(out.text.find(library), std::string::npos) << "library text \"" << library << "\" in:\n"
                                                                 << out.text;
    }
    EXPECT_FALSE(fs::exists("/nonexistent")) << "a refused output created its folder";
}

TEST_F(CliBadInput, InspectShowsAFatalProblemOnce) {
    const bridgelc::test::CliOutput out = runCli("inspect '" + kNoLabel + "'");
    EXPECT_EQ(out.exitCode, kFailure) << out.text;
    std::size_t fatalLines = 0;
    for (const std::string& line : lines(out.text))
        fatalLines += line.find("fatal") != std::string::npos && line.find("label") != std::string::npos;
    EXPECT_EQ(fatalLines, 1u) << out.text;
}

TEST_F(CliBadInput, RefusedSlurmRunsWriteNoScripts) {
    const fs::path scripts = s_dir / "refused";
    const bridgelc::test::CliOutput out =
        runCli(expand("predict-raster --checkpoint {checkpoint} {dir}/nothing.tif --out o.tif --slurm '" +
                      scripts.string() + "' --slurm-tiles 4"));
    EXPECT_EQ(out.exitCode, kFailure) << out.text;
    EXPECT_FALSE(fs::exists(scripts / "predict_raster.sbatch")) << out.text;
}

TEST(CliHelp, EveryCommandShowsExamplesDefaultsAndExitCodes) {
    const bridgelc::test::CliOutput top = runCli("--help");
    ASSERT_EQ(top.exitCode, 0) << top.text;
    EXPECT_NE(top.text.find("2 usage error"), std::string::npos) << top.text;
    const std::vector<std::string> commands = {"bench",        "evaluate", "experiment", "inspect",
                                               "merge-raster", "models",   "predict",    "predict-raster",
                                               "splits",       "train"};
    for (const std::string& command : commands) {
        SCOPED_TRACE(command);
        const bridgelc::test::CliOutput help = runCli(command + " --help");
        ASSERT_EQ(help.exitCode, 0) << help.text;
        EXPECT_NE(help.text.find("Examples:\n  bridgelc " + command), std::string::npos) << help.text;
        EXPECT_NE(help.text.find("130 interrupted"), std::string::npos) << help.text;
        EXPECT_EQ(help.text.find("/tests/bench/reference"), std::string::npos)
            << "a build-tree path as default";
        // Every option that takes a value shows its default: CLI11's "TYPE=value", or its description (on the
        // same line or, when the names are long, the next) says what the default is.
        const std::vector<std::string> all = lines(help.text);
        for (std::size_t i = 0; i < all.size(); ++i) {
            std::istringstream words(all[i]);
            std::string name, type;
            words >> name >> type;
            if (name.rfind("--", 0) != 0 || name == "--help" || type.empty()) continue;
            const std::string word = type.substr(0, type.find_first_of(":="));
            const bool takesValue =
                std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
            if (!takesValue || all[i].find("REQUIRED") != std::string::npos) continue;
            // The names and type end where the description starts, two spaces on.
            const std::size_t from = all[i].find_first_not_of(' ');
            const std::string head = all[i].substr(0, all[i].find("  ", from));
            const bool shown = std::regex_search(head, std::regex(R"([^<>=]=\S)"));
            const std::string next = i + 1 < all.size() ? all[i + 1] : std::string();
            const bool described =
                all[i].find("default") != std::string::npos ||
                (next.find_first_not_of(' ') > 8 && next.find("default") != std::string::npos);
            EXPECT_TRUE(shown || described) << name << " shows no default:\n" << all[i] << "\n" << next;
        }
    }
}

}  // namespace
