#include "core/geo/region_grid.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "core/geo/regions.h"

namespace bridgelc {

namespace {

// Bounds the grid so a typo such as 9400000 in the table cannot allocate gigabytes.
constexpr long long kMaxGridCells = 64LL * 1024 * 1024;

struct CellRow {
    int e, n;
    std::int8_t region;
    std::size_t line;
};

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

class TableParser {
public:
    explicit TableParser(const std::string& source) : m_source(source) {}

    [[noreturn]] void fail(std::size_t line, int column, const std::string& what) const {
        std::string where = m_source + ":" + std::to_string(line);
        if (column > 0) where += ":" + std::to_string(column);
        throw std::runtime_error(where + ": " + what);
    }

    std::vector<CellRow> parse(const std::string& text) {
        std::vector<CellRow> rows;
        rows.reserve(text.size() / 12);
        std::size_t line = 0, pos = 0;
        bool headerSeen = false;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string::npos) end = text.size();
            std::string_view raw(text.data() + pos, end - pos);
            pos = end + 1;
            ++line;
            if (line == 1 && raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
            if (trimmed(raw).empty()) continue;
            std::string_view fields[3];
            int columnStart[3] = {1, 0, 0};
            std::size_t count = 0, start = 0;
            for (std::size_t i = 0; i <= raw.size(); ++i) {
                if (i == raw.size() || raw[i] == ',') {
                    if (count < 3) {
                        fields[count] = trimmed(raw.substr(start, i - start));
                        columnStart[count] = static_cast<int>(start) + 1;
                    }
                    ++count;
                    start = i + 1;
                }
            }
            if (count != 3)
                fail(line, 0, "expected 3 fields (e10km,n10km,region), found " + std::to_string(count));
            if (!headerSeen) {
                if (lowered(fields[0]) != "e10km" || lowered(fields[1]) != "n10km" ||
                    lowered(fields[2]) != "region")
                    fail(line, 0, "header must be 'e10km,n10km,region'");
                headerSeen = true;
                continue;
            }
            CellRow row{};
            row.line = line;
            row.e = integer(fields[0], line, columnStart[0], "e10km");
            row.n = integer(fields[1], line, columnStart[1], "n10km");
            // Codes come in long runs; resolving each one afresh would dominate the load time.
            if (fields[2] != m_lastCode || m_lastCode.empty()) {
                m_lastCode = std::string(fields[2]);
                m_lastRegion = fields[2].empty() ? -1 : regionIndex(m_lastCode);
            }
            if (m_lastRegion < 0)
                fail(line, columnStart[2], "unknown region code '" + std::string(fields[2]) + "'");
            row.region = static_cast<std::int8_t>(m_lastRegion);
            rows.push_back(row);
        }
        if (!headerSeen) fail(std::max<std::size_t>(line, 1), 0, "empty cell table (no header)");
        if (rows.empty()) fail(line, 0, "cell table has a header but no cells");
        return rows;
    }

private:
    int integer(std::string_view field, std::size_t line, int column, const char* name) const {
        int value = 0;
        const auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
        if (field.empty() || ec != std::errc() || ptr != field.data() + field.size())
            fail(line, column, std::string(name) + " '" + std::string(field) + "' is not an integer");
        return value;
    }

    std::string m_source;
    std::string m_lastCode;
    int m_lastRegion = -1;
};

}  // namespace

RegionGrid RegionGrid::fromFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the region cell table");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return fromText(buffer.str(), path);
}

RegionGrid RegionGrid::fromText(const std::string& text, const std::string& sourceName) {
    TableParser parser(sourceName);
    const std::vector<CellRow> rows = parser.parse(text);

    RegionGrid grid;
    int maxE = rows.front().e, maxN = rows.front().n;
    grid.m_minE = maxE;
    grid.m_minN = maxN;
    for (const CellRow& row : rows) {
        grid.m_minE = std::min(grid.m_minE, row.e);
        grid.m_minN = std::min(grid.m_minN, row.n);
        maxE = std::max(maxE, row.e);
        maxN = std::max(maxN, row.n);
    }
    const long long width = static_cast<long long>(maxE) - grid.m_minE + 1;
    const long long height = static_cast<long long>(maxN) - grid.m_minN + 1;
    if (width * height > kMaxGridCells)
        throw std::runtime_error(sourceName + ": cells span " + std::to_string(width) + " x " +
                                 std::to_string(height) +
                                 " cells of 10 km, more than Europe; check e10km/n10km");
    grid.m_width = static_cast<int>(width);
    grid.m_height = static_cast<int>(height);
    grid.m_cells.assign(static_cast<std::size_t>(width * height), -1);

    for (const CellRow& row : rows) {
        std::int8_t& cell = grid.m_cells[static_cast<std::size_t>(row.n - grid.m_minN) * grid.m_width +
                                         (row.e - grid.m_minE)];
        if (cell >= 0 && cell != row.region)
            throw std::runtime_error(sourceName + ":" + std::to_string(row.line) + ": cell (" +
                                     std::to_string(row.e) + ", " + std::to_string(row.n) +
                                     ") listed twice with different regions");
        if (cell < 0) ++grid.m_listed;
        cell = row.region;
    }
    return grid;
}

int RegionGrid::cellRegion(int e10km, int n10km) const {
    const long long col = static_cast<long long>(e10km) - m_minE;
    const long long row = static_cast<long long>(n10km) - m_minN;
    if (col < 0 || row < 0 || col >= m_width || row >= m_height) return -1;
    return m_cells[static_cast<std::size_t>(row) * m_width + static_cast<std::size_t>(col)];
}

int RegionGrid::regionAt(double easting, double northing, double maxSnapMeters) const {
    if (!std::isfinite(easting) || !std::isfinite(northing) || m_cells.empty()) return -1;
    const double snap = std::max(0.0, maxSnapMeters);
    const int reach = static_cast<int>(std::ceil(snap / kCellMeters));
    const double fe = std::floor(easting / kCellMeters);
    const double fn = std::floor(northing / kCellMeters);
    // Far outside the grid (and the only place a huge value could overflow an int).
    if (fe < m_minE - reach - 1.0 || fe > m_minE + m_width + reach || fn < m_minN - reach - 1.0 ||
        fn > m_minN + m_height + reach)
        return -1;
    const int ce = static_cast<int>(fe);
    const int cn = static_cast<int>(fn);
    const int own = cellRegion(ce, cn);
    if (own >= 0 || reach == 0) return own;

    // Coastal point: nearest listed cell by the distance from the point to the cell's square.
    int best = -1;
    double bestSquared = snap * snap;
    for (int n = std::max(cn - reach, m_minN); n <= std::min(cn + reach, m_minN + m_height - 1); ++n) {
        const double south = n * kCellMeters;
        const double dy = std::max({0.0, south - northing, northing - (south + kCellMeters)});
        for (int e = std::max(ce - reach, m_minE); e <= std::min(ce + reach, m_minE + m_width - 1); ++e) {
            const int region = m_cells[static_cast<std::size_t>(n - m_minN) * m_width + (e - m_minE)];
            if (region < 0) continue;
            const double west = e * kCellMeters;
            const double dx = std::max({0.0, west - easting, easting - (west + kCellMeters)});
            const double squared = dx * dx + dy * dy;
            if (squared <= bestSquared && (best < 0 || squared < bestSquared)) {
                best = region;
                bestSquared = squared;
            }
        }
    }
    return best;
}

}  // namespace bridgelc
