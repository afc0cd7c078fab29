#pragma once
#include <functional>
#include <string>

#include "core/data/raw_table.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// Reads a point layer of any GDAL vector source (GeoPackage, GeoJSON, Shapefile...) into a RawTable: fields
/// become columns, point geometries are reprojected to WGS84 lon/lat. Rows are numbered by feature (1-based,
/// in reading order), which is what problems report as their "line".
class OgrReader {
public:
    using HeaderHook = std::function<void(RawTable&)>;

    /// `layerName` empty: the first layer with point geometry, else the first layer. False on a fatal problem
    /// (cannot open, unknown layer, a feature that is not a point, a read error).
    static bool read(const std::string& path, const std::string& layerName, RawTable& table,
                     ValidationReport& report, const HeaderHook& onHeader = {});

    /// True when `path` should go to GDAL rather than the CSV reader (by extension or content).
    static bool handles(const std::string& path);
};

}  // namespace bridgelc
