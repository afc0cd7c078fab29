// The raster prediction's own files given damage: the --bands mapping CSV, the .parts manifest a resume
// reads, and the feature stack itself (a GeoTIFF with flipped, cut or garbage bytes). Each is either used as
// it should be or refused with a RasterError whose text a user can act on; nothing else may happen.
#include <cpl_error.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/raster/band_mapping.h"
#include "core/raster/raster_error.h"
#include "core/raster/raster_part.h"
#include "core/raster/raster_predictor.h"
#include "tests/fuzz/fuzz_inputs.h"
#include "tests/fuzz/json_mutator.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr int kWidth = 48, kHeight = 32, kBlock = 16, kBands = 4;

/// A small uncompressed, tiled GeoTIFF in EPSG:3035 over central Europe: bands f0..f3 (Float32, described by
/// the features they hold) with a nodata value, so every part of the reader (tags, tiles, nodata) is in it.
void writeStack(const std::string& path) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    const char* options[] = {"TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", nullptr};
    std::unique_ptr<GDALDataset> ds(
        driver->Create(path.c_str(), kWidth, kHeight, kBands, GDT_Float32, const_cast<char**>(options)));
    double transform[6] = {4.3e6, 1000, 0, 2.9e6, 0, -1000};
    ds->SetGeoTransform(transform);
    OGRSpatialReference laea;
    laea.importFromEPSG(3035);
    ds->SetSpatialRef(&laea);
    std::vector<float> values(std::size_t(kWidth) * kHeight);
    for (int b = 0; b < kBands; ++b) {
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = float((i * 7 + std::size_t(b) * 13) % 50) / 10.0f - 2.5f;
        values[0] = -9999;  // one nodata pixel
        GDALRasterBand* band = ds->GetRasterBand(b + 1);
        band->SetDescription(("f" + std::to_string(b)).c_str());
        band->SetNoDataValue(-9999);
        [[maybe_unused]] const CPLErr e = band->RasterIO(GF_Write, 0, 0, kWidth, kHeight, values.data(),
                                                         kWidth, kHeight, GDT_Float32, 0, 0);
    }
}

/// GDAL's own complaints about a damaged file go to its error handler, not to the test's log.
class QuietGdal {
public:
    QuietGdal() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdal() { CPLPopErrorHandler(); }
};

std::shared_ptr<const Model> smallModel() {
    static const std::shared_ptr<const Model> model = [] {
        const Dataset ds = test::syntheticDataset(200, kBands, 3);
        std::vector<std::int64_t> rows(200);
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = std::int64_t(i);
        TrainingSettings settings;
        settings.epochs = 1;
        settings.batchSize = 32;
        settings.earlyStopping = false;
        TrainingObserver quiet;
        std::shared_ptr<Model> trained = createModel("mlp");
        trained->fit(TrainingData{ds, rows, {}}, settings, quiet);
        return std::shared_ptr<const Model>(trained);
    }();
    return model;
}

