#include "core/geo/region_lookup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "core/geo/laea_projection.h"
#include "core/geo/regions.h"
#include "core/util/resources.h"
#include "tests/lucas_table.h"

namespace bridgelc {
namespace {

const std::string kLucasDir = std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/";

std::string codeAt(const RegionLookup& lookup, double lon, double lat) {
    const int region = lookup.regionAt(lon, lat);
    return region < 0 ? "-" : biogeographicalRegions().at(region).code;
}

// lon/lat of an EPSG:3035 position, so tests can place points at exact distances from cells.
std::pair<double, double> lonLatOf(double easting, double northing) {
    LaeaProjection projection;
    projection.inverse(&easting, &northing, 1);
    return {easting, northing};
}

TEST(RegionLookup, KnownPlaces) {
    const RegionLookup& lookup = RegionLookup::builtIn();
    EXPECT_EQ(codeAt(lookup, -3.70, 40.42), "MED");           // Madrid
    EXPECT_EQ(codeAt(lookup, 23.73, 37.98), "MED");           // Athens
    EXPECT_EQ(codeAt(lookup, 24.94, 60.17), "BOR");           // Helsinki
    EXPECT_EQ(codeAt(lookup, 12.69, 47.07), "ALP");           // Grossglockner, Hohe Tauern
    EXPECT_EQ(codeAt(lookup, 7.75, 46.02), "ALP");            // Zermatt
    EXPECT_EQ(codeAt(lookup, 2.35, 48.86), "ATL");            // Paris
    EXPECT_EQ(codeAt(lookup, 10.0, 52.0), "CON");             // Lower Saxony, the LAEA origin
    EXPECT_EQ(codeAt(lookup, 19.69, 46.91), "PAN");           // Kecskemet, Great Hungarian Plain
    EXPECT_EQ(codeAt(lookup, -16.50, 28.30), "MAC");          // Tenerife
    const std::string vienna = codeAt(lookup, 16.37, 48.21);  // on the Continental/Pannonian border
    EXPECT_TRUE(vienna == "CON" || vienna == "PAN") << vienna;
}

TEST(RegionLookup, OpenOceanAndUndefinedPointsAreOutside) {
    const RegionLookup& lookup = RegionLookup::builtIn();
    EXPECT_EQ(lookup.regionAt(-30.0, 45.0), -1);  // mid Atlantic
    EXPECT_EQ(lookup.regionAt(-15.0, 50.0), -1);  // west of Ireland, far offshore
    EXPECT_EQ(lookup.regionAt(std::nan(""), 45.0), -1);
    EXPECT_EQ(lookup.regionAt(1e300, 1e300), -1);
}

TEST(RegionLookup, CoastalPointsSnapToTheNearestCellWithin20Km) {
    // Off Lisbon: cells e10km 263 (E 2630000..2640000), n10km 193..197 are Mediterranean and the cells west
    // of them (262 and below) are sea, not listed.
    const RegionLookup& lookup = RegionLookup::builtIn();
    const int med = regionIndex("MED");
    const auto [onLandLon, onLandLat] = lonLatOf(2635000.0, 1955000.0);
    EXPECT_EQ(lookup.regionAt(onLandLon, onLandLat), med);
    const auto [near5Lon, near5Lat] = lonLatOf(2625000.0, 1955000.0);  // 5 km from cell 263
    EXPECT_EQ(lookup.regionAt(near5Lon, near5Lat), med);
    const auto [near18Lon, near18Lat] = lonLatOf(2612000.0, 1955000.0);  // 18 km
    EXPECT_EQ(lookup.regionAt(near18Lon, near18Lat), med);
    const auto [far25Lon, far25Lat] = lonLatOf(2605000.0, 1955000.0);  // 25 km
    EXPECT_EQ(lookup.regionAt(far25Lon, far25Lat), -1);

    const RegionLookup noSnap(resourcePath("regions/biogeoregions_10km_cells.csv"), 0.0);
    EXPECT_EQ(noSnap.regionAt(near5Lon, near5Lat), -1);
    EXPECT_EQ(noSnap.regionAt(onLandLon, onLandLat), med);
}

TEST(RegionLookup, AgreesWithTheRegionColumnOfTheLucasSample) {
    // The region column of the shared table was derived from the same cell table, independently of this code.
    const auto rows = test::readLucasRows(kLucasDir + "lucas2018_elc10_s1s2_sample4k.csv");
    ASSERT_EQ(rows.size(), 4000u);
    std::vector<double> lon, lat;
    for (const auto& row : rows) {
        lon.push_back(row.lon);
        lat.push_back(row.lat);
    }
    std::vector<int> regions(rows.size(), -2);
    RegionLookup::builtIn().regionsAt(lon.data(), lat.data(), lon.size(), regions.data());
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (regions[i] != regionIndex(rows[i].region)) ++mismatches;
    EXPECT_EQ(mismatches, 0u);
    // The batch and the single-point call agree.
    for (std::size_t i = 0; i < rows.size(); i += 97)
        EXPECT_EQ(regions[i], RegionLookup::builtIn().regionAt(lon[i], lat[i]));
}

TEST(RegionLookup, BatchFromSeveralThreadsAtOnceMatchesSequential) {
    std::vector<double> lon, lat;
    for (int i = 0; i < 30000; ++i) {
        lon.push_back(-12.0 + (i % 300) * 0.18);
        lat.push_back(34.0 + (i / 300) * 0.36);
    }
    const RegionLookup& lookup = RegionLookup::builtIn();
    std::vector<int> reference(lon.size());
    lookup.regionsAt(lon.data(), lat.data(), lon.size(), reference.data());
    std::vector<std::vector<int>> results(4, std::vector<int>(lon.size(), -2));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back(
            [&, t] { lookup.regionsAt(lon.data(), lat.data(), lon.size(), results[t].data()); });
    for (auto& thread : threads)
        thread.join();
    for (const auto& result : results)
        EXPECT_EQ(result, reference);
    // Some of the grid is land in Europe and some is sea.
    EXPECT_GT(std::count(reference.begin(), reference.end(), -1), 1000);
    EXPECT_GT(std::count(reference.begin(), reference.end(), regionIndex("CON")), 1000);
}

}  // namespace
}  // namespace bridgelc
