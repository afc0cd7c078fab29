#include "core/io/export_provenance.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <ctime>
#include <mutex>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/model/model_registry.h"
#include "core/util/build_info.h"

namespace bridgelc {

namespace {

struct Field {
    const char* key;
    std::string ExportProvenance::*member;
};

const Field kFields[] = {{"BRIDGELC_MODEL", &ExportProvenance::model},
                         {"BRIDGELC_SCENARIO", &ExportProvenance::scenario},
                         {"BRIDGELC_RUN_ID", &ExportProvenance::runId},
                         {"BRIDGELC_DATASET_FILE", &ExportProvenance::datasetFile},
                         {"BRIDGELC_DATASET_FINGERPRINT", &ExportProvenance::datasetFingerprint},
                         {"BRIDGELC_DATE", &ExportProvenance::date},
                         {"BRIDGELC_PROGRAM", &ExportProvenance::programVersion}};

}  // namespace

std::vector<std::pair<std::string, std::string>> ExportProvenance::items() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Field& field : kFields)
        if (!(this->*field.member).empty()) out.emplace_back(field.key, this->*field.member);
    return out;
}

std::string ExportProvenance::description() const {
    std::string text = "Land-cover predictions";
    if (!model.empty()) text += " of " + model;
    if (!scenario.empty()) text += " \xc2\xb7 " + scenario;
    if (!runId.empty()) text += " \xc2\xb7 run " + runId;
    if (!datasetFile.empty() || !datasetFingerprint.empty()) {
        text += " \xc2\xb7 dataset " + datasetFile;
        if (!datasetFingerprint.empty())
            text +=
                (datasetFile.empty() ? "" : " ") + std::string("(fingerprint ") + datasetFingerprint + ")";
    }
    if (!date.empty()) text += " \xc2\xb7 " + date;
    if (!programVersion.empty()) text += " \xc2\xb7 " + programVersion;
    return text;
}

ExportProvenance ExportProvenance::fromItems(const std::vector<std::pair<std::string, std::string>>& items) {
    ExportProvenance provenance;
    for (const auto& [key, value] : items)
        for (const Field& field : kFields)
            if (key == field.key) provenance.*field.member = value;
    return provenance;
}

ExportProvenance runProvenance(const RunResult& run, const std::string& runId, const std::string& datasetFile,
                               const std::string& datasetFingerprint) {
    ExportProvenance p;
    p.model = modelDisplayName(run.modelName);
    const auto& regions = biogeographicalRegions();
    if (run.scenario == Scenario::Loro && run.heldOutRegion >= 0 &&
        static_cast<std::size_t>(run.heldOutRegion) < regions.size())
        p.scenario = "LORO (" + regions[static_cast<std::size_t>(run.heldOutRegion)].name + " held out)";
    else
        p.scenario = run.splitName.empty() ? run.scenario.title() : run.splitName;
    p.scenario += " \xc2\xb7 seed " + std::to_string(run.settings.seed);
    p.runId = runId;
    const auto slash = datasetFile.find_last_of('/');
    p.datasetFile = slash == std::string::npos ? datasetFile : datasetFile.substr(slash + 1);
    p.datasetFingerprint = datasetFingerprint;
    p.date = utcTimestamp();
    p.programVersion = programVersionText();
    return p;
}

std::string utcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string programVersionText() {
    const BuildInfo& info = buildInfo();
    return "BRIDGE-LC Explorer " + info.version + " (" + info.revision + ")";
}

void addGeoPackageProvenance(const std::string& path, const ExportProvenance& provenance) {
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    const char* drivers[] = {"GPKG", nullptr};
    GDALDatasetUniquePtr file(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, nullptr, nullptr));
    if (!file)
        throw std::runtime_error("cannot open " + path +
                                 " to record its provenance: " + CPLGetLastErrorMsg());
    OGRLayer* layer = file->GetLayerByName("predictions");
    if (!layer) throw std::runtime_error(path + ": no layer \"predictions\" to record the provenance in");
    // DESCRIPTION is gpkg_contents.description; the other items go to the metadata tables.
    if (layer->SetMetadataItem("DESCRIPTION", provenance.description().c_str()) != CE_None)
        throw std::runtime_error("cannot write the description of " + path + ": " + CPLGetLastErrorMsg());
    for (const auto& [key, value] : provenance.items())
        if (layer->SetMetadataItem(key.c_str(), value.c_str()) != CE_None)
            throw std::runtime_error("cannot write " + key + " into " + path + ": " + CPLGetLastErrorMsg());
    file.reset();  // closing writes the metadata
}

}  // namespace bridgelc
