#include "core/raster/pixel_locator.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/raster/raster_error.h"

namespace bridgelc {

PixelLocator::PixelLocator(GDALDataset& raster, const std::string& path) {
    if (raster.GetGeoTransform(m_transform.data()) != CE_None)
        throw RasterError(
            fmt::format("{}: the raster has no geotransform, so pixel locations are unknown and "
                        "a model that uses location cannot predict it",
                        path));
    const OGRSpatialReference* source = raster.GetSpatialRef();
    if (source == nullptr || source->IsEmpty())
        throw RasterError(
            fmt::format("{}: the raster has no coordinate reference system; a model that uses "
                        "location needs one (assign it with gdal_edit.py -a_srs)",
                        path));
    OGRSpatialReference from(*source);
    from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m_toWgs84.reset(OGRCreateCoordinateTransformation(&from, &wgs84));
    if (!m_toWgs84)
        throw RasterError(fmt::format("{}: PROJ cannot transform the raster's CRS to WGS84: {}", path,
                                      CPLGetLastErrorMsg()));
}

PixelLocator::~PixelLocator() = default;

void PixelLocator::locate(const int* columns, const int* rows, std::size_t n, double* lon,
                          double* lat) const {
    const auto& t = m_transform;
    for (std::size_t i = 0; i < n; ++i) {
        const double c = columns[i] + 0.5, r = rows[i] + 0.5;
        lon[i] = t[0] + c * t[1] + r * t[2];
        lat[i] = t[3] + c * t[4] + r * t[5];
    }
    std::vector<int> ok(n, 0);
    m_toWgs84->Transform(static_cast<int>(n), lon, lat, nullptr, ok.data());
    for (std::size_t i = 0; i < n; ++i) {
        if (ok[i]) continue;
        lon[i] = std::numeric_limits<double>::quiet_NaN();
        lat[i] = std::numeric_limits<double>::quiet_NaN();
    }
}

}  // namespace bridgelc
