#pragma once
#include <cstddef>
#include <memory>
#include <string>

namespace bridgelc {

/// Biogeographical region of a WGS84 point from the EEA 10 km cell table: the point is projected to
/// ETRS89-LAEA (EPSG:3035) and its cell (floor(E/10000), floor(N/10000)) looked up; a point in a cell with no
/// region takes the nearest cell within `maxSnapMeters` (coastal points), otherwise it is outside (-1).
class RegionLookup {
public:
    /// Reads `e10km,n10km,region` rows; throws std::runtime_error naming the file and line on bad input.
    explicit RegionLookup(const std::string& cellTablePath, double maxSnapMeters = 20000.0);
    /// The table shipped in resources/regions/.
    static const RegionLookup& builtIn();
    ~RegionLookup();
    RegionLookup(RegionLookup&&) noexcept;
    RegionLookup& operator=(RegionLookup&&) noexcept;

    /// Index into biogeographicalRegions(), or -1 when outside every region.
    int regionAt(double lon, double lat) const;
    /// The same for n points at once (one PROJ call for all of them).
    void regionsAt(const double* lon, const double* lat, std::size_t n, int* regionOut) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace bridgelc
