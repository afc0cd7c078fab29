#include "core/geo/region_grid.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/geo/region_lookup.h"
#include "core/geo/regions.h"

namespace bridgelc {
namespace {

using ::testing::HasSubstr;

std::string errorOf(const std::string& text) {
    try {
        RegionGrid::fromText(text, "cells.csv");
    } catch (const std::runtime_error& error) {
        return error.what();
    }
    return "no error";
}

TEST(RegionGrid, LooksUpListedCellsByFloorOfTenKm) {
    const RegionGrid grid =
        RegionGrid::fromText("e10km,n10km,region\n10,20,ATL\n11,20,CON\r\n\n10,21,ALP\n", "t");
    EXPECT_EQ(grid.listedCells(), 3u);
    EXPECT_EQ(grid.regionAt(100000.0, 200000.0, 0.0), regionIndex("ATL"));
    EXPECT_EQ(grid.regionAt(109999.9, 209999.9, 0.0), regionIndex("ATL"));
    EXPECT_EQ(grid.regionAt(110000.0, 200000.0, 0.0), regionIndex("CON"));
    EXPECT_EQ(grid.regionAt(105000.0, 215000.0, 0.0), regionIndex("ALP"));
    EXPECT_EQ(grid.regionAt(115000.0, 215000.0, 0.0), -1);  // cell (11,21) is inside the box but not listed
    EXPECT_EQ(grid.regionAt(-5.0e9, 215000.0, 20000.0), -1);
}

TEST(RegionGrid, SnapsByDistanceFromThePointToTheCellSquare) {
    // One ATL cell at (10,20) and one CON cell at (13,20): a point in empty cell (11,20) near its west edge
    // is nearer the ATL square, one near its east side (in cell 12) nearer the CON square.
    const RegionGrid grid = RegionGrid::fromText("e10km,n10km,region\n10,20,ATL\n13,20,CON\n", "t");
    EXPECT_EQ(grid.regionAt(111000.0, 205000.0, 20000.0),
              regionIndex("ATL"));  // 1 km from ATL, 19 km from CON
    EXPECT_EQ(grid.regionAt(128000.0, 205000.0, 20000.0),
              regionIndex("CON"));                             // 18 km from ATL, 2 km from CON
    EXPECT_EQ(grid.regionAt(128000.0, 205000.0, 1000.0), -1);  // beyond a 1 km snap
    EXPECT_EQ(grid.regionAt(105000.0, 228000.0, 20000.0), regionIndex("ATL"));  // 18 km north of ATL
    EXPECT_EQ(grid.regionAt(105000.0, 232000.0, 20000.0), -1);                  // 22 km
    // Diagonal: 15 km east and 15 km north of the CON square's corner is 21.2 km away.
    EXPECT_EQ(grid.regionAt(155000.0, 225000.0, 20000.0), -1);
    EXPECT_EQ(grid.regionAt(150000.0, 220000.0, 20000.0), regionIndex("CON"));  // 14.1 km
}

TEST(RegionGrid, BadTablesNameFileLineAndColumn) {
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n3,x4,CON\n"), HasSubstr("cells.csv:3:3: n10km 'x4'"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n3,4,XYZ\n"),
                HasSubstr("cells.csv:3:5: unknown region"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n3,4\n"), HasSubstr("cells.csv:3: expected 3 fields"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n3,4,CON,9\n"),
                HasSubstr("cells.csv:3: expected 3 fields"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n3,4,\n"), HasSubstr("cells.csv:3:5: unknown region"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n1,2,CON\n"),
                HasSubstr("cells.csv:3: cell (1, 2) listed twice"));
    EXPECT_THAT(errorOf("x,y,region\n1,2,ATL\n"), HasSubstr("cells.csv:1: header"));
    EXPECT_THAT(errorOf(""), HasSubstr("cells.csv:1: empty cell table"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n"), HasSubstr("no cells"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n90000000,2,CON\n"), HasSubstr("more than Europe"));
    EXPECT_THAT(errorOf("e10km,n10km,region\n1,2,ATL\n99999999999,2,CON\n"),
                HasSubstr("cells.csv:3:1: e10km"));
    // The same line listed twice with the same region is harmless.
    EXPECT_EQ(errorOf("e10km,n10km,region\n1,2,ATL\n1,2,ATL\n"), "no error");
}

TEST(RegionGrid, RegionLookupReportsTheFilePathOfABadTable) {
    const auto path = std::filesystem::temp_directory_path() / "bridgelc_bad_cells_test.csv";
    {
        std::ofstream out(path);
        out << "e10km,n10km,region\n10,20,ATL\n10,21,ATL\n10,2x,ATL\n";
    }
    try {
        RegionLookup lookup(path.string());
        FAIL() << "expected an error";
    } catch (const std::runtime_error& error) {
        EXPECT_THAT(error.what(), HasSubstr(path.string() + ":4:"));
    }
    std::filesystem::remove(path);
    EXPECT_THROW(RegionLookup("/nonexistent/cells.csv"), std::runtime_error);
}

}  // namespace
}  // namespace bridgelc
