// Exported predictions say where they came from: the GeoPackage's layer description (gpkg_contents) and
// metadata carry the model, scenario, run id, dataset file and fingerprint, date and program, as ogrinfo
// and GDAL show them.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/io/export_provenance.h"
#include "core/io/prediction_writer.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

/// Standard output of a command (no shell quoting needed for the temporary paths used here).
std::string outputOf(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe) return out;
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe.get()))
        out += buffer.data();
    return out;
}

class ExportProvenanceTest : public ::testing::Test {
protected:
    void SetUp() override {
        GDALAllRegister();
        m_dir = fs::temp_directory_path() / ("bridgelc-provenance-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_data.classNames = {"Cropland", "Woodland"};
        m_data.featureNames = {"f"};
        m_data.features = {1, 2};
        m_data.lon = {2.35, 13.405};
        m_data.lat = {48.8566, 52.52};
        m_data.ids = {"p1", "p2"};
        m_data.label = {0, 1};
        m_data.region = {3, 6};
        m_pred.rows = {0, 1};
        m_pred.predicted = {0, 0};
        m_pred.classes = 2;
        m_pred.probabilities = {0.9f, 0.1f, 0.6f, 0.4f};
        m_pred.confidence = {0.9f, 0.6f};

        m_run.modelName = "bridgelc";
        m_run.scenario = Scenario::Loro;
        m_run.heldOutRegion = 0;  // Alpine
        m_run.settings.seed = 3;
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path m_dir;
    Dataset m_data;
    Predictions m_pred;
    RunResult m_run;
};

TEST_F(ExportProvenanceTest, RunProvenanceNamesModelScenarioRunAndDataset) {
    const ExportProvenance p =
        runProvenance(m_run, "20261207-bridgelc-loro-alp", "/data/lucas/points.csv", "0123456789abcdef");
    EXPECT_EQ("BRIDGE-LC", p.model);
    EXPECT_EQ("LORO (Alpine held out) \xc2\xb7 seed 3", p.scenario);
    EXPECT_EQ("points.csv", p.datasetFile);   // folders are private and machine-specific
    EXPECT_EQ(20u, p.date.size()) << p.date;  // 2026-12-07T02:15:00Z
    EXPECT_NE(std::string::npos, p.programVersion.find("BRIDGE-LC Explorer")) << p.programVersion;
    const std::string d = p.description();
    for (const std::string& part :
         {p.model, p.scenario, p.runId, p.datasetFile, p.datasetFingerprint, p.date})
        EXPECT_NE(std::string::npos, d.find(part)) << part << " missing in " << d;
    EXPECT_EQ(p.runId, ExportProvenance::fromItems(p.items()).runId);
    EXPECT_EQ(p.datasetFingerprint, ExportProvenance::fromItems(p.items()).datasetFingerprint);
}

TEST_F(ExportProvenanceTest, OgrinfoShowsTheGeoPackageDescriptionAndMetadata) {
    const fs::path path = m_dir / "predictions.gpkg";
    writePredictions(path.string(), m_data, m_pred, m_data.classNames);
    const ExportProvenance p =
        runProvenance(m_run, "20261207-bridgelc-loro-alp", "points.csv", "0123456789abcdef");
    addGeoPackageProvenance(path.string(), p);

    // gpkg_contents.description itself, through SQL.
    {
        GDALDatasetUniquePtr in(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        ASSERT_TRUE(in);
        OGRLayer* sql = in->ExecuteSQL(
            "SELECT description FROM gpkg_contents WHERE table_name = 'predictions'", nullptr, nullptr);
        ASSERT_NE(nullptr, sql);
        std::unique_ptr<OGRFeature> row(sql->GetNextFeature());
        ASSERT_TRUE(row);
        EXPECT_EQ(p.description(), row->GetFieldAsString(0));
        in->ReleaseResultSet(sql);
        EXPECT_EQ(3, in->GetLayer(0)->GetFeatureCount() + 1);  // the points are still there
        EXPECT_STREQ(p.runId.c_str(), in->GetLayer(0)->GetMetadataItem("BRIDGELC_RUN_ID"));
    }
    // What a user sees.
    const std::string info = outputOf("ogrinfo -so -al " + path.string() + " 2>&1");
    EXPECT_NE(std::string::npos, info.find("DESCRIPTION=" + p.description())) << info;
    EXPECT_NE(std::string::npos, info.find("BRIDGELC_RUN_ID=20261207-bridgelc-loro-alp")) << info;
    EXPECT_NE(std::string::npos, info.find("BRIDGELC_DATASET_FINGERPRINT=0123456789abcdef")) << info;
    EXPECT_NE(std::string::npos, info.find("BRIDGELC_MODEL=BRIDGE-LC")) << info;
}

TEST_F(ExportProvenanceTest, AFileThatIsNoGeoPackageIsNamed) {
    const fs::path path = m_dir / "predictions.csv";
    writePredictions(path.string(), m_data, m_pred, m_data.classNames);
    try {
        addGeoPackageProvenance(path.string(), ExportProvenance{});
        FAIL() << "a CSV is no GeoPackage";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string::npos, std::string(error.what()).find(path.string())) << error.what();
    }
}

}  // namespace
}  // namespace bridgelc
