#include "app/cli/bench_raster.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>

#include "core/data/dataset.h"
#include "core/model/model.h"
#include "core/raster/raster_merge.h"
#include "core/raster/raster_predictor.h"
#include "core/train/training_observer.h"

namespace bridgelc::cli {

namespace {

namespace fs = std::filesystem;

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void writeStack(const std::string& path, const Dataset& data, int side) {
    const int d = static_cast<int>(data.featureCount());
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "INTERLEAVE=PIXEL", nullptr};
    std::unique_ptr<GDALDataset> ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(
        path.c_str(), side, side, d, GDT_Float32, const_cast<char**>(options)));
    if (!ds) throw std::runtime_error(path + ": cannot write the benchmark stack");
    double transform[6] = {4321000 - side * 50.0, 100, 0, 3210000 + side * 50.0, 0, -100};  // central Europe
    ds->SetGeoTransform(transform);
    OGRSpatialReference laea;
    laea.importFromEPSG(3035);
    ds->SetSpatialRef(&laea);
    for (int b = 0; b < d; ++b) {
        ds->GetRasterBand(b + 1)->SetDescription(data.featureNames[static_cast<std::size_t>(b)].c_str());
        ds->GetRasterBand(b + 1)->SetNoDataValue(-9999);
    }
    std::vector<float> row(static_cast<std::size_t>(side) * d);
    std::size_t next = 0;
    for (int y = 0; y < side; ++y) {
        for (std::size_t i = 0; i < static_cast<std::size_t>(side); ++i, next = (next + 1) % data.size())
            std::copy_n(data.features.data() + next * d, d, row.data() + i * d);
        const auto pixel = static_cast<GSpacing>(d * sizeof(float));
        if (ds->RasterIO(GF_Write, 0, y, side, 1, row.data(), side, 1, GDT_Float32, d, nullptr, pixel,
                         pixel * side, sizeof(float), nullptr) != CE_None)
            throw std::runtime_error(path + ": write failed");
    }
}

/// Reads every block of every band once, the way predict-raster does, and returns pixels per second.
double plainReadRate(const std::string& path, int d) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    const int side = ds->GetRasterXSize();
    std::vector<float> block(256 * 256 * static_cast<std::size_t>(d));
    for (int y = 0; y < side; y += 256)
        for (int x = 0; x < side; x += 256) {
            const int w = std::min(256, side - x), h = std::min(256, side - y);
            const auto pixel = static_cast<GSpacing>(d * sizeof(float));
            if (ds->RasterIO(GF_Read, x, y, w, h, block.data(), w, h, GDT_Float32, d, nullptr, pixel,
                             pixel * w, sizeof(float), nullptr) != CE_None)
                throw std::runtime_error(path + ": read failed");
        }
    return static_cast<double>(side) * side / secondsSince(start);
}

}  // namespace

nlohmann::json benchRaster(const Model& model, const Dataset& data, int side, double pointsPerSecond,
                           int threads) {
    GDALAllRegister();
    const fs::path dir = fs::temp_directory_path() / fmt::format("bridgelc_bench_raster_{}", ::getpid());
    fs::create_directories(dir);
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ignored;
            fs::remove_all(dir, ignored);
        }
    } cleanup{dir};
    const std::string stack = (dir / "stack.tif").string();
    writeStack(stack, data, side);
    const double pixels = static_cast<double>(side) * side;
    GDALSetCacheMax64(
        64 << 20);  // as predict-raster: an empty cache, so the read is measured from disk cache
    const double readRate = plainReadRate(stack, static_cast<int>(data.featureCount()));

    RasterPredictionOptions options;
    options.stack = stack;
    options.out = (dir / "landcover.tif").string();
    options.confidence = true;
    TrainingObserver quiet;
    const std::shared_ptr<const Model> borrowed(&model, [](const Model*) {});
    const RasterPartResult part = RasterPredictor(borrowed, "bench", options).run(quiet);
    const auto mergeStart = std::chrono::steady_clock::now();
    mergeRasterParts(options.out, threads, quiet);
    const double mergeSeconds = secondsSince(mergeStart);
    const double predictRate = part.pixelsPerSecond();
    const double totalRate = pixels / (part.seconds + mergeSeconds);
    return {{"pixels", side * side},
            {"side", side},
            {"features", data.featureCount()},
            {"gdalReadPixelsPerSecond", readRate},
            {"predictPixelsPerSecond", predictRate},
            {"withGeoTiffPixelsPerSecond", totalRate},
            {"ratioToPointInference", predictRate / pointsPerSecond},
            {"ratioToGdalRead", predictRate / readRate}};
}

int rasterSideFor(std::size_t points) {
    const auto side = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(points)) / 256.0)) * 256;
    return std::max(256, side);
}

std::string formatRasterBench(const nlohmann::json& r) {
    return fmt::format(
        "\nraster {}x{} ({} features per pixel, EPSG:3035): plain GDAL read {:.0f} pixels/s; predict-raster "
        "{:.0f} pixels/s = {:.2f} x point inference, {:.3f} x the plain read; with the Cloud-Optimised "
        "GeoTIFF "
        "(overviews, DEFLATE) {:.0f} pixels/s\n",
        r["side"].get<int>(), r["side"].get<int>(), r["features"].get<std::size_t>(),
        r["gdalReadPixelsPerSecond"].get<double>(), r["predictPixelsPerSecond"].get<double>(),
        r["ratioToPointInference"].get<double>(), r["ratioToGdalRead"].get<double>(),
        r["withGeoTiffPixelsPerSecond"].get<double>());
}

}  // namespace bridgelc::cli
