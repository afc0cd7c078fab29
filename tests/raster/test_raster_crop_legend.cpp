// A crop-type prediction (25 classes, LUCAS level 2) carries its legend into the GeoTIFF like a land-cover
// one: colour table from the categorical palette, category names, attribute table and the QGIS style.
#include <gdal_priv.h>
#include <gdal_rat.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/data/class_palette.h"
#include "core/data/lucas_legend.h"
#include "core/raster/raster_merge.h"
#include "core/raster/raster_part.h"
#include "core/train/training_observer.h"
#include "tests/read_text.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> cropClasses() {
    // The first 25 cropland codes of the LUCAS legend, named as the app names crop classes.
    std::vector<std::string> out;
    for (const char* code :
         {"B11", "B12", "B13", "B14", "B15", "B16", "B17", "B18", "B19", "B21", "B22", "B23", "B31",
          "B32", "B33", "B34", "B35", "B36", "B37", "B41", "B42", "B43", "B44", "B45", "B51"})
        out.push_back(LucasLegend::builtIn().displayName(code));
    return out;
}

TEST(RasterCropLegend, TwentyFiveCropClassesGetDistinctColoursNamesAndStyle) {
    GDALAllRegister();
    const fs::path dir = fs::temp_directory_path() / "bridgelc_raster_crop_legend";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string out = (dir / "crops.tif").string();
    const std::vector<std::string> classes = cropClasses();
    ASSERT_EQ(25u, classes.size());
    ASSERT_EQ("B11 Common wheat", classes[0]);

    // One finished part whose pixels are the class indices, column by column.
    RasterPart part;
    part.key = {{"test", "crop legend"}};
    part.width = 25;
    part.height = 3;
    part.blocksTotal = part.blocksDone = 1;
    part.classNames = classes;
    part.bandNames = {"class"};
    part.geoTransform = {4000000, 100, 0, 3000000, 0, -100};
    OGRSpatialReference laea;
    laea.importFromEPSG(3035);
    char* wkt = nullptr;
    laea.exportToWkt(&wkt);
    part.crsWkt = wkt;
    CPLFree(wkt);
    const std::string parts = RasterPart::partsDirectory(out);
    fs::create_directories(parts);
    {
        std::ofstream raw(part.rawPath(parts), std::ios::binary);
        for (int y = 0; y < part.height; ++y)
            for (int x = 0; x < part.width; ++x)
                raw.put(static_cast<char>(x));
    }
    part.write(parts);
    part.writeVrt(parts);
    TrainingObserver quiet;
    mergeRasterParts(out, 1, quiet);

    std::unique_ptr<GDALDataset> tif(GDALDataset::Open(out.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(tif);
    double ignored[6];
    tif->GetGeoTransform(ignored);  // reads the .aux.xml (category names, attribute table)
    GDALRasterBand* band = tif->GetRasterBand(1);
    const GDALColorTable* colours = band->GetColorTable();
    ASSERT_NE(nullptr, colours);
    char** names = band->GetCategoryNames();
    ASSERT_NE(nullptr, names);
    ASSERT_EQ(25, CSLCount(names));
    const GDALRasterAttributeTable* rat = band->GetDefaultRAT();
    ASSERT_NE(nullptr, rat);
    ASSERT_EQ(25, rat->GetRowCount());
    const std::string style = testing::readText(fs::path(out).replace_extension(".qml").string());
    std::set<std::uint32_t> distinct;
    for (int c = 0; c < 25; ++c) {
        const GDALColorEntry* e = colours->GetColorEntry(c);
        const std::uint32_t rgb =
            std::uint32_t(e->c1) << 16 | std::uint32_t(e->c2) << 8 | std::uint32_t(e->c3);
        EXPECT_EQ(categoricalRgb(c), rgb) << classes[std::size_t(c)];
        distinct.insert(rgb);
        EXPECT_EQ(classes[std::size_t(c)], names[c]);
        EXPECT_EQ(classes[std::size_t(c)], rat->GetValueAsString(c, 1));
        EXPECT_NE(std::string::npos, style.find("label=\"" + classes[std::size_t(c)] + "\""))
            << classes[std::size_t(c)];
    }
    EXPECT_EQ(25u, distinct.size());  // no crop colour repeats, none is the cropland yellow
    EXPECT_EQ(0u, distinct.count(lucasLevel1Colours(ClassPalette::ColourSafe)[1]));
    tif.reset();
    fs::remove_all(dir);
}

}  // namespace
}  // namespace bridgelc
