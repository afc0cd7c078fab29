// The OGR reader (through loadPoints) on damaged GeoJSON and GeoPackage files that GDAL itself wrote from
// rows of the built-in sample: byte-level damage, truncation at SQLite page boundaries, and hostile values.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <sstream>

#include "tests/fuzz/fuzz_inputs.h"

namespace bridgelc::fuzz {
namespace {

std::vector<std::string> splitComma(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');)
        fields.push_back(field);
    return fields;
}

// Writes sample rows (id, class, region, the first eight features, point geometry) with GDAL; `epsg` 3035
// stores projected coordinates so that reading reprojects.
void writeWithGdal(const std::string& path, const char* driverName, int epsg, std::size_t rows) {
    GDALAllRegister();
    std::stringstream csv(sampleHead(rows));
    std::string line;
    std::getline(csv, line);
    const std::vector<std::string> header = splitComma(line);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
    ASSERT_NE(driver, nullptr);
    std::filesystem::remove(path);
    GDALDatasetUniquePtr out(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_TRUE(out);
    OGRSpatialReference srs, wgs84;
    srs.importFromEPSG(epsg);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> project(OGRCreateCoordinateTransformation(&wgs84, &srs));
    OGRLayer* layer = out->CreateLayer("points", &srs, wkbPoint, nullptr);
    ASSERT_NE(layer, nullptr);
    const std::vector<std::size_t> columns = {0, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13};
    for (std::size_t c : columns) {
        OGRFieldDefn field(header[c].c_str(), c == 0 || c == 3 || c == 4 ? OFTString : OFTReal);
        ASSERT_EQ(layer->CreateField(&field), OGRERR_NONE);
    }
    while (std::getline(csv, line)) {
        const std::vector<std::string> f = splitComma(line);
        OGRFeature feature(layer->GetLayerDefn());
        for (std::size_t k = 0; k < columns.size(); ++k)
            feature.SetField(static_cast<int>(k), f[columns[k]].c_str());
        double x = std::stod(f[1]), y = std::stod(f[2]);
        project->Transform(1, &x, &y);
        OGRPoint point(x, y);
        feature.SetGeometry(&point);
        ASSERT_EQ(layer->CreateFeature(&feature), OGRERR_NONE);
    }
}

void fuzzFormat(const std::string& name, const std::string& extension, const char* driver, int epsg,
                std::size_t cases, std::uint64_t seed) {
    FuzzDirectory directory(name);
    const std::string original = directory.file("original" + extension);
    writeWithGdal(original, driver, epsg, 30);
    const std::string bytes = readBytes(original);
    const std::string path = directory.file("points" + extension);
    writeBytes(path, bytes);
    const CaseResult clean = checkPointLoad(path);
    ASSERT_TRUE(clean.accepted) << clean.message << clean.finding;
    const FuzzStats stats = runFuzz(
        name, fuzzSeed(seed), cases, path,
        [&](Mutator& mutator, std::string& what) {
            if (mutator.below(6) ==
                0) {  // cut at a page boundary: what a crash in the middle of a copy leaves
                const std::size_t page = std::size_t{512} << mutator.below(4);
                const std::size_t cut = page * mutator.below(bytes.size() / page + 1);
                what += "page-cut@" + std::to_string(cut) + ";";
                return bytes.substr(0, cut);
            }
            return mutator.mutate(bytes, what);
        },
        checkPointLoad);
    expectNoFindings(stats, cases, directory);
}

TEST(FuzzOgr, DamagedGeoJsonLoadsOrSaysWhy) {
    fuzzFormat("geojson", ".geojson", "GeoJSON", 4326, fuzzCases(6000), 16002);
}

TEST(FuzzOgr, DamagedGeoPackageLoadsOrSaysWhy) {
    fuzzFormat("gpkg", ".gpkg", "GPKG", 3035, fuzzCases(2000), 16003);
}

}  // namespace
}  // namespace bridgelc::fuzz
