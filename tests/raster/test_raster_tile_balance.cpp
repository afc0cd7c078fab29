// Tiles of a raster prediction share the work, not the rows: on a stack whose top rows are nearly all nodata,
// each of 4 tiles predicts about the same number of pixels; there may be more tiles than rows of blocks; the
// merged tiles still give the one-go file; and --slurm refuses a tile count the stack cannot take before it
// writes a script.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

using test::RasterFixture;
using test::readBytes;
using test::runBridgelc;

constexpr int kSize = 512;
constexpr double kNoDataShare = 0.45;  // of the rows, from the top

/// The synthetic stack with its top rows set to nodata in every band (one in 50 pixels there stays valid).
std::string nodataHeavyStack() {
    RasterFixture& f = RasterFixture::instance();
    const std::string path = f.path("nodata_rows.tif");
    if (std::filesystem::exists(path)) return path;
    GDALAllRegister();
    const auto [source, truth] = f.stack(kSize, 64);
    std::unique_ptr<GDALDataset> in(GDALDataset::Open(source.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!in) throw std::runtime_error("cannot open " + source);
    GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64", nullptr};
    std::unique_ptr<GDALDataset> out(
        gtiff->CreateCopy(path.c_str(), in.get(), FALSE, const_cast<char**>(options), nullptr, nullptr));
    if (!out) throw std::runtime_error("cannot write " + path);
    const int rows = static_cast<int>(kSize * kNoDataShare);
    for (int b = 1; b <= out->GetRasterCount(); ++b) {
        GDALRasterBand* band = out->GetRasterBand(b);
        int has = 0;
        double noData = band->GetNoDataValue(&has);
        if (!has) {
            noData = -9999;
            band->SetNoDataValue(noData);
        }
        std::vector<float> values(static_cast<std::size_t>(kSize) * rows);
        if (band->RasterIO(GF_Read, 0, 0, kSize, rows, values.data(), kSize, rows, GDT_Float32, 0, 0,
                           nullptr) != CE_None)
            throw std::runtime_error("cannot read " + path);
        for (std::size_t i = 0; i < values.size(); ++i)
            if (i % 50 != 0) values[i] = static_cast<float>(noData);
        if (band->RasterIO(GF_Write, 0, 0, kSize, rows, values.data(), kSize, rows, GDT_Float32, 0, 0,
                           nullptr) != CE_None)
            throw std::runtime_error("cannot write " + path);
    }
    return path;
}

/// "N predicted" from predict-raster's summary line.
long predictedPixels(const std::string& output) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(R"(\((\d+) predicted)"))) return -1;
    return std::stol(m[1]);
}

TEST(RasterTileBalance, TilesPredictAboutTheSameNumberOfPixels) {
    RasterFixture& f = RasterFixture::instance();
    const std::string stack = nodataHeavyStack();
    const std::string out = f.path("balanced.tif");
    std::vector<long> predicted;
    for (int i = 1; i <= 4; ++i) {
        const auto run = runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out", out,
                                      "--threads", "1", "--tiles", std::to_string(i) + "/4"},
                                     f.path("balanced_" + std::to_string(i) + ".log"));
        ASSERT_EQ(run.exitCode, 0) << run.output;
        predicted.push_back(predictedPixels(run.output));
        ASSERT_GT(predicted.back(), 0) << run.output;
    }
    const auto [least, most] = std::minmax_element(predicted.begin(), predicted.end());
    std::cout << "predicted pixels per tile:";
    for (long p : predicted)
        std::cout << " " << p;
    std::cout << "\n";
    EXPECT_LE(static_cast<double>(*most), 1.25 * static_cast<double>(*least))
        << "the busiest tile predicts over 25 % more pixels than the idlest";

    const auto merged = runBridgelc({"merge-raster", "--out", out}, f.path("balanced_merge.log"));
    ASSERT_EQ(merged.exitCode, 0) << merged.output;
    const std::string whole = f.path("balanced_whole.tif");
    const auto oneGo =
        runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out", whole, "--threads", "2"},
                    f.path("balanced_whole.log"));
    ASSERT_EQ(oneGo.exitCode, 0) << oneGo.output;
    EXPECT_EQ(readBytes(out), readBytes(whole)) << "4 balanced tiles merged differ from the one-go file";
}

TEST(RasterTileBalance, MoreTilesThanRowsOfBlocks) {
    RasterFixture& f = RasterFixture::instance();
    const auto [stack, truth] = f.stack(256, 128);  // 2 rows of blocks
    const std::string out = f.path("many_tiles.tif");
    for (int i = 1; i <= 3; ++i) {
        const auto run = runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out", out,
                                      "--threads", "1", "--tiles", std::to_string(i) + "/3"},
                                     f.path("many_tiles.log"));
        ASSERT_EQ(run.exitCode, 0) << run.output;
    }
    const auto merged = runBridgelc({"merge-raster", "--out", out}, f.path("many_merge.log"));
    EXPECT_EQ(merged.exitCode, 0) << merged.output;
    EXPECT_NE(merged.output.find("from 3 parts"), std::string::npos) << merged.output;
}

TEST(RasterTileBalance, SlurmRefusesMoreTilesThanRowsBeforeWritingScripts) {
    RasterFixture& f = RasterFixture::instance();
    const auto [stack, truth] = f.stack(256, 128);
    const std::string scripts = f.path("refused_slurm");
    const auto run = runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out",
                                  f.path("refused.tif"), "--slurm", scripts, "--slurm-tiles", "300"},
                                 f.path("refused.log"));
    EXPECT_EQ(run.exitCode, 2) << run.output;
    EXPECT_NE(run.output.find("has only 256 rows of pixels; use at most 256 tiles"), std::string::npos)
        << run.output;
    EXPECT_FALSE(std::filesystem::exists(scripts + "/predict_raster.sbatch")) << run.output;

    const auto fine = runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out",
                                   f.path("accepted.tif"), "--slurm", scripts, "--slurm-tiles", "3"},
                                  f.path("accepted.log"));
    EXPECT_EQ(fine.exitCode, 0) << fine.output;
    EXPECT_TRUE(std::filesystem::exists(scripts + "/predict_raster.sbatch")) << fine.output;
    EXPECT_NE(readBytes(scripts + "/merge_raster.sbatch").find("'--tasks-script'"), std::string::npos);
}

}  // namespace
}  // namespace bridgelc
