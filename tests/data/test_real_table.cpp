// The real LUCAS 2018 / ELC10 table (69,971 points): counts and values checked against a plain independent
// parse of the CSV, the same data through GDAL as GeoPackage and GeoJSON, and the region lookup against the
// file's region column.
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "core/data/point_reader.h"
#include "core/geo/regions.h"
#include "test_files.h"

using namespace bridgelc;
using bridgelc::testing::sharedData;
using bridgelc::testing::TempDir;

namespace {

const std::string kFull = sharedData("lucas/lucas2018_elc10_s1s2.csv");
const std::string kSample = sharedData("lucas/lucas2018_elc10_s1s2_sample4k.csv");

/// The CSV split by hand: the table has no quoted cells, so std::getline and ',' are enough.
struct PlainTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    explicit PlainTable(const std::string& path) {
        std::ifstream in(path);
        std::string line;
        bool first = true;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            std::vector<std::string> cells;
            std::stringstream split(line);
            std::string cell;
            while (std::getline(split, cell, ','))
                cells.push_back(cell);
            if (!line.empty() && line.back() == ',') cells.emplace_back();
            if (first)
                header = cells, first = false;
            else
                rows.push_back(cells);
        }
    }
    int column(const std::string& name) const {
        for (std::size_t j = 0; j < header.size(); ++j)
            if (header[j] == name) return static_cast<int>(j);
        return -1;
    }
};

/// One load of the full table shared by the tests of this file (it takes a fraction of a second, the plain
/// parse longer).
struct RealTable : ::testing::Test {
    static void SetUpTestSuite() {
        const auto start = std::chrono::steady_clock::now();
        s_result = new LoadResult(loadPoints(kFull));
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << "[ figures  ] full table loaded in " << seconds << " s\n";
        s_plain = new PlainTable(kFull);
    }
    static void TearDownTestSuite() {
        delete s_result;
        delete s_plain;
    }
    static LoadResult* s_result;
    static PlainTable* s_plain;
};
LoadResult* RealTable::s_result = nullptr;
PlainTable* RealTable::s_plain = nullptr;

TEST_F(RealTable, CountsMatchAnIndependentParse) {
    ASSERT_TRUE(s_result->dataset) << s_result->report.fatalMessage();
    const Dataset& d = *s_result->dataset;
    const PlainTable& plain = *s_plain;
    ASSERT_EQ(plain.rows.size(), 69971u);
    EXPECT_EQ(d.size(), plain.rows.size());
    EXPECT_EQ(s_result->report.count(Severity::Fatal), 0u);
    EXPECT_EQ(d.featureCount(), 35u);

    // Features: every column after `votes`, in file order.
    const int votes = plain.column("votes");
    ASSERT_GE(votes, 0);
    const std::vector<std::string> expected(plain.header.begin() + votes + 1, plain.header.end());
    EXPECT_EQ(d.featureNames, expected);

    std::map<std::string, std::size_t> classCounts;
    const int labelColumn = plain.column("lc1_name");
    for (const auto& row : plain.rows)
        ++classCounts[row[labelColumn]];
    ASSERT_EQ(classCounts.size(), 8u);
    ASSERT_EQ(d.classNames.size(), 8u);
    const auto counts = d.classCounts();
    for (std::size_t k = 0; k < d.classNames.size(); ++k)
        EXPECT_EQ(counts[k], classCounts[d.classNames[k]]) << d.classNames[k];

    // Region counts as data/README.md gives them.
    const std::map<std::string, std::size_t> readme = {{"CON", 24723}, {"MED", 15034}, {"ATL", 13825},
                                                       {"BOR", 10659}, {"ALP", 3816},  {"PAN", 1380},
                                                       {"STE", 382},   {"BLS", 152}};
    const auto regions = d.regionCounts();
    std::size_t total = 0;
    for (const auto& [code, count] : readme) {
        EXPECT_EQ(regions[regionIndex(code)], count) << code;
        total += count;
    }
    EXPECT_EQ(total, d.size());
    EXPECT_EQ(regions.back(), 0u);
}

