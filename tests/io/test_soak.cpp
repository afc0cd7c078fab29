// A long session in one process: 100 cycles of train (small) -> save -> reopen -> predict -> export must
// leave the resident memory and the open file descriptors where the first cycles left them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/io/prediction_writer.h"
#include "core/io/run_store.h"
#include "core/io/saved_run.h"
#include "tests/io/save_test_support.h"
#include "tests/process_usage.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;
using test::openDescriptors;
using test::residentKilobytes;

constexpr int kCycles = 100;
// Caches that fill once (allocator arenas, GDAL drivers and PROJ's database, LibTorch's kernels) are in
// place after these cycles; growth is measured from there.
constexpr int kWarmUpCycles = 10;

TEST(Soak, HundredCyclesKeepMemoryAndFileHandlesFlat) {
    const Dataset data = test::syntheticDataset(160, 6, 3);
    const fs::path root = fs::temp_directory_path() / ("bridgelc_soak_" + std::to_string(::getpid()));
    fs::create_directories(root);
    double warmRss = 0;
    std::size_t warmFds = 0, startFds = openDescriptors();
    for (int cycle = 1; cycle <= kCycles; ++cycle) {
        const RunResult run = test::tinyTrainedRun(data);
        ASSERT_EQ(run.status, RunStatus::Completed) << run.message;
        const fs::path dir = root / "run";
        RunStore::saveTo(run, data, dir.string());
        SavedRun saved = loadSavedRun(dir.string());
        ASSERT_TRUE(saved.result.model) << saved.modelProblem;
        ASSERT_TRUE(bindToDataset(saved, data));
        const Predictions predictions = predict(*saved.result.model, data, saved.result.test.rows);
        ASSERT_EQ(predictions.predicted.size(), saved.result.test.rows.size());
        const fs::path exported = root / "predictions.gpkg";
        writePredictions(exported.string(), data, predictions, saved.result.classNames);
        ASSERT_GT(fs::file_size(exported), 0u);
        fs::remove(exported);
        if (cycle == 1) startFds = openDescriptors();  // after the one-time opens of the first cycle
        if (cycle == kWarmUpCycles) {
            warmRss = residentKilobytes();
            warmFds = openDescriptors();
        }
    }
    const double endRss = residentKilobytes();
    const std::size_t endFds = openDescriptors();
    fs::remove_all(root);
    std::printf(
        "soak: %d cycles; RSS %.0f kB after %d cycles, %.0f kB at the end (%+.1f %%); open fds %zu after "
        "the first cycle, %zu after %d, %zu at the end\n",
        kCycles, warmRss, kWarmUpCycles, endRss, 100.0 * (endRss - warmRss) / warmRss, startFds, warmFds,
        kWarmUpCycles, endFds);
    EXPECT_LT(endRss, 1.10 * warmRss);
    EXPECT_EQ(endFds, startFds);
}

}  // namespace
}  // namespace bridgelc
