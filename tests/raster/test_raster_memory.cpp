// Peak memory of predict-raster must not follow the raster's size: two stacks 4x apart in pixels.
#include <gtest/gtest.h>

#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

using test::RasterFixture;
using test::runBridgelc;

TEST(RasterMemory, PeakRssDoesNotGrowWithTheRaster) {
    RasterFixture& f = RasterFixture::instance();
    std::vector<long> peaks;
    std::vector<std::string> rates;
    for (int size : {512, 1024}) {
        const std::string stack = f.stack(size, 256).first;
        const auto run =
            runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out",
                         f.path("memory_" + std::to_string(size) + ".tif"), "--confidence", "--threads", "2"},
                        f.path("memory.log"));
        ASSERT_EQ(0, run.exitCode) << run.output;
        peaks.push_back(run.peakRssKb);
        std::cout << size << " x " << size << ": peak RSS " << run.peakRssKb / 1024 << " MB; " << run.output;
        RecordProperty("peak_rss_kb_" + std::to_string(size), std::to_string(run.peakRssKb));
    }
    const double ratio = static_cast<double>(peaks[1]) / static_cast<double>(peaks[0]);
    std::cout << "4x the pixels: peak RSS x" << ratio << "\n";
    EXPECT_LT(ratio, 1.5);  // unbounded buffering would approach 4
}

}  // namespace
}  // namespace bridgelc