TEST_F(RealTable, EveryValueMatchesAnIndependentParse) {
    ASSERT_TRUE(s_result->dataset);
    const Dataset& d = *s_result->dataset;
    const PlainTable& plain = *s_plain;
    const int id = plain.column("POINT_ID"), lon = plain.column("lon"), lat = plain.column("lat"),
              code = plain.column("lc1_code"), first = plain.column("votes") + 1;
    std::size_t mismatches = 0, nan = 0;
    for (std::size_t i = 0; i < plain.rows.size() && i < d.size(); ++i) {
        const auto& row = plain.rows[i];
        mismatches += d.ids[i] != row[id];
        mismatches += d.lon[i] != std::strtod(row[lon].c_str(), nullptr);
        mismatches += d.lat[i] != std::strtod(row[lat].c_str(), nullptr);
        mismatches += d.fineCode[i] != row[code];
        for (std::size_t f = 0; f < d.featureCount(); ++f) {
            const std::string& cell = row[first + f];
            if (cell.empty()) {
                nan += std::isnan(d.row(i)[f]) ? 1 : 0;
                mismatches += std::isnan(d.row(i)[f]) ? 0 : 1;
            } else {
                mismatches += d.row(i)[f] != std::strtof(cell.c_str(), nullptr);
            }
        }
    }
    EXPECT_EQ(mismatches, 0u);
    std::cout << "[ figures  ] empty feature cells: " << nan << "\n";
}

TEST_F(RealTable, RegionLookupAgreesWithTheRegionColumn) {
    ASSERT_TRUE(s_result->dataset);
    LoadOptions options;
    options.forceRegionLookup = true;
    const auto start = std::chrono::steady_clock::now();
    const LoadResult computed = loadPoints(kFull, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(computed.dataset) << computed.report.fatalMessage();
    const Dataset& file = *s_result->dataset;
    const Dataset& lookup = *computed.dataset;
    ASSERT_EQ(file.size(), lookup.size());
    std::size_t agree = 0;
    for (std::size_t i = 0; i < file.size(); ++i)
        agree += file.region[i] == lookup.region[i];
    const double agreement = static_cast<double>(agree) / file.size();
    std::cout << "[ figures  ] region lookup agrees with the file's region column for " << agree << " of "
              << file.size() << " points (" << 100.0 * agreement << " %); load with lookup " << seconds
              << " s\n";
    EXPECT_GE(agreement, 0.995);
}

/// Converts a CSV to another format with GDAL's own CSV driver (ogr2ogr), independent of the product's
/// reader.
void convert(const std::string& csv, const std::string& out, const std::string& format,
             const char* targetSrs) {
    GDALAllRegister();
    const char* openOptions[] = {"X_POSSIBLE_NAMES=lon", "Y_POSSIBLE_NAMES=lat", "AUTODETECT_TYPE=YES",
                                 "AUTODETECT_SIZE_LIMIT=0", nullptr};
    GDALDatasetUniquePtr source(
        GDALDataset::Open(csv.c_str(), GDAL_OF_VECTOR, nullptr, openOptions, nullptr));
    ASSERT_TRUE(source) << csv;
    std::vector<std::string> args = {"-f", format, "-nln", "points"};
    if (targetSrs)
        args.insert(args.end(), {"-s_srs", "EPSG:4326", "-t_srs", targetSrs});
    else
        args.insert(args.end(), {"-a_srs", "EPSG:4326"});
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    GDALDatasetH sourceHandle = GDALDataset::ToHandle(source.get());
    int usageError = 0;
    GDALDatasetH result = GDALVectorTranslate(out.c_str(), nullptr, 1, &sourceHandle, options, &usageError);
    GDALVectorTranslateOptionsFree(options);
    ASSERT_NE(result, nullptr) << CPLGetLastErrorMsg();
    GDALClose(result);
}

void expectSameData(const Dataset& a, const Dataset& b, double coordinateTolerance) {
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(a.featureNames, b.featureNames);
    EXPECT_EQ(a.classNames, b.classNames);
    EXPECT_EQ(a.ids, b.ids);
    EXPECT_EQ(a.label, b.label);
    EXPECT_EQ(a.region, b.region);
    EXPECT_EQ(a.fineCode, b.fineCode);
    std::size_t differentValues = 0;
    for (std::size_t i = 0; i < a.features.size(); ++i) {
        const float x = a.features[i], y = b.features[i];
        differentValues += !(x == y || (std::isnan(x) && std::isnan(y)));
    }
    EXPECT_EQ(differentValues, 0u);
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max({worst, std::fabs(a.lon[i] - b.lon[i]), std::fabs(a.lat[i] - b.lat[i])});
    EXPECT_LE(worst, coordinateTolerance);
}

TEST_F(RealTable, SameDataAsGeoPackageLoadsIdentically) {
    ASSERT_TRUE(s_result->dataset);
    TempDir dir;
    const std::string gpkg = dir.file("full.gpkg");
    auto start = std::chrono::steady_clock::now();
    convert(kFull, gpkg, "GPKG", nullptr);
    const double writeSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    start = std::chrono::steady_clock::now();
    const LoadResult result = loadPoints(gpkg);
    const double readSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ figures  ] GeoPackage of the full table: written by GDAL in " << writeSeconds
              << " s, loaded in " << readSeconds << " s\n";
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    expectSameData(*s_result->dataset, *result.dataset, 0.0);
}

