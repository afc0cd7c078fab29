// What the user guide promises about predict-raster beyond the LAEA test stack: a stack in any CRS (here
// EPSG:4326 and UTM zone 33N) gives every pixel the class point prediction gives at that pixel's centre, and
// Ctrl+C (a real SIGINT to the running program) leaves `<out>.parts/`, from which the same command resumes to
// the byte-identical file.
#include <fcntl.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "tests/raster/pixels_as_points.h"
#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

using test::RasterFixture;
using test::readBytes;
using test::runBridgelc;

std::unique_ptr<GDALDataset> openRaster(const std::string& path) {
    GDALAllRegister();
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
}

/// The LAEA test stack warped (nearest neighbour) into `crs`, band names and nodata kept.
std::string warpedStack(const std::string& crs, const std::string& name) {
    RasterFixture& f = RasterFixture::instance();
    const std::string source = f.stack(256, 64).first, out = f.path(name);
    auto in = openRaster(source);
    if (!in) return {};
    const double nodata = in->GetRasterBand(1)->GetNoDataValue();
    std::vector<std::string> args = {"-t_srs", crs,   "-r",        "near",       "-of",
                                     "GTiff",  "-co", "TILED=YES", "-dstnodata", std::to_string(nodata)};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.data(), nullptr);
    GDALDatasetH sources[] = {GDALDataset::ToHandle(in.get())};
    int failed = 0;
    GDALDatasetH warped = GDALWarp(out.c_str(), nullptr, 1, sources, options, &failed);
    GDALWarpAppOptionsFree(options);
    if (!warped || failed) return {};
    GDALDataset* ds = GDALDataset::FromHandle(warped);
    for (int b = 1; b <= ds->GetRasterCount(); ++b)
        ds->GetRasterBand(b)->SetDescription(in->GetRasterBand(b)->GetDescription());
    GDALClose(warped);
    return out;
}

/// Predicts `stack` through the CLI and checks 2000 random valid pixels against point prediction at the
/// pixel centres, reprojected to lon/lat by OGR (not by core/raster).
void expectPointPredictionAtEveryPixel(const std::string& stackPath, const std::string& name) {
    RasterFixture& f = RasterFixture::instance();
    const std::string out = f.path(name + "_landcover.tif");
    const auto run =
        runBridgelc({"predict-raster", "--checkpoint", f.model(), stackPath, "--out", out, "--threads", "2"},
                    f.path(name + ".log"));
    ASSERT_EQ(0, run.exitCode) << run.output;
    const auto stack = openRaster(stackPath), predicted = openRaster(out);
    ASSERT_TRUE(stack && predicted);
    const int width = stack->GetRasterXSize(), height = stack->GetRasterYSize();
    ASSERT_EQ(width, predicted->GetRasterXSize());
    ASSERT_EQ(height, predicted->GetRasterYSize());
    std::vector<unsigned char> classes(std::size_t(width) * height);
    ASSERT_EQ(CE_None, predicted->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, width, height, classes.data(),
                                                             width, height, GDT_Byte, 0, 0));
    const LoadedCheckpoint loaded = loadCheckpoint(f.model());
    const Model& model = *loaded.model;
    std::mt19937 random(24);
    std::vector<int> columns, rows;
    std::size_t valid = 0;
    for (unsigned char c : classes)
        valid += c != 255;
    ASSERT_GT(valid, std::size_t(width) * height / 4) << "the warped stack holds little data";
    while (columns.size() < 2000) {
        const int c = int(random() % unsigned(width)), r = int(random() % unsigned(height));
        if (classes[std::size_t(r) * width + c] == 255) continue;
        columns.push_back(c);
        rows.push_back(r);
    }
    const std::size_t n = columns.size();
    std::size_t same = 0;
    test::countPixelsPredictedAsPoints(*stack, model, columns, rows, classes, width, same);
    if (::testing::Test::HasFatalFailure()) return;
    std::cout << name << ": " << same << " of " << n << " pixels get the class point prediction gives\n";
    EXPECT_EQ(n, same);
}

