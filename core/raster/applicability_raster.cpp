#include "core/raster/applicability_raster.h"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/aoa/area_of_applicability.h"
#include "core/raster/band_mapping.h"
#include "core/raster/block_grid.h"
#include "core/raster/raster_error.h"
#include "core/train/training_observer.h"

namespace bridgelc {
namespace {

constexpr float kDiNoData = -1.0f;
constexpr unsigned char kMaskNoData = 255;

std::string withSuffix(const std::string& out, const char* suffix) {
    std::filesystem::path path(out);
    const std::string ext = path.extension().string();
    const std::string stem =
        (ext == ".tif" || ext == ".tiff" || ext == ".TIF") ? path.replace_extension().string() : out;
    return stem + suffix;
}

struct DatasetCloser {
    void operator()(GDALDataset* dataset) const { GDALClose(dataset); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

DatasetPtr createLike(GDALDataset& stack, const std::string& path, GDALDataType type, double noData,
                      const char* description) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw RasterError("GDAL has no GTiff driver");
    char** options = nullptr;
    options = CSLSetNameValue(options, "TILED", "YES");
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    options = CSLSetNameValue(options, "BIGTIFF", "IF_SAFER");
    DatasetPtr out(
        driver->Create(path.c_str(), stack.GetRasterXSize(), stack.GetRasterYSize(), 1, type, options));
    CSLDestroy(options);
    if (!out) throw RasterError(fmt::format("{}: cannot create ({})", path, CPLGetLastErrorMsg()));
    double transform[6];
    if (stack.GetGeoTransform(transform) == CE_None) out->SetGeoTransform(transform);
    if (const OGRSpatialReference* srs = stack.GetSpatialRef()) out->SetSpatialRef(srs);
    out->GetRasterBand(1)->SetNoDataValue(noData);
    out->GetRasterBand(1)->SetDescription(description);
    return out;
}

}  // namespace

std::string applicabilityDiPath(const std::string& out) {
    return withSuffix(out, "_di.tif");
}

std::string applicabilityMaskPath(const std::string& out) {
    return withSuffix(out, "_aoa.tif");
}

ApplicabilityRasterResult writeApplicabilityRasters(const AreaOfApplicability& aoa,
                                                    const std::string& stackPath,
                                                    const std::string& bandsFile, const std::string& out,
                                                    TrainingObserver& observer) {
    GDALAllRegister();
    DatasetPtr stack(static_cast<GDALDataset*>(
        GDALOpenEx(stackPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr,
                   nullptr, nullptr)));
    if (!stack)
        throw RasterError(fmt::format("{}: cannot open as a raster ({})", stackPath, CPLGetLastErrorMsg()));
    const BandMapping mapping(*stack, stackPath, aoa.featureNames(), bandsFile);
    std::vector<int> bands = mapping.bands();
    int blockWidth = 0, blockHeight = 0;
    stack->GetRasterBand(bands.front())->GetBlockSize(&blockWidth, &blockHeight);
    const BlockGrid grid(stack->GetRasterXSize(), stack->GetRasterYSize(), blockWidth, blockHeight);

    ApplicabilityRasterResult result;
    result.diPath = applicabilityDiPath(out);
    result.maskPath = applicabilityMaskPath(out);
    DatasetPtr diOut = createLike(*stack, result.diPath, GDT_Float32, kDiNoData, "dissimilarity index (DI)");
    DatasetPtr maskOut =
        createLike(*stack, result.maskPath, GDT_Byte, kMaskNoData, "inside area of applicability");
    GDALColorTable colours;
    const GDALColorEntry outside = {200, 40, 40, 255}, inside = {235, 235, 235, 0};
    colours.SetColorEntry(0, &outside);
    colours.SetColorEntry(1, &inside);
    maskOut->GetRasterBand(1)->SetColorTable(&colours);
    char** categories = nullptr;
    categories = CSLAddString(categories, "outside the area of applicability");
    categories = CSLAddString(categories, "inside");
    maskOut->GetRasterBand(1)->SetCategoryNames(categories);
    CSLDestroy(categories);
    diOut->SetMetadataItem("AOA_THRESHOLD", fmt::format("{:.17g}", aoa.threshold()).c_str());
    maskOut->SetMetadataItem("AOA_THRESHOLD", fmt::format("{:.17g}", aoa.threshold()).c_str());

    const std::size_t d = bands.size();
    std::vector<double> noData(d, std::nan(""));
    for (std::size_t f = 0; f < d; ++f) {
        int has = 0;
        const double value = stack->GetRasterBand(bands[f])->GetNoDataValue(&has);
        if (has) noData[f] = value;
    }
    std::vector<float> features, valid, di;
    std::vector<unsigned char> mask, bandMask;
    std::vector<std::size_t> validIndex;
    const std::size_t total = static_cast<std::size_t>(grid.width()) * grid.height();
    observer.onPhase("area of applicability");
    const auto start = std::chrono::steady_clock::now();
    std::size_t block = 0;
    for (; block < grid.blockCount() && !observer.isCancelled(); ++block) {
        const PixelWindow w = grid.block(block);
        const std::size_t n = w.pixels();
        features.resize(n * d);
        const auto pixelBytes = static_cast<GSpacing>(d * sizeof(float));
        if (stack->RasterIO(GF_Read, w.x, w.y, w.width, w.height, features.data(), w.width, w.height,
                            GDT_Float32, static_cast<int>(d), bands.data(), pixelBytes, pixelBytes * w.width,
                            sizeof(float), nullptr) != CE_None)
            throw RasterError(fmt::format("{}: cannot read pixels {},{} +{}x{} ({})", stackPath, w.x, w.y,
                                          w.width, w.height, CPLGetLastErrorMsg()));
        mask.assign(n, 1);
        for (std::size_t f = 0; f < d; ++f) {
            const auto noDataF = static_cast<float>(noData[f]);
            const bool hasNoData = !std::isnan(noData[f]);
            for (std::size_t i = 0; i < n; ++i) {
                const float v = features[i * d + f];
                if (std::isnan(v) || (hasNoData && v == noDataF)) mask[i] = 0;
            }
            GDALRasterBand* band = stack->GetRasterBand(bands[f]);
            const int flags = band->GetMaskFlags();
            if ((flags & GMF_ALL_VALID) || (flags & GMF_NODATA)) continue;
            bandMask.resize(n);
            if (band->GetMaskBand()->RasterIO(GF_Read, w.x, w.y, w.width, w.height, bandMask.data(), w.width,
                                              w.height, GDT_Byte, 0, 0, nullptr) != CE_None)
                throw RasterError(
                    fmt::format("cannot read the mask of band {}: {}", bands[f], CPLGetLastErrorMsg()));
            for (std::size_t i = 0; i < n; ++i)
                if (bandMask[i] == 0) mask[i] = 0;
        }
        valid.clear();
        validIndex.clear();
        for (std::size_t i = 0; i < n; ++i)
            if (mask[i]) {
                valid.insert(valid.end(), features.begin() + i * d, features.begin() + (i + 1) * d);
                validIndex.push_back(i);
            }
        const std::vector<double> values = aoa.dissimilarity(valid.data(), validIndex.size());
        di.assign(n, kDiNoData);
        std::vector<unsigned char> inside(n, kMaskNoData);
        for (std::size_t k = 0; k < validIndex.size(); ++k) {
            di[validIndex[k]] = static_cast<float>(values[k]);
            const bool in = aoa.inside(values[k]);
            inside[validIndex[k]] = in ? 1 : 0;
            result.outside += in ? 0 : 1;
        }
        if (diOut->GetRasterBand(1)->RasterIO(GF_Write, w.x, w.y, w.width, w.height, di.data(), w.width,
                                              w.height, GDT_Float32, 0, 0, nullptr) != CE_None ||
            maskOut->GetRasterBand(1)->RasterIO(GF_Write, w.x, w.y, w.width, w.height, inside.data(), w.width,
                                                w.height, GDT_Byte, 0, 0, nullptr) != CE_None)
            throw RasterError(fmt::format("{}: cannot write ({})", result.diPath, CPLGetLastErrorMsg()));
        result.pixels += n;
        result.valid += validIndex.size();
        observer.onProgress(static_cast<std::int64_t>(result.pixels), static_cast<std::int64_t>(total));
    }
    diOut.reset();
    maskOut.reset();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.completed = block == grid.blockCount();
    if (!result.completed) {
        std::error_code error;
        std::filesystem::remove(result.diPath, error);
        std::filesystem::remove(result.maskPath, error);
    }
    return result;
}

}  // namespace bridgelc
