#pragma once
// A deliberately tiny reader for the LUCAS test table (POINT_ID, lon, lat, ..., region in the first columns)
// so the geo tests do not depend on the general point reader.
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bridgelc::test {

struct LucasRow {
    long long pointId = 0;
    double lon = 0, lat = 0;
    std::string region;
};

inline std::vector<LucasRow> readLucasRows(const std::string& path, std::size_t maxRows = SIZE_MAX) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);
    if (line.rfind("POINT_ID,lon,lat,country,nuts0,region,", 0) != 0)
        throw std::runtime_error(path + ": unexpected header");
    std::vector<LucasRow> rows;
    while (rows.size() < maxRows && std::getline(in, line)) {
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (int i = 0; i < 6; ++i) {
            const std::size_t comma = line.find(',', start);
            fields.push_back(line.substr(start, comma - start));
            start = comma + 1;
        }
        rows.push_back({std::stoll(fields[0]), std::stod(fields[1]), std::stod(fields[2]), fields[5]});
    }
    return rows;
}

}  // namespace bridgelc::test