TEST(FuzzRasterInputs, DamagedBandMappingIsUsedOrRefusedNamingTheFile) {
    QuietGdal quiet;
    FuzzDirectory directory("bands");
    const std::string stackPath = directory.file("stack.tif");
    writeStack(stackPath);
    std::unique_ptr<GDALDataset> stack(
        GDALDataset::Open(stackPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    ASSERT_TRUE(stack);
    const std::vector<std::string> features = {"f0", "f1", "f2", "f3"};
    const std::string seed = "feature,band\n# which band holds which feature\nf0,1\nf1,f1\nf2,3\nf3,F3\n";
    {
        writeBytes(directory.file("seed.csv"), seed);
        const BandMapping mapping(*stack, stackPath, features, directory.file("seed.csv"));
        ASSERT_EQ(mapping.bands(), (std::vector<int>{1, 2, 3, 4}));
    }
    const FuzzStats stats = runFuzz(
        "bands-csv", fuzzSeed(24001), fuzzCases(4000), directory.file("case.csv"),
        [&](Mutator& mutator, std::string& what) { return mutator.mutate(seed, what); },
        [&](const std::string& path) {
            CaseResult result;
            try {
                const BandMapping mapping(*stack, stackPath, features, path);
                result.accepted = true;
                std::set<int> used;
                if (mapping.bands().size() != features.size()) result.finding = "not one band per feature";
                for (int band : mapping.bands()) {
                    if (band < 1 || band > kBands)
                        result.finding = "band " + std::to_string(band) + " accepted";
                    if (!used.insert(band).second) result.finding = "one band used for two features";
                }
            } catch (const RasterError& error) {
                result.message = error.what();
            }
            return result;
        });
    expectNoFindings(stats, fuzzCases(4000), directory);
}

TEST(FuzzRasterInputs, DamagedPartManifestIsReadWholeOrRefused) {
    FuzzDirectory directory("parts");
    RasterPart part;
    part.part = 2;
    part.parts = 3;
    part.key = {{"checkpoint", "1234:abcdef"}, {"stack", "/data/stack.tif"}, {"bands", {1, 2, 3, 4}}};
    part.y0 = 16;
    part.width = 48;
    part.height = 16;
    part.blocksTotal = 3;
    part.blocksDone = 1;
    part.classNames = {"class 0", "class 1", "class 2"};
    part.bandNames = {"class", "confidence"};
    part.geoTransform = {4.3e6, 1000, 0, 2.9e6, 0, -1000};
    part.crsWkt = "EPSG:3035";
    part.write(directory.path().string());
    const std::string seed = readBytes(part.manifestPath(directory.path().string()));
    ASSERT_TRUE(RasterPart::read(part.manifestPath(directory.path().string())));
    const FuzzStats stats = runFuzz(
        "parts-manifest", fuzzSeed(24002), fuzzCases(5000), directory.file("case.json"),
        [&](Mutator& mutator, std::string& what) {
            if (mutator.below(2)) return mutateJsonValues(nlohmann::json::parse(seed), mutator, what).dump(1);
            return mutator.mutate(seed, what);
        },
        [&](const std::string& path) {
            CaseResult result;
            try {
                const std::optional<RasterPart> read = RasterPart::read(path);
                if (!read) {
                    result.finding = "an existing manifest was taken for none";
                    return result;
                }
                result.accepted = true;
                const RasterPart& p = *read;
                if (p.part < 1 || p.part > p.parts)
                    result.finding = "part outside 1..parts accepted";
                else if (p.width <= 0 || p.height <= 0 || p.y0 < 0)
                    result.finding = "a negative size accepted";
                else if (p.blocksDone > p.blocksTotal)
                    result.finding = "more blocks done than there are";
                else if (p.classNames.empty() || p.bandNames.empty())
                    result.finding = "no classes or bands";
            } catch (const RasterError& error) {
                result.message = error.what();
                if (result.message.find(path) == std::string::npos)
                    result.finding = "the message does not name the manifest: " + result.message;
            }
            return result;
        });
    expectNoFindings(stats, fuzzCases(5000), directory);
}

TEST(FuzzRasterInputs, DamagedStackIsPredictedOrRefusedNamingIt) {
    QuietGdal quiet;
    FuzzDirectory directory("stack");
    writeStack(directory.file("seed.tif"));
    const std::string seed = readBytes(directory.file("seed.tif"));
    const std::shared_ptr<const Model> model = smallModel();
    ASSERT_TRUE(model && model->isTrained());
    const std::string out = directory.file("landcover.tif");
    const auto predict = [&](const std::string& stack) {
        fs::remove(out);
        fs::remove_all(RasterPart::partsDirectory(out));
        RasterPredictionOptions options;
        options.stack = stack;
        options.out = out;
        options.confidence = true;
        TrainingObserver quietObserver;
        return RasterPredictor(model, "fuzz-model", options).run(quietObserver);
    };
    ASSERT_TRUE(predict(directory.file("seed.tif")).completed);
    const FuzzStats stats = runFuzz(
        "raster-stack", fuzzSeed(24003), fuzzCases(400), directory.file("case.tif"),
        [&](Mutator& mutator, std::string& what) { return mutator.mutate(seed, what); },
        [&](const std::string& path) {
            CaseResult result;
            try {
                const RasterPartResult part = predict(path);
                result.accepted = part.completed;
                if (!part.completed) result.finding = "an uncancelled prediction did not complete";
                if (part.predicted > part.pixels) result.finding = "more pixels predicted than read";
            } catch (const RasterError& error) {
                result.message = error.what();
                if (result.message.find("case.tif") == std::string::npos)
                    result.finding = "the message does not name the stack: " + result.message;
            }
            return result;
        });
    expectNoFindings(stats, fuzzCases(400), directory);
}

}  // namespace
}  // namespace bridgelc::fuzz
