#pragma once
// A deliberately tiny reader for the LUCAS test table (POINT_ID, lon, lat, country, nuts0, region, lc1_name
// in the first columns) so geo and split tests do not depend on the general point reader they would check.
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bridgelc::test {

struct LucasRow {
    long long pointId = 0;
    std::string id;  ///< POINT_ID as written
    double lon = 0, lat = 0;
    std::string region;     ///< EEA code, e.g. "ATL"
    std::string landCover;  ///< lc1_name, e.g. "Cropland"
};

inline std::vector<LucasRow> readLucasRows(const std::string& path, std::size_t maxRows = SIZE_MAX) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);
    if (line.rfind("POINT_ID,lon,lat,country,nuts0,region,lc1_name,", 0) != 0)
        throw std::runtime_error(path + ": unexpected header");
    std::vector<LucasRow> rows;
    while (rows.size() < maxRows && std::getline(in, line)) {
        std::string fields[7];
        std::size_t start = 0;
        for (auto& field : fields) {
            const std::size_t comma = line.find(',', start);
            field = line.substr(start, comma - start);
            start = comma + 1;
        }
        rows.push_back({std::stoll(fields[0]), fields[0], std::stod(fields[1]), std::stod(fields[2]),
                        fields[5], fields[6]});
    }
    return rows;
}

}  // namespace bridgelc::test
