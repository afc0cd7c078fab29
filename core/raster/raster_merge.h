#pragma once
#include <string>
#include <vector>

namespace bridgelc {

class TrainingObserver;

/// What a merge produced.
struct RasterMergeResult {
    int parts = 0;
    int width = 0, height = 0;
    double seconds = 0;
};

/// Where the per-class probability bands go: "landcover.tif" -> "landcover_probabilities.tif".
std::string probabilitiesPath(const std::string& out);

/// The parts (1-based) of the prediction in `<out>.parts/` that are missing or unfinished: the Slurm array
/// tasks to run again. Empty when every part is done or there is no single set of parts to tell from.
std::vector<int> unfinishedParts(const std::string& out);

/// Assembles the finished parts in `<out>.parts/` (every part-I-of-N of one N, all complete, all from the
/// same prediction) into the final GeoTIFF `out` (the class band, plus confidence when predicted) and,
/// with probabilities, probabilitiesPath(out) (GeoTIFF keeps a colour table only with one or two bands): a
/// VRT mosaic of the parts, given the class colour table, category names and a raster attribute table (class
/// value, name, colour) on band 1, band descriptions, nodata 255 and a 0.01 scale on the percent bands, then
/// GDALTranslate to a Cloud-Optimised GeoTIFF (tiled 256, DEFLATE, MODE overviews). One part or many give the
/// same bytes. The parts' metadata items (provenance) become the GeoTIFF's dataset metadata. Class names and
/// the attribute table go to `out.aux.xml` (GDAL's sidecar, read by QGIS); `out` with extension .qml is the
/// QGIS style with the class colours and legend labels. Written under a temporary name and renamed. Throws
/// RasterError naming a missing, unfinished or foreign part; `threads` compress in parallel.
RasterMergeResult mergeRasterParts(const std::string& out, int threads, TrainingObserver& observer);

}  // namespace bridgelc
