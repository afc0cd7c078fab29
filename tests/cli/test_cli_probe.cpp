// `bridgelc probe`: linear probes of the class and the region from both branches of saved BRIDGE-LC runs, as
// a table and JSON whose accuracies are shares of held-out points; a run without two branches, or trained on
// other data, is named with the reason and the exit code says that not every run was probed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.h"

namespace {

namespace fs = std::filesystem;
using bridgelc::test::runCli;

const std::string kSample = BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

TEST(CliProbe, ProbesBothBranchesAndNamesRunsItCannotProbe) {
    const fs::path dir = fs::temp_directory_path() / ("bridgelc_cli_probe_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* model : {"bridgelc", "mlp"}) {
        const auto trained = runCli("train '" + kSample + "' --model " + model +
                                    " --epochs 3 --threads 1 --out '" + (dir / model).string() + "'");
        ASSERT_EQ(trained.exitCode, 0) << trained.text;
    }
    const auto probed = runCli("probe '" + kSample + "' --run '" + (dir / "bridgelc").string() +
                               "' --json '" + (dir / "probes.json").string() + "'");
    ASSERT_EQ(probed.exitCode, 0) << probed.text;
    EXPECT_NE(probed.text.find("f_inv"), std::string::npos) << probed.text;
    EXPECT_NE(probed.text.find("f_spec"), std::string::npos) << probed.text;
    std::ifstream in(dir / "probes.json");
    const nlohmann::json probes = nlohmann::json::parse(in)["probes"];
    ASSERT_EQ(probes.size(), 1u);
    const std::size_t probedPoints = probes[0]["probedPoints"].get<std::size_t>();
    EXPECT_EQ(probedPoints, probes[0]["testPoints"].get<std::size_t>());  // under the 5,000-point limit
    for (const char* branch : {"f_inv", "f_spec"})
        for (const char* target : {"class", "region"}) {
            const nlohmann::json& probe = probes[0]["branches"][branch][target];
            ASSERT_TRUE(probe.is_object()) << branch << " " << target;
            const double accuracy = probe["accuracy"].get<double>();
            const auto heldOut = probe["heldOutPoints"].get<std::size_t>();
            EXPECT_EQ(probe["fitPoints"].get<std::size_t>() + heldOut, probedPoints);
            // A share of the held-out points: a whole number of them.
            EXPECT_NEAR(accuracy * double(heldOut), std::round(accuracy * double(heldOut)), 1e-6);
            EXPECT_GE(accuracy, 0.0);
            EXPECT_LE(accuracy, 1.0);
        }
    // The land-cover branch reads the class better than guessing the most frequent one.
    const nlohmann::json& invariantClass = probes[0]["branches"]["f_inv"]["class"];
    EXPECT_GT(invariantClass["accuracy"].get<double>(),
              invariantClass["majorityAccuracy"].get<double>() + 0.2);

    const auto mixed = runCli("probe '" + kSample + "' --run '" + (dir / "bridgelc").string() + "' --run '" +
                              (dir / "mlp").string() + "'");
    EXPECT_EQ(mixed.exitCode, 1) << mixed.text;
    EXPECT_NE(mixed.text.find((dir / "mlp").string() + ": MLP has a single branch"), std::string::npos)
        << mixed.text;
    const auto otherData = runCli("probe --sample --run '" + (dir / "bridgelc").string() + "'");
    EXPECT_EQ(otherData.exitCode, 1) << otherData.text;
    EXPECT_NE(otherData.text.find("not in this data"), std::string::npos) << otherData.text;
    fs::remove_all(dir);
}

}  // namespace
