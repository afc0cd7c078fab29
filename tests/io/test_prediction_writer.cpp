// Prediction export: every format is read back through OGR and compared value by value.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <set>

#include "core/io/prediction_writer.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

class PredictionWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        GDALAllRegister();
        m_dir = fs::temp_directory_path() / ("bridgelc-predwriter-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);

        m_data.classNames = {"Artificial land", "Cropland", "Wood/land"};
        m_data.featureNames = {"f"};
        m_data.features = {1, 2, 3, 4};
        m_data.lon = {2.35, -3.7038, 13.405, 24.9384};
        m_data.lat = {48.8566, 40.4168, 52.52, 60.1699};
        m_data.ids = {"p1", "p2", "p3", "p4"};
        m_data.label = {0, 1, 2, 1};
        m_data.region = {3, 8, 6, -1};  // ATL, MED, CON, outside

        // rows 3, 0, 1 in that order; row 2 not predicted
        m_pred.rows = {3, 0, 1};
        m_pred.predicted = {1, 2, 1};
        m_pred.classes = 3;
        m_pred.probabilities = {0.1f, 0.7f, 0.2f, 0.25f, 0.25f, 0.5f, 0.0f, 1.0f, 0.0f};
        m_pred.confidence = {0.7f, 0.5f, 1.0f};
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // Reads the file back and checks every field of every feature.
    void checkReadBack(const fs::path& path, bool hasGeometry) {
        GDALDatasetUniquePtr in(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(in) << path;
        ASSERT_EQ(in->GetLayerCount(), 1);
        OGRLayer* layer = in->GetLayer(0);
        ASSERT_EQ(layer->GetFeatureCount(), 3);
        const std::vector<std::string> names = {"id",         "lon",        "lat",
                                                "region",     "true_class", "predicted_class",
                                                "correct",    "confidence", "p_artificial_land",
                                                "p_cropland", "p_wood_land"};
        for (const auto& name : names)
            EXPECT_GE(layer->GetLayerDefn()->GetFieldIndex(name.c_str()), 0) << "missing field " << name;
        const std::vector<std::string> ids = {"p4", "p1", "p2"};
        const std::vector<std::string> regions = {"", "ATL", "MED"};
        const std::vector<std::string> truth = {"Cropland", "Artificial land", "Cropland"};
        const std::vector<std::string> predicted = {"Cropland", "Wood/land", "Cropland"};
        const std::vector<int> correct = {1, 0, 1};
        layer->ResetReading();
        for (std::size_t i = 0; i < 3; ++i) {
            OGRFeatureUniquePtr f(layer->GetNextFeature());
            ASSERT_TRUE(f);
            const auto row = static_cast<std::size_t>(m_pred.rows[i]);
            EXPECT_EQ(std::string(f->GetFieldAsString("id")), ids[i]);
            EXPECT_NEAR(f->GetFieldAsDouble("lon"), m_data.lon[row], 1e-9);
            EXPECT_NEAR(f->GetFieldAsDouble("lat"), m_data.lat[row], 1e-9);
            EXPECT_EQ(std::string(f->GetFieldAsString("region")), regions[i]);
            EXPECT_EQ(std::string(f->GetFieldAsString("true_class")), truth[i]);
            EXPECT_EQ(std::string(f->GetFieldAsString("predicted_class")), predicted[i]);
            EXPECT_EQ(f->GetFieldAsInteger("correct"), correct[i]);
            EXPECT_NEAR(f->GetFieldAsDouble("confidence"), m_pred.confidence[i], 1e-6);
            EXPECT_NEAR(f->GetFieldAsDouble("p_artificial_land"), m_pred.probabilities[i * 3 + 0], 1e-6);
            EXPECT_NEAR(f->GetFieldAsDouble("p_cropland"), m_pred.probabilities[i * 3 + 1], 1e-6);
            EXPECT_NEAR(f->GetFieldAsDouble("p_wood_land"), m_pred.probabilities[i * 3 + 2], 1e-6);
            if (hasGeometry) {
                const OGRGeometry* g = f->GetGeometryRef();
                ASSERT_TRUE(g);
                ASSERT_EQ(wkbFlatten(g->getGeometryType()), wkbPoint);
                EXPECT_NEAR(g->toPoint()->getX(), m_data.lon[row], 1e-9);
                EXPECT_NEAR(g->toPoint()->getY(), m_data.lat[row], 1e-9);
            }
        }
        if (hasGeometry) {
            const OGRSpatialReference* srs = layer->GetSpatialRef();
            ASSERT_TRUE(srs);
            EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4326");
        }
    }

    // Only the final file remains (with its .csvt of column types for a CSV): no temporaries beside it.
    void checkOnlyFile(const fs::path& path) {
        std::set<fs::path> expected{path};
        if (path.extension() == ".csv") expected.insert(fs::path(path).replace_extension(".csvt"));
        std::set<fs::path> found;
        for (const auto& entry : fs::directory_iterator(m_dir)) found.insert(entry.path());
        EXPECT_EQ(found, expected);
    }

    fs::path m_dir;
    Dataset m_data;
    Predictions m_pred;
};

TEST_F(PredictionWriterTest, GeoPackageReadsBack) {
    const fs::path path = m_dir / "out.gpkg";
    writePredictions(path.string(), m_data, m_pred, m_data.classNames);
    checkReadBack(path, true);
    checkOnlyFile(path);
}

TEST_F(PredictionWriterTest, GeoJsonReadsBack) {
    const fs::path path = m_dir / "out.geojson";
    writePredictions(path.string(), m_data, m_pred, m_data.classNames);
    checkReadBack(path, true);
    checkOnlyFile(path);
}

TEST_F(PredictionWriterTest, CsvReadsBack) {
    const fs::path path = m_dir / "out.csv";
    writePredictions(path.string(), m_data, m_pred, m_data.classNames);
    checkReadBack(path, false);
    checkOnlyFile(path);
}

TEST_F(PredictionWriterTest, OverwritesAnExistingFile) {
    // An older export of other points with other values: none of it may survive the new one.
    Predictions older;
    older.rows = {2, 0};
    older.predicted = {0, 0};
    older.classes = 3;
    older.probabilities = {0.9f, 0.05f, 0.05f, 0.6f, 0.3f, 0.1f};
    older.confidence = {0.9f, 0.6f};
    for (const char* name : {"out.gpkg", "out.geojson", "out.csv"}) {
        SCOPED_TRACE(name);
        const fs::path path = m_dir / name;
        writePredictions(path.string(), m_data, older, m_data.classNames);
        writePredictions(path.string(), m_data, m_pred, m_data.classNames);
        checkReadBack(path, std::string(name) != "out.csv");
    }
}

TEST_F(PredictionWriterTest, BadInputThrowsAndLeavesNothing) {
    EXPECT_THROW(predictionFormatForPath("out.shp"), std::invalid_argument);
    Predictions bad = m_pred;
    bad.rows[0] = 99;
    EXPECT_THROW(writePredictions((m_dir / "bad.csv").string(), m_data, bad, m_data.classNames),
                 std::out_of_range);
    EXPECT_THROW(writePredictions((m_dir / "bad.csv").string(), m_data, m_pred, {"a", "b"}),
                 std::invalid_argument);
    EXPECT_THROW(
        writePredictions((m_dir / "no-such-dir" / "x.gpkg").string(), m_data, m_pred, m_data.classNames),
        std::runtime_error);
    EXPECT_TRUE(fs::is_empty(m_dir));
}

// Points read without labels (to be mapped) have label -1 and maybe no class names at all: the true and
// correct fields stay empty, everything else is written.
TEST_F(PredictionWriterTest, UnlabelledPointsHaveEmptyTrueAndCorrect) {
    const std::vector<std::string> modelClasses = m_data.classNames;
    m_data.classNames.clear();
    m_data.label = {-1, -1, -1, -1};
    m_data.labelsOptional = true;
    ASSERT_NO_THROW(m_data.checkConsistent());
    for (const char* name : {"unlabelled.gpkg", "unlabelled.csv", "unlabelled.geojson"}) {
        const fs::path path = m_dir / name;
        writePredictions(path.string(), m_data, m_pred, modelClasses);
        GDALDatasetUniquePtr in(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(in) << path;
        OGRLayer* layer = in->GetLayer(0);
        ASSERT_EQ(layer->GetFeatureCount(), 3) << path;
        const int trueField = layer->GetLayerDefn()->GetFieldIndex("true_class");
        const int correctField = layer->GetLayerDefn()->GetFieldIndex("correct");
        ASSERT_GE(trueField, 0);
        ASSERT_GE(correctField, 0);
        for (std::size_t i = 0; i < 3; ++i) {
            OGRFeatureUniquePtr f(layer->GetNextFeature());
            ASSERT_TRUE(f);
            EXPECT_EQ(std::string(f->GetFieldAsString(trueField)), "") << path;
            // Unset in GeoPackage and GeoJSON, an empty cell in CSV (which GDAL reads back as text).
            EXPECT_EQ(std::string(f->GetFieldAsString(correctField)), "") << path << " row " << i;
            EXPECT_EQ(std::string(f->GetFieldAsString("predicted_class")),
                      modelClasses[static_cast<std::size_t>(m_pred.predicted[i])]);
            EXPECT_NEAR(f->GetFieldAsDouble("confidence"), m_pred.confidence[i], 1e-6);
        }
    }
}

// A file with some labelled and some unlabelled points: only the labelled ones get true and correct.
TEST_F(PredictionWriterTest, PartlyLabelledPointsFillTrueOnlyWhereKnown) {
    m_data.label = {0, -1, 2, 1};  // row 1 (predicted third) has no label
    m_data.labelsOptional = true;
    const fs::path path = m_dir / "partly.csv";
    writePredictions(path.string(), m_data, m_pred, m_data.classNames);
    GDALDatasetUniquePtr in(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    ASSERT_TRUE(in);
    OGRLayer* layer = in->GetLayer(0);
    const std::vector<std::string> truth = {"Cropland", "Artificial land", ""};
    for (std::size_t i = 0; i < 3; ++i) {
        OGRFeatureUniquePtr f(layer->GetNextFeature());
        ASSERT_TRUE(f);
        EXPECT_EQ(std::string(f->GetFieldAsString("true_class")), truth[i]);
        EXPECT_EQ(std::string(f->GetFieldAsString("correct")).empty(), truth[i].empty()) << "row " << i;
    }
}

TEST(ProbabilityFieldNames, SanitisedAndUnique) {
    EXPECT_EQ(probabilityFieldNames({"Artificial land", "B11 Common wheat", "Bare land", "bare-land", "??"}),
              (std::vector<std::string>{"p_artificial_land", "p_b11_common_wheat", "p_bare_land",
                                        "p_bare_land_2", "p_class"}));
}

TEST(PredictionFormat, ByExtension) {
    EXPECT_EQ(predictionFormatForPath("a/b.GPKG"), PredictionFormat::GeoPackage);
    EXPECT_EQ(predictionFormatForPath("b.geojson"), PredictionFormat::GeoJson);
    EXPECT_EQ(predictionFormatForPath("c.csv"), PredictionFormat::Csv);
    EXPECT_THROW(predictionFormatForPath("dir.d/noext"), std::invalid_argument);
}

}  // namespace
}  // namespace bridgelc
