// predict-raster --aoa's rasters: every pixel's DI equals the area of applicability's DI of that pixel's
// features, the mask says inside/outside by the threshold, and nodata pixels stay nodata in both.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "core/aoa/area_of_applicability.h"
#include "core/raster/applicability_raster.h"
#include "core/train/training_observer.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

TEST(ApplicabilityRaster, DiAndMaskMatchThePointDefinitionPixelByPixel) {
    GDALAllRegister();
    const fs::path dir = fs::temp_directory_path() / ("bridgelc-aoa-raster-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const int width = 300, height = 70;  // more than one block, edges clipped
    const std::vector<std::string> names = {"red", "nir", "swir"};

    std::mt19937 random(5);
    std::normal_distribution<float> normal;
    std::vector<float> training(200 * 3);
    std::vector<int> folds(200);
    for (std::size_t i = 0; i < 200; ++i) {
        for (int j = 0; j < 3; ++j)
            training[i * 3 + j] = normal(random);
        folds[i] = static_cast<int>(i % 4);
    }
    const auto aoa =
        AreaOfApplicability::build(training.data(), 200, names, AoaWeights{"test", {1.0, 0.5, 2.0}}, folds,
                                   {}, std::vector<std::string>(200, "t"));

    const std::string stackPath = (dir / "stack.tif").string();
    std::vector<float> pixels(static_cast<std::size_t>(width) * height * 3);
    {
        GDALDataset* stack = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
            stackPath.c_str(), width, height, 3, GDT_Float32, nullptr);
        ASSERT_NE(stack, nullptr);
        const double transform[6] = {4000000, 10, 0, 3000000, 0, -10};
        stack->SetGeoTransform(const_cast<double*>(transform));
        std::vector<float> band(static_cast<std::size_t>(width) * height);
        for (int b = 0; b < 3; ++b) {
            for (std::size_t i = 0; i < band.size(); ++i) {
                // Spread far beyond the training data so both sides of the threshold occur.
                band[i] = 3.0f * normal(random);
                if (b == 1 && i % 97 == 0) band[i] = -9999.0f;  // nodata
                pixels[i * 3 + b] = band[i];
            }
            GDALRasterBand* raster = stack->GetRasterBand(b + 1);
            raster->SetDescription(names[b].c_str());
            raster->SetNoDataValue(-9999.0);
            ASSERT_EQ(CE_None, raster->RasterIO(GF_Write, 0, 0, width, height, band.data(), width, height,
                                                GDT_Float32, 0, 0, nullptr));
        }
        GDALClose(stack);
    }

    TrainingObserver quiet;
    const std::string out = (dir / "landcover.tif").string();
    const ApplicabilityRasterResult result = writeApplicabilityRasters(*aoa, stackPath, "", out, quiet);
    ASSERT_TRUE(result.completed);
    EXPECT_EQ(result.diPath, (dir / "landcover_di.tif").string());
    EXPECT_EQ(result.maskPath, (dir / "landcover_aoa.tif").string());
    EXPECT_EQ(result.pixels, static_cast<std::size_t>(width) * height);

    std::vector<float> di(static_cast<std::size_t>(width) * height);
    std::vector<unsigned char> mask(di.size());
    GDALDataset* diFile = static_cast<GDALDataset*>(GDALOpen(result.diPath.c_str(), GA_ReadOnly));
    GDALDataset* maskFile = static_cast<GDALDataset*>(GDALOpen(result.maskPath.c_str(), GA_ReadOnly));
    ASSERT_NE(diFile, nullptr);
    ASSERT_NE(maskFile, nullptr);
    ASSERT_EQ(CE_None, diFile->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, width, height, di.data(), width,
                                                          height, GDT_Float32, 0, 0, nullptr));
    ASSERT_EQ(CE_None, maskFile->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, width, height, mask.data(), width,
                                                            height, GDT_Byte, 0, 0, nullptr));
    GDALClose(diFile);
    GDALClose(maskFile);

    const std::vector<double> expected = aoa->dissimilarity(pixels.data(), di.size());
    std::size_t inside = 0, outside = 0, noData = 0;
    for (std::size_t i = 0; i < di.size(); ++i) {
        if (i % 97 == 0) {
            EXPECT_EQ(di[i], -1.0f) << "pixel " << i;
            EXPECT_EQ(mask[i], 255) << "pixel " << i;
            ++noData;
            continue;
        }
        ASSERT_NEAR(di[i], expected[i], 1e-5 * (1 + expected[i])) << "pixel " << i;
        ASSERT_EQ(mask[i], aoa->inside(expected[i]) ? 1 : 0) << "pixel " << i;
        (mask[i] ? inside : outside)++;
    }
    EXPECT_GT(inside, 0u);
    EXPECT_GT(outside, 0u);
    EXPECT_EQ(result.valid, di.size() - noData);
    EXPECT_EQ(result.outside, outside);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace bridgelc
