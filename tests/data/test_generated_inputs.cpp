// Inputs built inside the test: too large to commit (a 1 MB line), binary (UTF-16, NUL bytes, a truncated
// GeoPackage) or small variations of a valid table (quoting, line ends, delimiters, column choices).
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/data/point_reader.h"
#include "test_files.h"

using namespace bridgelc;
using bridgelc::testing::TempDir;

namespace {

std::size_t kindCount(const ValidationReport& report, const std::string& kind) {
    for (const auto& [name, count] : report.kindCounts())
        if (name == kind) return count;
    return 0;
}

const Problem* findProblem(const ValidationReport& report, Severity severity, const std::string& phrase) {
    for (const Problem& p : report.problems())
        if (p.severity == severity && p.toString().find(phrase) != std::string::npos) return &p;
    return nullptr;
}

std::string allProblems(const ValidationReport& report) {
    std::string all;
    for (const Problem& p : report.problems())
        all += "  " + p.toString() + "\n";
    return all;
}

const std::string kHeader = "POINT_ID,lon,lat,lc1_name,blue_median,red_median\n";
const std::string kRows = "1,10.5,50.1,Cropland,1200,800\n2,10.6,50.2,Woodland,1100,700\n";

TEST(GeneratedInput, OneMegabyteRaggedLineIsReportedNotFatalToTheProcess) {
    TempDir dir;
    const std::string path = dir.write(
        "wide_ragged.csv", kHeader + kRows + "3,10.7,50.3,Cropland" + std::string(1 << 20, ',') + "\n");
    const LoadResult result = loadPoints(path);
    EXPECT_FALSE(result.dataset);
    const Problem* p = findProblem(result.report, Severity::Fatal, "cells but the header has 6");
    ASSERT_NE(p, nullptr) << allProblems(result.report);
    EXPECT_EQ(p->line, 4);
    EXPECT_EQ(p->column, 7);
    EXPECT_LT(p->toString().size(), 400u);
}

TEST(GeneratedInput, OneMegabyteCellIsReadAndShortenedInMessages) {
    TempDir dir;
    const std::string big(1 << 20, 'x');
    const std::string path = dir.write("wide_cell.csv",
                                       "POINT_ID,lon,lat,lc1_name,note,blue_median,red_median\n"
                                       "1,10.5,50.1,Cropland,\"" +
                                           big +
                                           "\",1200,800\n"
                                           "2,10.6,50.2,Woodland,short,1100,700\n"
                                           "3,10.7,50.3,Woodland,short," +
                                           big + ",700\n");
    const LoadResult result = loadPoints(path);
    ASSERT_TRUE(result.dataset) << allProblems(result.report);
    EXPECT_EQ(result.dataset->size(), 3u);
    EXPECT_EQ(result.dataset->featureNames, (std::vector<std::string>{"blue_median", "red_median"}));
    const Problem* p = findProblem(result.report, Severity::Warning, "non-numeric value 'xxxx");
    ASSERT_NE(p, nullptr) << allProblems(result.report);
    EXPECT_EQ(p->line, 4);
    EXPECT_EQ(p->column, 6);
    EXPECT_NE(p->what.find("1048576 characters"), std::string::npos);
    EXPECT_LT(p->toString().size(), 400u);
}

TEST(GeneratedInput, BinaryAndUtf16FilesAreRefused) {
    TempDir dir;
    const std::string nulWithByte = dir.write(
        "nul2.csv", kHeader + std::string("1,10.5,50.1,Crop") + std::string(1, '\0') + "land,1,2\n");
    LoadResult result = loadPoints(nulWithByte);
    EXPECT_FALSE(result.dataset);
    const Problem* p = findProblem(result.report, Severity::Fatal, "NUL byte");
    ASSERT_NE(p, nullptr) << allProblems(result.report);
    EXPECT_EQ(p->line, 2);

    const std::string utf16 = dir.write("utf16.csv", std::string("\xFF\xFEP\0O\0", 6));
    result = loadPoints(utf16);
    EXPECT_FALSE(result.dataset);
    EXPECT_NE(findProblem(result.report, Severity::Fatal, "UTF-16"), nullptr) << allProblems(result.report);
}

TEST(GeneratedInput, BomCrlfQuotesAndTabsAreRead) {
    TempDir dir;
    const std::string crlf =
        dir.write("bom.csv",
                  "\xEF\xBB\xBF\"POINT_ID\",lon,lat,lc1_name,\"blue, median\",red_median\r\n"
                  "\"1\",10.5,50.1,\"Maize \"\"grain\"\"\",1200,800\r\n"
                  "2, 10.6 ,50.2,\"Oak\nforest\",\"1,100\",+700\r\n"
                  "3,10.7,50.3,Pasture,1.5e3,-7\r\n");
    const LoadResult result = loadPoints(crlf);
    ASSERT_TRUE(result.dataset) << allProblems(result.report);
    const Dataset& d = *result.dataset;
    EXPECT_EQ(d.featureNames, (std::vector<std::string>{"blue, median", "red_median"}));
    // Not LUCAS names: the classes are the distinct labels, sorted, with quotes and newlines kept.
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"Maize \"grain\"", "Oak\nforest", "Pasture"}));
    EXPECT_EQ(d.ids, (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_DOUBLE_EQ(d.lon[1], 10.6);
    EXPECT_FLOAT_EQ(d.row(2)[0], 1500.0f);
    EXPECT_FLOAT_EQ(d.row(1)[1], 700.0f);
    // "1,100" is a thousands separator in a comma file: not a number, reported on the record's line (3).
    EXPECT_TRUE(std::isnan(d.row(1)[0]));
    const Problem* p = findProblem(result.report, Severity::Warning, "'1,100'");
    ASSERT_NE(p, nullptr) << allProblems(result.report);
    EXPECT_EQ(p->line, 3);
    EXPECT_EQ(kindCount(result.report, "non-numeric"), 1u);

    const std::string tab = dir.write("tab.tsv",
                                      "id\tlongitude\tlatitude\tlabel\tb1\n"
                                      "a\t-3.5\t40.25\tC21\t0.5\n"
                                      "b\t-3.6\t40.5\tB11\t0.25\n");
    const LoadResult tabResult = loadPoints(tab);
    ASSERT_TRUE(tabResult.dataset) << allProblems(tabResult.report);
    EXPECT_EQ(tabResult.dataset->label, (std::vector<int>{2, 1}));
    EXPECT_EQ(tabResult.dataset->fineCode, (std::vector<std::string>{"C21", "B11"}));
    EXPECT_EQ(tabResult.dataset->ids, (std::vector<std::string>{"a", "b"}));
    EXPECT_DOUBLE_EQ(tabResult.dataset->lat[0], 40.25);
}

TEST(GeneratedInput, FeatureColumnsFollowDefaultsAndOptions) {
    TempDir dir;
    const std::string path =
        dir.write("cols.csv",
                  "POINT_ID,lon,lat,lc1_name,votes,survey_year,plot_id,country,elevation,b2,b3,split,region\n"
                  "1,10.5,50.1,Cropland,0.9,2018,7,Germany,310,1,2,train,CON\n"
                  "2,10.6,50.2,Woodland,0.8,2018,8,Germany,320,3,4,test,Continental\n"
                  "3,10.7,50.3,Woodland,0.7,2018,9,Germany,330,5,6,,xyz\n");
    LoadResult result = loadPoints(path);
    ASSERT_TRUE(result.dataset) << allProblems(result.report);
    EXPECT_EQ(result.dataset->featureNames, (std::vector<std::string>{"elevation", "b2", "b3"}));
    EXPECT_EQ(result.dataset->fixedSplit, (std::vector<signed char>{0, 1, -1}));
    EXPECT_NE(findProblem(result.report, Severity::Info, "text column"), nullptr);
    EXPECT_NE(findProblem(result.report, Severity::Info, "metadata"), nullptr);

    LoadOptions options;
    options.excludeFeatures = {"ELEVATION", "nonexistent"};
    result = loadPoints(path, options);
    ASSERT_TRUE(result.dataset);
    EXPECT_EQ(result.dataset->featureNames, (std::vector<std::string>{"b2", "b3"}));
    EXPECT_NE(findProblem(result.report, Severity::Warning, "'nonexistent' given to exclude"), nullptr);

    options = {};
    options.includeFeatures = {"b3", "votes"};
    result = loadPoints(path, options);
    ASSERT_TRUE(result.dataset) << allProblems(result.report);
    EXPECT_EQ(result.dataset->featureNames, (std::vector<std::string>{"votes", "b3"}));
    EXPECT_FLOAT_EQ(result.dataset->row(2)[0], 0.7f);

    options.includeFeatures = {"b9"};
    result = loadPoints(path, options);
    EXPECT_FALSE(result.dataset);
    EXPECT_NE(findProblem(result.report, Severity::Fatal, "'b9' given as a feature does not exist"), nullptr);

    options = {};
    options.labelColumn = "landcover";
    result = loadPoints(path, options);
    EXPECT_FALSE(result.dataset);
    EXPECT_NE(findProblem(result.report, Severity::Fatal, "'landcover' given for the label does not exist"),
              nullptr);
}

TEST(GeneratedInput, OwnLabelsAreSortedNumericallyWhenNumbers) {
    TempDir dir;
    const std::string path =
        dir.write("own.csv", "id,x,y,class,f\n1,10,50,10,1\n2,11,51,2,2\n3,12,52,2,3\n4,13,53,10,4\n");
    const LoadResult result = loadPoints(path);
    ASSERT_TRUE(result.dataset) << allProblems(result.report);
    EXPECT_EQ(result.dataset->classNames, (std::vector<std::string>{"2", "10"}));
    EXPECT_EQ(result.dataset->label, (std::vector<int>{1, 0, 0, 1}));
    EXPECT_NE(findProblem(result.report, Severity::Info, "classes taken from the file"), nullptr);
}

TEST(GeneratedInput, ProjectedOrSwappedColumnsGetAWholeFileHint) {
    TempDir dir;
    const std::string metres = dir.write("metres.csv",
                                         "id,x,y,label,f\n1,4321000,3210000,Cropland,1\n"
                                         "2,4322000,3211000,Woodland,2\n");
    LoadResult result = loadPoints(metres);
    EXPECT_FALSE(result.dataset);
    const Problem* p = findProblem(result.report, Severity::Fatal, "no usable rows");
    ASSERT_NE(p, nullptr) << allProblems(result.report);
    EXPECT_NE(p->what.find("look projected"), std::string::npos) << p->what;

    const std::string swapped = dir.write("swapped.csv",
                                          "id,lat,lon,label,f\n1,10.5,50.1,Cropland,1\n"
                                          "2,10.6,50.2,Woodland,2\n3,50.3,10.7,Woodland,3\n");
    result = loadPoints(swapped);
    ASSERT_TRUE(result.dataset);
    EXPECT_EQ(result.dataset->size(), 1u);
    EXPECT_NE(findProblem(result.report, Severity::Warning,
                          "2 of 3 rows look like longitude and latitude are swapped"),
              nullptr)
        << allProblems(result.report);
}

/// Writes a small valid point GeoPackage with GDAL's own API.
void writeGeoPackage(const std::string& path, int points) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    ASSERT_NE(driver, nullptr);
    GDALDatasetUniquePtr out(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    ASSERT_TRUE(out);
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    OGRLayer* layer = out->CreateLayer("points", &wgs84, wkbPoint, nullptr);
    OGRFieldDefn id("POINT_ID", OFTInteger64), label("lc1_name", OFTString), b2("b2", OFTReal);
    layer->CreateField(&id);
    layer->CreateField(&label);
    layer->CreateField(&b2);
    for (int i = 0; i < points; ++i) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        feature->SetField("POINT_ID", static_cast<GIntBig>(1000 + i));
        feature->SetField("lc1_name", i % 2 ? "Cropland" : "Woodland");
        feature->SetField("b2", 0.5 * i);
        OGRPoint point(5.0 + (i % 100) * 0.1, 45.0 + (i / 100) * 0.01);
        feature->SetGeometry(&point);
        ASSERT_EQ(layer->CreateFeature(feature.get()), OGRERR_NONE);
    }
}

TEST(GeneratedInput, GeoPackageLoadsAndTruncatedOneIsFatal) {
    TempDir dir;
    const std::string path = dir.file("points.gpkg");
    writeGeoPackage(path, 3000);
    LoadResult result = loadPoints(path);
    ASSERT_TRUE(result.dataset) << allProblems(result.report);
    EXPECT_EQ(result.dataset->size(), 3000u);
    EXPECT_EQ(result.dataset->ids[7], "1007");
    EXPECT_DOUBLE_EQ(result.dataset->lon[7], 5.7);
    EXPECT_FLOAT_EQ(result.dataset->row(7)[0], 3.5f);

    const std::string truncated = dir.file("truncated.gpkg");
    std::filesystem::copy_file(path, truncated);
    std::filesystem::resize_file(truncated, std::filesystem::file_size(path) / 2);
    result = loadPoints(truncated);
    EXPECT_FALSE(result.dataset);
    ASSERT_TRUE(result.report.hasFatal());
    EXPECT_NE(result.report.fatalMessage().find(truncated), std::string::npos)
        << result.report.fatalMessage();
}

}  // namespace
