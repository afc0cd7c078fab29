// `bridgelc --version`: version, git revision, build type and every attribution, exactly core's aboutText().
#include <gtest/gtest.h>

#include "core/util/build_info.h"
#include "tests/cli/cli_runner.h"

namespace bridgelc {
namespace {

TEST(CliVersion, ShowsVersionRevisionBuildTypeAndAttributions) {
    const test::CliOutput out = test::runCli("--version");
    EXPECT_EQ(out.exitCode, 0) << out.text;
    EXPECT_EQ(out.text, aboutText() + "\n");
    const BuildInfo& info = buildInfo();
    EXPECT_NE(info.revision, "");
    for (const std::string& expected :
         {"BRIDGE-LC Explorer " + info.version, "git " + info.revision, info.buildType + " build",
          std::string("Natural Earth"), std::string("European Environment Agency"),
          std::string("Eurostat LUCAS 2018"), std::string("arXiv:2504.12368")})
        EXPECT_NE(out.text.find(expected), std::string::npos) << expected;
}

}  // namespace
}  // namespace bridgelc
