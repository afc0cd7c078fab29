#pragma once
// The raster part of `bridgelc bench`: the same model predicting a feature stack through predict-raster's
// engine, next to a plain GDAL read of that stack and to point inference, in one run.
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace bridgelc {
class Model;
struct Dataset;
}  // namespace bridgelc

namespace bridgelc::cli {

/// Writes a side x side Float32 stack (tiled 256, band descriptions = feature names, EPSG:3035 at 100 m)
/// whose pixels are `data`'s rows repeated, reads it back with GDAL alone, predicts it with RasterPredictor
/// and merges the GeoTIFF. Returns pixels/s of each step and the ratios to `pointsPerSecond` and to the read.
nlohmann::json benchRaster(const Model& model, const Dataset& data, int side, double pointsPerSecond,
                           int threads);

/// A side whose square is about `points` pixels, rounded up to whole 256-pixel tiles (at least one).
int rasterSideFor(std::size_t points);

/// The human-readable lines of benchRaster()'s result.
std::string formatRasterBench(const nlohmann::json& raster);

}  // namespace bridgelc::cli
