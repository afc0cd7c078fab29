#pragma once
#include <cstddef>
#include <vector>

namespace bridgelc {

/// Points in ETRS89-LAEA Europe (EPSG:3035) metres, column-wise. A point PROJ cannot project (or whose
/// lon/lat was not finite) holds NaN in both coordinates, so every consumer skips it the same way.
struct ProjectedPoints {
    std::vector<double> x;  ///< easting, metres
    std::vector<double> y;  ///< northing, metres

    std::size_t size() const { return x.size(); }
    bool valid(std::size_t i) const { return x[i] == x[i] && y[i] == y[i]; }
};

/// Projects WGS84 lon/lat degrees to EPSG:3035 in one PROJ call per block of points. Safe to call from any
/// thread (each call uses its own PROJ context). `lon` and `lat` must have the same length.
ProjectedPoints projectToLaea(const std::vector<double>& lon, const std::vector<double>& lat);

}  // namespace bridgelc
