#pragma once
// Small feature stacks for the GUI's raster tests, tiled Float32 GeoTIFFs whose classes are known.
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <QString>
#include <random>
#include <string>
#include <vector>

namespace bridgelc::test {

// Stacks of 1 km pixels in EPSG:3035 over Germany: three vertical stripes of classes 0, 1, 2 (the features of
// test::smallDataset(): class c is high on the bands f_j with j % 3 == c), nodata in a bottom-right square.
constexpr double kLeft = 4.2e6, kTop = 3.1e6, kPixel = 1000.0;
constexpr float kNoData = -9999.0f;

inline int stripeClass(int col, int width) {
    return col * 3 / width;
}

inline bool isNoData(int col, int row, int width, int height) {
    return col >= width - 20 && row >= height - 20;
}

/// A tiled Float32 stack of `bands` (f0..f5 by default) with `block`-pixel tiles.
inline QString writeStack(const QString& path, int width, int height, int block, int bands = 6) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    const std::string blockText = std::to_string(block);
    const char* options[] = {"TILED=YES", nullptr, nullptr, nullptr};
    const std::string bx = "BLOCKXSIZE=" + blockText, by = "BLOCKYSIZE=" + blockText;
    options[1] = bx.c_str();
    options[2] = by.c_str();
    GDALDataset* ds = driver->Create(path.toUtf8().constData(), width, height, bands, GDT_Float32,
                                     const_cast<char**>(options));
    if (!ds) return {};
    double transform[6] = {kLeft, kPixel, 0, kTop, 0, -kPixel};
    ds->SetGeoTransform(transform);
    OGRSpatialReference laea;
    laea.importFromEPSG(3035);
    ds->SetSpatialRef(&laea);
    std::mt19937 rng(11);
    std::normal_distribution<float> noise(0.f, 0.5f);
    std::vector<float> values(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int b = 0; b < bands; ++b) {
        for (int r = 0; r < height; ++r)
            for (int c = 0; c < width; ++c)
                values[static_cast<std::size_t>(r) * width + c] =
                    isNoData(c, r, width, height)
                        ? kNoData
                        : noise(rng) + (b % 3 == stripeClass(c, width) ? 3.0f : 0.0f);
        GDALRasterBand* band = ds->GetRasterBand(b + 1);
        band->SetDescription(("f" + std::to_string(b)).c_str());
        band->SetNoDataValue(kNoData);
        if (band->RasterIO(GF_Write, 0, 0, width, height, values.data(), width, height, GDT_Float32, 0, 0) !=
            CE_None) {
            GDALClose(ds);
            return {};
        }
    }
    GDALClose(ds);
    return path;
}

}  // namespace bridgelc::test