TEST(RasterPromises, StackInGeographicCoordinatesIsPredictedAtItsPixelCentres) {
    const std::string stack = warpedStack("EPSG:4326", "stack_4326.tif");
    ASSERT_FALSE(stack.empty());
    const auto ds = openRaster(stack);
    ASSERT_TRUE(ds && ds->GetSpatialRef());
    EXPECT_STREQ(ds->GetSpatialRef()->GetAuthorityCode(nullptr), "4326");
    expectPointPredictionAtEveryPixel(stack, "epsg4326");
}

TEST(RasterPromises, StackInAUtmZoneIsPredictedAtItsPixelCentres) {
    const std::string stack = warpedStack("EPSG:32633", "stack_utm33.tif");
    ASSERT_FALSE(stack.empty());
    const auto ds = openRaster(stack);
    ASSERT_TRUE(ds && ds->GetSpatialRef());
    EXPECT_STREQ(ds->GetSpatialRef()->GetAuthorityCode(nullptr), "32633");
    expectPointPredictionAtEveryPixel(stack, "utm33");
}

/// Blocks done so far according to the manifest of a one-share prediction, -1 while there is none.
int blocksDone(const std::string& out) {
    std::ifstream in(out + ".parts/part-0001-of-0001.json");
    if (!in) return -1;
    const nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
    return manifest.is_object() && manifest.contains("blocksDone") ? manifest["blocksDone"].get<int>() : -1;
}

TEST(RasterPromises, CtrlCLeavesThePartsAndTheSameCommandResumesToTheSameFile) {
    RasterFixture& f = RasterFixture::instance();
    const std::string stack = f.stack(1024, 128).first;  // 64 blocks: time to interrupt mid-way
    const std::string oneGo = f.path("sigint_one_go.tif"), out = f.path("sigint.tif");
    const std::vector<std::string> arguments = {BRIDGELC_CLI_PATH,
                                                "predict-raster",
                                                "--checkpoint",
                                                f.model(),
                                                stack,
                                                "--confidence",
                                                "--threads",
                                                "1",
                                                "--out"};
    std::vector<std::string> whole = arguments;
    whole.push_back(oneGo);
    ASSERT_EQ(0, test::runProgram(whole, f.path("sigint_one_go.log")).exitCode);

    std::vector<std::string> interrupted = arguments;
    interrupted.push_back(out);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(f.path("sigint.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char*> argv;
        for (std::string& a : interrupted)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ASSERT_GT(pid, 0);
    // Interrupt once a few blocks are done, as a user pressing Ctrl+C would.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    int status = 0;
    bool exited = false;
    while (blocksDone(out) < 3 && std::chrono::steady_clock::now() < deadline) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            exited = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ASSERT_FALSE(exited) << "predict-raster ended before it could be interrupted:\n"
                         << readBytes(f.path("sigint.log"));
    ASSERT_EQ(0, ::kill(pid, SIGINT));
    ASSERT_EQ(pid, ::waitpid(pid, &status, 0));
    const std::string log = readBytes(f.path("sigint.log"));
    ASSERT_TRUE(WIFEXITED(status)) << "killed by the signal instead of stopping:\n" << log;
    EXPECT_EQ(130, WEXITSTATUS(status)) << log;
    EXPECT_NE(log.find("interrupted: run the same command again to resume"), std::string::npos) << log;
    const int done = blocksDone(out);
    EXPECT_GE(done, 3);
    EXPECT_LT(done, 64);
    EXPECT_FALSE(std::filesystem::exists(out)) << "no final file before every block is done";

    const auto resumed = test::runProgram(interrupted, f.path("sigint_resumed.log"));
    ASSERT_EQ(0, resumed.exitCode) << resumed.output;
    std::cout << "interrupted after " << done << " of 64 blocks; resumed:\n" << resumed.output;
    EXPECT_EQ(readBytes(oneGo), readBytes(out));
    EXPECT_EQ(readBytes(oneGo + ".aux.xml"), readBytes(out + ".aux.xml"));
    EXPECT_FALSE(std::filesystem::exists(out + ".parts"));
}

}  // namespace
}  // namespace bridgelc
