#pragma once
// A small table shaped like a raw LUCAS survey export (TH_LAT/TH_LONG, LC1 codes) with the lab and terrain
// columns such a table carries — some almost entirely empty or "< LOD" — next to a few satellite columns.
// Shared by the data, CLI and GUI tests of mostly-missing and non-spectral features.
#include <cstddef>
#include <string>

namespace bridgelc::test {

/// Rows of rawLucasCsv().
inline constexpr std::size_t kRawLucasRows = 200;

/// The table's text. Columns and what they hold over the 200 rows:
///   OC        190 empty, 4 "< LOD", 6 numbers   -> mostly missing (194 of 200, 97.0 %)
///   P         40 "< LOD", 160 numbers           -> a feature with 40 values that are not numbers (20.0 %)
///   K, pH_H2O numbers everywhere                -> features (soil chemistry)
///   N         150 empty, 50 numbers             -> mostly missing (150 of 200, 75.0 %)
///   Elevation 10 empty, 190 numbers             -> a feature (terrain) with 10 empty cells (5.0 %)
///   CaCO3     every cell empty                  -> an empty column, ignored
///   EC        199 empty, 1 number               -> mostly missing (199 of 200, 99.5 %)
///   blue_median, nir_median, ndvi_p50: numbers  -> the satellite features
/// Labels: four LUCAS LC1 codes (A11, B11, C21, E10), 50 points each; points on land in central Europe.
inline std::string rawLucasCsv() {
    static const char* const codes[] = {"A11", "B11", "C21", "E10"};
    std::string csv =
        "POINT_ID,TH_LAT,TH_LONG,LC1,OC,P,K,N,pH_H2O,Elevation,CaCO3,EC,blue_median,nir_median,ndvi_p50\n";
    for (std::size_t i = 0; i < kRawLucasRows; ++i) {
        const int c = static_cast<int>(i % 4);
        const double lat = 47.5 + 0.02 * static_cast<double>(i);
        const double lon = 7.0 + 0.03 * static_cast<double>(i);
        std::string oc = i < 190 ? "" : i < 194 ? "< LOD" : std::to_string(10 + i % 7);
        std::string p = i % 5 == 0 ? "< LOD" : std::to_string(20 + (i * 7) % 30);
        std::string n = i < 150 ? "" : std::to_string(1 + i % 3);
        std::string elevation = i % 20 == 3 ? "" : std::to_string(200 + (i * 13) % 800);
        std::string ec = i == 42 ? "12.5" : "";
        csv += std::to_string(40000000 + i) + "," + std::to_string(lat) + "," + std::to_string(lon) + "," +
               codes[c] + "," + oc + "," + p + "," + std::to_string(100 + (i * 11) % 90) + "," + n + "," +
               std::to_string(5.0 + 0.01 * static_cast<double>(i % 200)) + "," + elevation + ",," + ec + "," +
               std::to_string(800 + 300 * c + static_cast<int>(i % 17)) + "," +
               std::to_string(2000 + 500 * c + static_cast<int>(i % 23)) + "," +
               std::to_string(100 + 150 * c + static_cast<int>(i % 11)) + "\n";
    }
    return csv;
}

}  // namespace bridgelc::test
