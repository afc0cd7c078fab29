#pragma once
#include <array>
#include <memory>
#include <string>

class GDALDataset;
class OGRCoordinateTransformation;

namespace bridgelc {

/// WGS84 longitude/latitude (degrees) of pixel centres of a raster, from its geotransform and CRS through
/// PROJ (OGRCoordinateTransformation, traditional lon/lat axis order).
class PixelLocator {
public:
    /// Throws RasterError when the raster has no CRS or no geotransform, or PROJ cannot reach WGS84.
    PixelLocator(GDALDataset& raster, const std::string& path);
    ~PixelLocator();
    PixelLocator(const PixelLocator&) = delete;
    PixelLocator& operator=(const PixelLocator&) = delete;

    /// Fills lon/lat of n pixels given by column/row (whole numbers; the centre is at +0.5); points PROJ
    /// cannot transform get NaN.
    void locate(const int* columns, const int* rows, std::size_t n, double* lon, double* lat) const;

private:
    std::array<double, 6> m_transform{};
    std::unique_ptr<OGRCoordinateTransformation> m_toWgs84;
};

}  // namespace bridgelc
