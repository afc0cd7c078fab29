// predict-raster end to end on a synthetic stack with a known class map: agreement, colour table, class
// names, nodata, overviews, the same classes as point prediction, resume after a cancel, and tiles + merge.
#include <gdal_priv.h>
#include <gdal_rat.h>
#include <gdal_utils.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <fstream>
#include <map>
#include <random>

#include "core/data/class_palette.h"
#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "core/raster/raster_merge.h"
#include "core/raster/raster_predictor.h"
#include "core/train/training_observer.h"
#include "tests/raster/pixels_as_points.h"
#include "tests/raster/raster_fixture.h"

namespace bridgelc {
namespace {

using test::RasterFixture;
using test::readBytes;
using test::runBridgelc;

constexpr int kSize = 512;

std::unique_ptr<GDALDataset> openRaster(const std::string& path) {
    GDALAllRegister();
    return std::unique_ptr<GDALDataset>(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
}

std::vector<unsigned char> readBand(GDALDataset& ds, int band) {
    std::vector<unsigned char> v(static_cast<std::size_t>(ds.GetRasterXSize()) * ds.GetRasterYSize());
    EXPECT_EQ(CE_None, ds.GetRasterBand(band)->RasterIO(GF_Read, 0, 0, ds.GetRasterXSize(),
                                                        ds.GetRasterYSize(), v.data(), ds.GetRasterXSize(),
                                                        ds.GetRasterYSize(), GDT_Byte, 0, 0));
    return v;
}

/// The one-shot prediction every test compares against, made once through the CLI.
const std::string& oneShot() {
    static std::string out;
    if (out.empty()) {
        RasterFixture& f = RasterFixture::instance();
        const auto [stack, truth] = f.stack(kSize);
        out = f.path("oneshot.tif");
        const auto run = runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out", out,
                                      "--confidence", "--probabilities", "--threads", "2"},
                                     f.path("oneshot.log"));
        if (run.exitCode != 0) throw std::runtime_error(run.output);
        std::cout << run.output;
    }
    return out;
}

TEST(RasterPrediction, AgreesWithTheKnownClassMapAndCarriesLegendNodataAndOverviews) {
    RasterFixture& f = RasterFixture::instance();
    const auto [stackPath, truthPath] = f.stack(kSize);
    const auto out = openRaster(oneShot());
    const auto truth = openRaster(truthPath);
    const auto stack = openRaster(stackPath);
    ASSERT_TRUE(out && truth && stack);
    const LoadedCheckpoint model = loadCheckpoint(f.model());
    const std::vector<std::string>& classes = model.model->meta().classNames;

    ASSERT_EQ(kSize, out->GetRasterXSize());
    ASSERT_EQ(2, out->GetRasterCount());  // class, confidence (a colour table allows at most two bands)
    EXPECT_STREQ("COG", out->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"));
    EXPECT_STREQ("DEFLATE", out->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"));
    GDALRasterBand* band = out->GetRasterBand(1);
    int bx = 0, by = 0;
    band->GetBlockSize(&bx, &by);
    EXPECT_EQ(256, bx);
    EXPECT_EQ(GCI_PaletteIndex, band->GetColorInterpretation());
    EXPECT_EQ(GCI_GrayIndex, out->GetRasterBand(2)->GetColorInterpretation());  // confidence, not alpha

    // Colour table: the app's class colours; category names and attribute table: the model's classes.
    const GDALColorTable* colours = band->GetColorTable();
    ASSERT_NE(nullptr, colours);
    char** names = band->GetCategoryNames();
    ASSERT_NE(nullptr, names);
    ASSERT_EQ(static_cast<int>(classes.size()), CSLCount(names));
    const GDALRasterAttributeTable* rat = band->GetDefaultRAT();
    ASSERT_NE(nullptr, rat);
    ASSERT_EQ(static_cast<int>(classes.size()), rat->GetRowCount());
    for (std::size_t c = 0; c < classes.size(); ++c) {
        EXPECT_EQ(classes[c], names[c]);
        EXPECT_EQ(classes[c], rat->GetValueAsString(static_cast<int>(c), 1));
        const GDALColorEntry* e = colours->GetColorEntry(static_cast<int>(c));
        const std::uint32_t rgb = classRgb(static_cast<int>(c), classes[c]);
        EXPECT_EQ(static_cast<int>(rgb >> 16), e->c1) << classes[c];
        EXPECT_EQ(static_cast<int>(rgb >> 8 & 0xff), e->c2) << classes[c];
        EXPECT_EQ(static_cast<int>(rgb & 0xff), e->c3) << classes[c];
    }
    EXPECT_EQ(lucasLevel1Colours(ClassPalette::ColourSafe)[0],
              classRgb(0, "Artificial land"));  // not the fallback

    // Nodata exactly where any input band is nodata (sea in all bands, a "cloud" in some).
    int hasNoData = 0;
    EXPECT_EQ(255, band->GetNoDataValue(&hasNoData));
    EXPECT_TRUE(hasNoData);
    const std::vector<unsigned char> predicted = readBand(*out, 1);
    const std::vector<unsigned char> confidence = readBand(*out, 2);
    std::vector<unsigned char> anyNoData(predicted.size(), 0);
    std::vector<float> values(predicted.size());
    for (int b = 1; b <= stack->GetRasterCount(); ++b) {
        if (std::string(stack->GetRasterBand(b)->GetDescription()) == "unused_band") continue;
        ASSERT_EQ(CE_None, stack->GetRasterBand(b)->RasterIO(GF_Read, 0, 0, kSize, kSize, values.data(),
                                                             kSize, kSize, GDT_Float32, 0, 0));
        for (std::size_t i = 0; i < values.size(); ++i)
            anyNoData[i] |= values[i] == -9999.0f;
    }
    const std::vector<unsigned char> known = readBand(*truth, 1);
    double ignored[6];
    truth->GetGeoTransform(ignored);  // GDAL 3.6 reads the .aux.xml (category names) on such a first call
    char** truthNames = truth->GetRasterBand(1)->GetCategoryNames();
    ASSERT_NE(nullptr, truthNames);
    const int truthClasses = CSLCount(truthNames);
    std::size_t land = 0, agree = 0, masked = 0, partial = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        ASSERT_EQ(anyNoData[i] != 0, predicted[i] == 255) << "pixel " << i;
        ASSERT_EQ(predicted[i] == 255, confidence[i] == 255);
        if (anyNoData[i]) {
            ++masked;
            partial += known[i] != 255;  // land pixels masked because only some bands lack data
            continue;
        }
        ASSERT_LT(predicted[i], classes.size());
        ASSERT_LE(confidence[i], 100);
        ASSERT_LT(known[i], truthClasses) << "pixel " << i;
        ++land;
        agree += classes[predicted[i]] == truthNames[known[i]];
    }
    EXPECT_GT(masked, 1000u);
    EXPECT_GT(partial, 100u);  // the cloud: proves "any band", not "all bands"
    const double agreement = static_cast<double>(agree) / static_cast<double>(land);
    std::cout << "agreement with the known class map: " << agreement * 100 << " % of " << land << " pixels\n";
    RecordProperty("agreement_percent", std::to_string(agreement * 100));
    EXPECT_GT(agreement, 0.70);

    // Per-class probabilities (percent) in their own file: they sum to about 100 and the largest is the
    // confidence.
    const auto probabilities = openRaster(probabilitiesPath(oneShot()));
    ASSERT_TRUE(probabilities);
    ASSERT_EQ(static_cast<int>(classes.size()), probabilities->GetRasterCount());
    std::vector<std::vector<unsigned char>> p;
    for (int b = 1; b <= probabilities->GetRasterCount(); ++b) {
        EXPECT_EQ("probability " + classes[static_cast<std::size_t>(b - 1)],
                  probabilities->GetRasterBand(b)->GetDescription());
        EXPECT_DOUBLE_EQ(0.01, probabilities->GetRasterBand(b)->GetScale());
        p.push_back(readBand(*probabilities, b));
    }
    for (std::size_t i = 0; i < predicted.size(); i += 97) {
        if (predicted[i] == 255) {
            EXPECT_EQ(255, p[0][i]);
            continue;
        }
        int sum = 0;
        for (const auto& band : p)
            sum += band[i];
        EXPECT_NEAR(100, sum, static_cast<int>(classes.size()));
        EXPECT_EQ(confidence[i], p[predicted[i]][i]);
    }

    // Overviews exist and hold classes or nodata only.
    ASSERT_GE(band->GetOverviewCount(), 1);
    GDALRasterBand* overview = band->GetOverview(0);
    EXPECT_EQ(kSize / 2, overview->GetXSize());
    std::vector<unsigned char> small(static_cast<std::size_t>(overview->GetXSize()) * overview->GetYSize());
    ASSERT_EQ(CE_None,
              overview->RasterIO(GF_Read, 0, 0, overview->GetXSize(), overview->GetYSize(), small.data(),
                                 overview->GetXSize(), overview->GetYSize(), GDT_Byte, 0, 0));
    std::size_t overviewNoData = 0;
    for (unsigned char v : small) {
        ASSERT_TRUE(v < classes.size() || v == 255);
        overviewNoData += v == 255;
    }
    EXPECT_GT(overviewNoData, 0u);
}

TEST(RasterPrediction, GivesTheClassesOfPointPredictionAtTheSamePixels) {
    RasterFixture& f = RasterFixture::instance();
    const auto stack = openRaster(f.stack(kSize).first);
    const auto out = openRaster(oneShot());
    ASSERT_TRUE(stack && out);
    const LoadedCheckpoint loaded = loadCheckpoint(f.model());
    const Model& model = *loaded.model;
    const std::vector<unsigned char> predicted = readBand(*out, 1);

    // The features of 3000 random valid pixels, looked up by band name independently of core/raster.
    std::mt19937 random(15);
    std::vector<int> columns, rows;
    while (columns.size() < 3000) {
        const int c = static_cast<int>(random() % kSize), r = static_cast<int>(random() % kSize);
        if (predicted[static_cast<std::size_t>(r) * kSize + c] == 255) continue;
        columns.push_back(c);
        rows.push_back(r);
    }
    const std::size_t n = columns.size();
    std::size_t same = 0;
    test::countPixelsPredictedAsPoints(*stack, model, columns, rows, predicted, kSize, same);
    if (::testing::Test::HasFatalFailure()) return;
    std::cout << same << " of " << n << " pixels predicted as points get the raster's class\n";
    EXPECT_EQ(n, same);
}

/// Cancels after `blocks` blocks, as Ctrl+C would.
class CancelAfter : public TrainingObserver {
public:
    explicit CancelAfter(int blocks) : m_left(blocks + 1) {}  // the first report is the starting point
    void onProgress(std::int64_t, std::int64_t) override { --m_left; }
    bool isCancelled() const override { return m_left <= 0; }

private:
    int m_left;
};

TEST(RasterPrediction, ResumesAfterACancelToTheSameFile) {
    RasterFixture& f = RasterFixture::instance();
    const LoadedCheckpoint loaded = loadCheckpoint(f.model());
    RasterPredictionOptions options;
    options.stack = f.stack(kSize).first;
    options.out = f.path("resumed.tif");
    options.confidence = options.probabilities = true;
    const std::string key = checkpointKey(f.model());

    CancelAfter cancel(5);
    const RasterPartResult first = RasterPredictor(loaded.model, key, options).run(cancel);
    EXPECT_FALSE(first.completed);
    EXPECT_EQ(5u, first.blocksDone);
    EXPECT_EQ(16u, first.blocksTotal);  // 512 x 512 in 128 x 128 tiles
    TrainingObserver quiet;
    EXPECT_THROW(mergeRasterParts(options.out, 1, quiet), std::runtime_error);  // unfinished: refused

    const RasterPartResult second = RasterPredictor(loaded.model, key, options).run(quiet);
    EXPECT_TRUE(second.completed);
    EXPECT_EQ(5u, second.blocksResumed);
    EXPECT_EQ(11u * 128 * 128, second.pixels);  // only the missing blocks were predicted
    mergeRasterParts(options.out, 2, quiet);
    EXPECT_EQ(readBytes(oneShot()), readBytes(options.out));
    EXPECT_EQ(readBytes(oneShot() + ".aux.xml"), readBytes(options.out + ".aux.xml"));
    EXPECT_EQ(readBytes(probabilitiesPath(oneShot())), readBytes(probabilitiesPath(options.out)));
}

TEST(RasterPrediction, TilesMergedGiveTheOneShotFile) {
    RasterFixture& f = RasterFixture::instance();
    const std::string stack = f.stack(kSize).first, out = f.path("tiled.tif");
    for (int i = 1; i <= 4; ++i) {
        const auto run =
            runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--out", out, "--confidence",
                         "--probabilities", "--threads", "1", "--tiles", std::to_string(i) + "/4"},
                        f.path("tile.log"));
        ASSERT_EQ(0, run.exitCode) << run.output;
        if (i < 4) {  // merging before every tile is done names every missing one
            const auto early = runBridgelc({"merge-raster", "--out", out}, f.path("merge.log"));
            EXPECT_NE(0, early.exitCode);
            std::string missing;
            for (int j = i + 1; j <= 4; ++j)
                missing += (missing.empty() ? "" : ", ") + std::to_string(j);
            EXPECT_NE(std::string::npos, early.output.find(missing + " of 4 ")) << early.output;
        }
    }
    const auto merged = runBridgelc({"merge-raster", "--out", out}, f.path("merge.log"));
    ASSERT_EQ(0, merged.exitCode) << merged.output;
    EXPECT_EQ(readBytes(oneShot()), readBytes(out));
    EXPECT_EQ(readBytes(oneShot() + ".aux.xml"), readBytes(out + ".aux.xml"));
    EXPECT_EQ(readBytes(probabilitiesPath(oneShot())), readBytes(probabilitiesPath(out)));
    EXPECT_FALSE(std::filesystem::exists(out + ".parts"));
}

