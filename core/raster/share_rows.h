#pragma once
#include <vector>

class GDALDataset;

namespace bridgelc {

/// Where the shares of a tiled raster prediction (`--tiles I/N`) start and end: horizontal strips of whole
/// pixel rows, cut so that every strip holds about the same number of valid pixels, the ones that cost a
/// prediction. The count comes from one mapped band (its nodata value, NaN and GDAL mask) read at most
/// 1024 x 8192 pixels (GDAL takes an overview when there is one), so a nodata-heavy band of rows does not
/// leave one task with most of the work; every process that asks gets the same strips.
///
/// Returns parts + 1 row boundaries from 0 to the raster's height, each strip at least one row. Throws
/// RasterError when `parts` exceeds the rows, or the band cannot be read.
std::vector<int> balancedShareRows(GDALDataset& stack, int band, int parts);

}  // namespace bridgelc
