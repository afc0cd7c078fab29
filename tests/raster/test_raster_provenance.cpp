// The predicted GeoTIFF says where it came from (model, run, dataset and its fingerprint, date, program) in
// its metadata, as gdalinfo shows it; and the synthetic stack's truth map uses the prediction's class codes
// and colour table, so the two compare value by value.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include "core/io/checkpoint.h"
#include "core/io/export_provenance.h"
#include "core/raster/raster_merge.h"
#include "core/raster/raster_predictor.h"
#include "core/train/training_observer.h"
#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

using test::RasterFixture;

constexpr int kSize = 128;

std::unique_ptr<GDALDataset> openRaster(const std::string& path) {
    GDALAllRegister();
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
}

ExportProvenance exampleProvenance() {
    ExportProvenance p;
    p.model = "BRIDGE-LC";
    p.scenario = "LORO (Alpine held out)";
    p.runId = "20261207-021500-bridgelc-loro-alp-s1";
    p.datasetFile = "eu27_synthetic_sample.csv";
    p.datasetFingerprint = "0123456789abcdef";
    p.date = utcTimestamp();
    p.programVersion = programVersionText();
    return p;
}

/// A small prediction of the fixture's stack with the example provenance, made once.
const std::string& predictedWithProvenance() {
    static std::string out;
    if (out.empty()) {
        RasterFixture& f = RasterFixture::instance();
        const LoadedCheckpoint loaded = loadCheckpoint(f.model());
        RasterPredictionOptions options;
        options.stack = f.stack(kSize, 64).first;
        options.out = f.path("provenance.tif");
        options.metadata = exampleProvenance().items();
        TrainingObserver quiet;
        EXPECT_TRUE(RasterPredictor(loaded.model, checkpointKey(f.model()), options).run(quiet).completed);
        mergeRasterParts(options.out, 1, quiet);
        out = options.out;
    }
    return out;
}

TEST(RasterProvenance, GdalinfoShowsRunIdAndDatasetFingerprint) {
    const std::string& path = predictedWithProvenance();
    const auto run =
        test::runProgram({"/usr/bin/gdalinfo", path}, RasterFixture::instance().path("gdalinfo.log"));
    ASSERT_EQ(0, run.exitCode) << run.output;
    const ExportProvenance expected = exampleProvenance();
    for (const auto& [key, value] : expected.items()) {
        if (key == "BRIDGELC_DATE") continue;  // differs by the seconds between the two calls
        EXPECT_NE(std::string::npos, run.output.find(key + "=" + value)) << key << "\n" << run.output;
    }
    EXPECT_NE(std::string::npos, run.output.find("BRIDGELC_DATE=")) << run.output;

    // The same through GDAL's API, read back into a provenance.
    const auto raster = openRaster(path);
    ASSERT_TRUE(raster);
    std::vector<std::pair<std::string, std::string>> items;
    for (char** item = raster->GetMetadata(); item && *item; ++item) {
        char* key = nullptr;
        const char* value = CPLParseNameValue(*item, &key);
        if (key && value) items.emplace_back(key, value);
        CPLFree(key);
    }
    const ExportProvenance read = ExportProvenance::fromItems(items);
    EXPECT_EQ(expected.runId, read.runId);
    EXPECT_EQ(expected.datasetFingerprint, read.datasetFingerprint);
    EXPECT_EQ(expected.model, read.model);
    EXPECT_EQ(expected.scenario, read.scenario);
    EXPECT_EQ(expected.programVersion, read.programVersion);
    EXPECT_EQ(std::string::npos, run.output.find("BRIDGELC_RUN_ID=\n"));
}

TEST(RasterProvenance, TruthUsesThePredictionsCodesAndColours) {
    const auto predicted = openRaster(predictedWithProvenance());
    const auto truth = openRaster(RasterFixture::instance().stack(kSize, 64).second);
    ASSERT_TRUE(predicted && truth);
    double ignored[6];
    predicted->GetGeoTransform(ignored);  // GDAL 3.6 reads the .aux.xml (category names) on a first call
    truth->GetGeoTransform(ignored);
    GDALRasterBand* p = predicted->GetRasterBand(1);
    GDALRasterBand* t = truth->GetRasterBand(1);
    char** predictedNames = p->GetCategoryNames();
    char** truthNames = t->GetCategoryNames();
    ASSERT_TRUE(predictedNames && truthNames);
    ASSERT_EQ(CSLCount(predictedNames), CSLCount(truthNames));
    for (int c = 0; c < CSLCount(predictedNames); ++c)
        EXPECT_STREQ(predictedNames[c], truthNames[c]) << "code " << c;
    const GDALColorTable* pc = p->GetColorTable();
    const GDALColorTable* tc = t->GetColorTable();
    ASSERT_TRUE(pc && tc) << "both rasters carry a colour table";
    for (int c : {0, 1, 2, 3, 4, 5, 6, 7, 255}) {
        const GDALColorEntry* a = pc->GetColorEntry(c);
        const GDALColorEntry* b = tc->GetColorEntry(c);
        ASSERT_TRUE(a && b) << "code " << c;
        EXPECT_EQ(a->c1, b->c1) << "code " << c;
        EXPECT_EQ(a->c2, b->c2) << "code " << c;
        EXPECT_EQ(a->c3, b->c3) << "code " << c;
        EXPECT_EQ(a->c4, b->c4) << "code " << c;
    }
}

}  // namespace
}  // namespace bridgelc
