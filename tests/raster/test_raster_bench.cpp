// `bridgelc bench` measures raster prediction in the same run as point inference and a plain GDAL read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

TEST(RasterBench, ReportsPixelsPerSecondWithRatiosToPointsAndToAPlainRead) {
    test::RasterFixture& f = test::RasterFixture::instance();
    const auto run = test::runBridgelc(
        {"bench", "--json", "--rows", "2048", "--epochs", "1", "--points", "2000"}, f.path("bench.log"));
    ASSERT_EQ(0, run.exitCode) << run.output;
    const nlohmann::json report = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    ASSERT_TRUE(report.contains("raster")) << report.dump(2);
    const nlohmann::json& r = report["raster"];
    EXPECT_EQ(256, r["side"]);  // 2000 points: one 256 x 256 tile
    const double pixels = r["predictPixelsPerSecond"], read = r["gdalReadPixelsPerSecond"];
    EXPECT_GT(pixels, 0.0);
    EXPECT_GT(read, pixels);  // reading alone cannot be slower than reading and predicting
    EXPECT_NEAR(pixels / read, r["ratioToGdalRead"].get<double>(), 1e-9);
    EXPECT_NEAR(pixels / report["inference"]["oursPointsPerSecond"].get<double>(),
                r["ratioToPointInference"].get<double>(), 1e-9);
}

}  // namespace
}  // namespace bridgelc