TEST(RealSample, SameDataAsGeoJsonAndReprojectedGeoPackage) {
    const LoadResult csv = loadPoints(kSample);
    ASSERT_TRUE(csv.dataset) << csv.report.fatalMessage();
    EXPECT_EQ(csv.dataset->size(), 4000u);
    EXPECT_EQ(csv.dataset->classCounts(), std::vector<std::size_t>(8, 500));
    TempDir dir;
    const std::string geojson = dir.file("sample.geojson");
    convert(kSample, geojson, "GeoJSON", nullptr);
    const LoadResult json = loadPoints(geojson);
    ASSERT_TRUE(json.dataset) << json.report.fatalMessage();
    expectSameData(*csv.dataset, *json.dataset, 1e-9);

    // Stored in ETRS89-LAEA metres: the reader must reproject back to WGS84 lon/lat.
    const std::string laea = dir.file("sample_3035.gpkg");
    convert(kSample, laea, "GPKG", "EPSG:3035");
    const LoadResult projected = loadPoints(laea);
    ASSERT_TRUE(projected.dataset) << projected.report.fatalMessage();
    expectSameData(*csv.dataset, *projected.dataset, 1e-7);
}

TEST(RealSample, SameValuesFromAShapefile) {
    const LoadResult csv = loadPoints(kSample);
    ASSERT_TRUE(csv.dataset);
    TempDir dir;
    const std::string shp = dir.file("sample.shp");
    convert(kSample, shp, "ESRI Shapefile", nullptr);
    const LoadResult result = loadPoints(shp);
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    const Dataset& a = *csv.dataset;
    const Dataset& b = *result.dataset;
    // DBF cuts field names to 10 characters ("ndvi_texture_sd" -> "ndvi_textu"); values and order stay.
    ASSERT_EQ(b.featureCount(), a.featureCount());
    for (std::size_t f = 0; f < a.featureCount(); ++f)
        EXPECT_EQ(b.featureNames[f], a.featureNames[f].substr(0, 10));
    Dataset renamed = b;
    renamed.featureNames = a.featureNames;
    expectSameData(a, renamed, 1e-9);
}

TEST(BuiltInSample, LoadsAsSynthetic) {
    // The source tree ships the sample (resources/sample), so it is always found here.
    const LoadResult result = loadBuiltInSample();
    ASSERT_TRUE(result.dataset) << result.report.fatalMessage();
    EXPECT_TRUE(result.dataset->synthetic);
    EXPECT_EQ(result.dataset->size(), 24001u);  // resources/sample/eu27_synthetic_sample.csv
    EXPECT_EQ(result.dataset->classNames.size(), 8u);
    EXPECT_NO_THROW(result.dataset->checkConsistent());
}

}  // namespace
