// `bridgelc inspect` end to end: the JSON document parses and says what the loader found; fatal inputs
// exit 1 (failure), a command line without input 2 (usage error).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/cli/cli_runner.h"

namespace {

struct CliRun {
    int exitCode = -1;
    std::string out;
};

CliRun run(const std::string& arguments) {
    const bridgelc::test::CliOutput output = bridgelc::test::runCli(arguments, false);
    return {output.exitCode, output.text};
}

std::string bad(const std::string& file) {
    return std::string(BRIDGELC_TEST_DATA_DIR) + "/bad/" + file;
}

TEST(InspectCli, JsonDescribesPointsAndProblems) {
    const CliRun r = run("inspect --json " + bad("non_numeric_lod.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(doc["ok"].get<bool>());
    EXPECT_EQ(doc["points"].get<int>(), 4);
    EXPECT_EQ(doc["features"], (nlohmann::json{"blue_median", "red_median"}));
    std::map<std::string, int> classes;
    for (const auto& c : doc["classes"])
        classes[c["name"].get<std::string>()] = c["count"].get<int>();
    EXPECT_EQ(classes["Cropland"], 2);
    EXPECT_EQ(classes["Woodland"], 2);
    bool found = false;
    for (const auto& kind : doc["problems"]["kinds"])
        if (kind["kind"] == "non-numeric") {
            found = true;
            EXPECT_EQ(kind["count"].get<int>(), 1);
            EXPECT_EQ(kind["examples"][0]["line"].get<int>(), 3);
            EXPECT_EQ(kind["examples"][0]["column"].get<int>(), 6);
            EXPECT_EQ(kind["examples"][0]["columnName"], "red_median");
        }
    EXPECT_TRUE(found) << r.out;
}

TEST(InspectCli, TextNamesFileLineColumn) {
    const CliRun r = run("inspect " + bad("duplicate_ids.csv"));
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("Points:    4"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(bad("duplicate_ids.csv") + ":5:1: warning"), std::string::npos) << r.out;
}

TEST(InspectCli, FatalExitsWithOne) {
    const CliRun r = run("inspect --json " + bad("ragged_row.csv"));
    EXPECT_EQ(r.exitCode, 1);
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    EXPECT_FALSE(doc["ok"].get<bool>());
    EXPECT_NE(doc["fatal"].get<std::string>().find(":4:7:"), std::string::npos) << doc.dump();
    EXPECT_EQ(run("inspect").exitCode, 2);
}

TEST(InspectCli, ExcludeOptionRemovesFeatures) {
    const CliRun r = run("inspect --json --exclude red_median " + bad("non_numeric_lod.csv"));
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_EQ(nlohmann::json::parse(r.out)["features"], (nlohmann::json{"blue_median"}));
}

TEST(InspectCli, SampleLoadsAsSynthetic) {
    // The built program finds the sample in the source tree's resources, so it always loads here.
    const CliRun r = run("inspect --json --sample");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const nlohmann::json doc = nlohmann::json::parse(r.out);
    EXPECT_TRUE(doc["synthetic"].get<bool>());
    EXPECT_EQ(doc["points"].get<int>(), 24001);
}

/// A GeoPackage of two point layers, as a GIS project holds them: "plots" first (3 Grassland points), then
/// "survey" (5 points of two classes).
std::string writeTwoLayerGeoPackage() {
    GDALAllRegister();
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("bridgelc-two-layers-" + std::to_string(::getpid()) + ".gpkg"))
                                 .string();
    std::filesystem::remove(path);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const auto addLayer = [&](const char* name, const std::vector<std::pair<std::string, double>>& points) {
        OGRLayer* layer = ds->CreateLayer(name, &wgs84, wkbPoint, nullptr);
        OGRFieldDefn id("POINT_ID", OFTInteger64), label("lc1_name", OFTString), blue("blue_median", OFTReal);
        layer->CreateField(&id);
        layer->CreateField(&label);
        layer->CreateField(&blue);
        for (std::size_t i = 0; i < points.size(); ++i) {
            OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            feature->SetField("POINT_ID", static_cast<GIntBig>(i + 1));
            feature->SetField("lc1_name", points[i].first.c_str());
            feature->SetField("blue_median", points[i].second);
            OGRPoint point(10.0 + 0.1 * double(i), 50.0 + 0.05 * double(i));
            feature->SetGeometry(&point);
            layer->CreateFeature(feature.get());
        }
    };
    addLayer("plots", {{"Grassland", 500}, {"Grassland", 510}, {"Grassland", 520}});
    addLayer("survey",
             {{"Cropland", 800}, {"Cropland", 810}, {"Woodland", 400}, {"Woodland", 410}, {"Cropland", 790}});
    return path;
}

TEST(InspectCli, LayerOptionReadsTheNamedLayerOfAMultiLayerGeoPackage) {
    const std::string gpkg = writeTwoLayerGeoPackage();
    const CliRun survey = run("inspect --json --layer survey '" + gpkg + "'");
    ASSERT_EQ(survey.exitCode, 0) << survey.out;
    nlohmann::json doc = nlohmann::json::parse(survey.out);
    EXPECT_EQ(doc["points"].get<int>(), 5);
    std::map<std::string, int> classes;
    for (const auto& c : doc["classes"])
        if (c["count"].get<int>() > 0) classes[c["name"].get<std::string>()] = c["count"].get<int>();
    EXPECT_EQ(classes, (std::map<std::string, int>{{"Cropland", 3}, {"Woodland", 2}}));

    // Without --layer the first point layer is read; a layer that is not there is named with the others.
    const CliRun first = run("inspect --json '" + gpkg + "'");
    ASSERT_EQ(first.exitCode, 0) << first.out;
    EXPECT_EQ(nlohmann::json::parse(first.out)["points"].get<int>(), 3);
    const CliRun missing = run("inspect --json --layer surveys '" + gpkg + "'");
    EXPECT_EQ(missing.exitCode, 1);
    const std::string fatal = nlohmann::json::parse(missing.out)["fatal"].get<std::string>();
    EXPECT_NE(fatal.find("no layer named 'surveys'"), std::string::npos) << fatal;
    EXPECT_NE(fatal.find("survey"), std::string::npos) << fatal;
    EXPECT_NE(fatal.find("plots"), std::string::npos) << fatal;
    std::filesystem::remove(gpkg);
}

}  // namespace