TEST(RasterPrediction, MissingFeatureBandIsAClearError) {
    RasterFixture& f = RasterFixture::instance();
    const std::string stack = f.stack(kSize).first;
    // A VRT of the stack without the band describing ndvi_p50.
    const auto source = openRaster(stack);
    CPLStringList args;
    for (int b = 1; b <= source->GetRasterCount(); ++b) {
        if (std::string(source->GetRasterBand(b)->GetDescription()) == "ndvi_p50") continue;
        args.AddString("-b");
        args.AddString(std::to_string(b).c_str());
    }
    args.AddString("-of");
    args.AddString("VRT");
    GDALTranslateOptions* options = GDALTranslateOptionsNew(args.List(), nullptr);
    const std::string vrt = f.path("without_ndvi_p50.vrt");
    GDALClose(GDALTranslate(vrt.c_str(), GDALDataset::ToHandle(source.get()), options, nullptr));
    GDALTranslateOptionsFree(options);

    const auto run = runBridgelc(
        {"predict-raster", "--checkpoint", f.model(), vrt, "--out", f.path("no.tif")}, f.path("missing.log"));
    EXPECT_NE(0, run.exitCode);
    EXPECT_NE(std::string::npos, run.output.find("no band for model feature ndvi_p50")) << run.output;
    EXPECT_NE(std::string::npos, run.output.find(vrt)) << run.output;

    // A mapping file supplies it by band number: the prediction then runs.
    const std::string mapping = f.path("mapping.csv");
    int ndviBand = 0;
    for (int b = 1; b <= source->GetRasterCount(); ++b)
        if (std::string(source->GetRasterBand(b)->GetDescription()) == "ndvi_p50") ndviBand = b;
    std::ofstream(mapping) << "feature,band\n# given by number\nndvi_p50," << ndviBand << "\n";
    const auto mapped = runBridgelc({"predict-raster", "--checkpoint", f.model(), stack, "--bands", mapping,
                                     "--out", f.path("mapped.tif")},
                                    f.path("mapped.log"));
    EXPECT_EQ(0, mapped.exitCode) << mapped.output;
    std::ofstream(mapping) << "feature,band\nndvi_p50,no_such_band\n";
    const auto bad = runBridgelc(
        {"predict-raster", "--checkpoint", f.model(), stack, "--bands", mapping, "--out", f.path("bad.tif")},
        f.path("bad.log"));
    EXPECT_NE(0, bad.exitCode);
    EXPECT_NE(std::string::npos, bad.output.find(mapping + ":2:")) << bad.output;
}

}  // namespace
}  // namespace bridgelc
