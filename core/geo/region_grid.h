#pragma once
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace bridgelc {

/// The EEA biogeographical region cell table as a dense grid of 10 km cells in ETRS89-LAEA (EPSG:3035)
/// metres: one byte per cell over the bounding box of the listed cells, so a lookup is one index computation.
class RegionGrid {
public:
    static constexpr double kCellMeters = 10000.0;

    /// Reads `e10km,n10km,region` rows (region = EEA code, e.g. ATL). Throws std::runtime_error naming the
    /// file, line and column of the first bad row.
    static RegionGrid fromFile(const std::string& path);
    /// The same from text already in memory; `sourceName` is used in messages.
    static RegionGrid fromText(const std::string& text, const std::string& sourceName);

    /// Region index (into biogeographicalRegions()) at easting/northing; a point in a cell with no region
    /// takes the region of the nearest cell whose square lies within `maxSnapMeters` of the point; -1
    /// otherwise.
    int regionAt(double easting, double northing, double maxSnapMeters) const;

    /// Region of cell (e10km, n10km) exactly as listed, -1 when not listed.
    int cellRegion(int e10km, int n10km) const;
    std::size_t listedCells() const { return m_listed; }

private:
    int m_minE = 0, m_minN = 0, m_width = 0, m_height = 0;
    std::size_t m_listed = 0;
    std::vector<std::int8_t> m_cells;  // row-major by northing, -1 = no region
};

}  // namespace bridgelc
