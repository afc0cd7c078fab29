// The pieces of raster prediction on their own: block walk, tile shares, band matching, class colours.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/data/class_palette.h"
#include "core/raster/band_mapping.h"
#include "core/raster/block_grid.h"
#include "core/raster/raster_error.h"
#include "core/raster/raster_predictor.h"
#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

TEST(BlockGrid, KeepsTilesAndStacksScanlineStrips) {
    const BlockGrid tiles(1000, 700, 256, 256);
    EXPECT_EQ(256, tiles.blockHeight());
    EXPECT_EQ(4, tiles.columns());
    EXPECT_EQ(3, tiles.rows());
    const PixelWindow last = tiles.block(tiles.blockCount() - 1);
    EXPECT_EQ(768, last.x);
    EXPECT_EQ(232, last.width);  // clipped at the edge
    EXPECT_EQ(188, last.height);

    const BlockGrid strips(1000, 700, 1000, 1);    // a striped GeoTIFF: one line per block
    EXPECT_EQ(66, strips.blockHeight());           // >= 65536 pixels per window
    const BlockGrid huge(100000, 50, 100000, 50);  // one strip holding everything
    EXPECT_LE(static_cast<std::size_t>(huge.blockHeight()) * huge.blockWidth(), 262144u);
}

TEST(BlockGrid, TileSharesCoverEveryRowOnce) {
    const BlockGrid grid(512, 1300, 128, 128);  // 11 rows of blocks
    int next = 0;
    for (int part = 1; part <= 4; ++part) {
        const auto [first, last] = grid.shareRows(part, 4);
        EXPECT_EQ(next, first);
        EXPECT_GE(last - first, 2);
        next = last;
    }
    EXPECT_EQ(grid.rows(), next);
    EXPECT_EQ(std::make_pair(3, 8), parseTiles("3/8"));
    EXPECT_THROW(parseTiles("9/8"), RasterError);
    EXPECT_THROW(parseTiles("0/2"), RasterError);
    EXPECT_THROW(parseTiles("2"), RasterError);
}

std::unique_ptr<GDALDataset> memoryStack(const std::vector<std::string>& descriptions) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GetGDALDriverManager()->GetDriverByName("MEM")->Create(
        "", 4, 4, static_cast<int>(descriptions.size()), GDT_Float32, nullptr));
    for (std::size_t b = 0; b < descriptions.size(); ++b)
        ds->GetRasterBand(static_cast<int>(b) + 1)->SetDescription(descriptions[b].c_str());
    return ds;
}

TEST(BandMapping, MatchesDescriptionsInTheModelsOrder) {
    auto stack = memoryStack({"NIR_median", "red_median", "other"});
    const BandMapping mapping(*stack, "stack.tif", {"red_median", "nir_median"});
    EXPECT_EQ((std::vector<int>{2, 1}), mapping.bands());  // exact, then ignoring case
}

TEST(BandMapping, NamesEveryMissingFeature) {
    auto stack = memoryStack({"red_median", ""});
    try {
        BandMapping(*stack, "stack.tif", {"red_median", "ndvi_p50", "swir1_median"});
        FAIL() << "no error";
    } catch (const RasterError& error) {
        const std::string text = error.what();
        EXPECT_NE(std::string::npos,
                  text.find("stack.tif: no band for model features ndvi_p50, swir1_median"))
            << text;
        EXPECT_NE(std::string::npos, text.find("--bands")) << text;
        EXPECT_NE(std::string::npos, text.find("2=(no description)")) << text;
    }
}

TEST(BandMapping, MappingFileGivesBandsByNumberOrNameAndReportsTheLine) {
    auto stack = memoryStack({"b1", "b2", "b3"});
    const std::string path = ::testing::TempDir() + "/mapping.csv";
    std::ofstream(path) << "feature,band\n# comment\nred,3\nnir, b1\n";
    EXPECT_EQ((std::vector<int>{1, 3}), BandMapping(*stack, "s.tif", {"nir", "red"}, path).bands());

    std::ofstream(path) << "red,3\nnir,7\n";
    try {
        BandMapping(*stack, "s.tif", {"nir", "red"}, path);
        FAIL() << "no error";
    } catch (const RasterError& error) {
        EXPECT_NE(std::string::npos, std::string(error.what()).find(path + ":2:5: s.tif has no band \"7\""))
            << error.what();
    }
    std::ofstream(path) << "red,1\nnir,1\n";
    EXPECT_THROW(BandMapping(*stack, "s.tif", {"nir", "red"}, path), RasterError);  // one band, two features
    std::ofstream(path) << "blue,1\n";
    EXPECT_THROW(BandMapping(*stack, "s.tif", {"nir", "red"}, path), RasterError);  // not a model feature
}

TEST(ClassPalette, LucasClassesKeepTheirColourWhateverTheirPosition) {
    EXPECT_EQ(0x1b6e2du, classRgb(7, "Woodland", ClassPalette::LandCover));
    EXPECT_EQ(0x1b6e2du, classRgb(0, "C", ClassPalette::LandCover));
    EXPECT_EQ(0x2b7bd6u, classRgb(3, "Water areas", ClassPalette::LandCover));
    EXPECT_EQ(0x4390edu, classRgb(3, "Water areas"));  // the colour-safe default
    EXPECT_EQ(categoricalRgb(0), classRgb(0, "Maize"));  // not a level-1 class: the categorical palette
    EXPECT_EQ(categoricalRgb(21), classRgb(21, "Rice"));
}

}  // namespace
}  // namespace bridgelc
