#pragma once
#include <string>

namespace bridgelc {

class AreaOfApplicability;
class TrainingObserver;

/// The two rasters of a prediction's area of applicability, beside a predicted land-cover GeoTIFF.
struct ApplicabilityRasterResult {
    bool completed = false;  ///< false: cancelled; the partial files were removed
    std::string diPath;      ///< Float32 dissimilarity index, nodata -1
    std::string maskPath;    ///< Byte: 1 inside, 0 outside the area of applicability, nodata 255
    std::size_t pixels = 0, valid = 0, outside = 0;
    double seconds = 0;
};

/// `<out without .tif>_di.tif` and `<out without .tif>_aoa.tif` for the land-cover raster `out`.
std::string applicabilityDiPath(const std::string& out);
std::string applicabilityMaskPath(const std::string& out);

/// Computes the DI of every pixel of a feature stack (bands found as the class prediction finds them: by the
/// model's feature names or `bandsFile`) and writes the DI and the inside/outside mask as tiled, compressed
/// GeoTIFFs with the stack's grid, block by block along the stack's natural blocks so memory stays bounded.
/// Pixels where any band has no data (nodata value, NaN, GDAL mask) are nodata in both. Cancellation is
/// polled between blocks. Throws RasterError for an unreadable stack or an output it cannot write.
ApplicabilityRasterResult writeApplicabilityRasters(const AreaOfApplicability& aoa, const std::string& stack,
                                                    const std::string& bandsFile, const std::string& out,
                                                    TrainingObserver& observer);

}  // namespace bridgelc
