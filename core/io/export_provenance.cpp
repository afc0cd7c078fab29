#include "core/io/export_provenance.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <ctime>
#include <mutex>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/io/atomic_file.h"
#include "core/io/prediction_writer.h"
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
                         {"BRIDGELC_PROGRAM", &ExportProvenance::programVersion},
                         {"BRIDGELC_LABELS", &ExportProvenance::labels}};

}  // namespace

std::vector<std::pair<std::string, std::string>> ExportProvenance::items() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Field& field : kFields)
        if (!(this->*field.member).empty()) out.emplace_back(field.key, this->*field.member);
    return out;
}

std::string ExportProvenance::description() const {
    std::string text = labels == "crop types" ? "Crop-type predictions" : "Land-cover predictions";
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

ExportProvenance checkpointProvenance(const nlohmann::json& metadata) {
    const auto object = [](const nlohmann::json& json, const char* key) {
        const auto it = json.is_object() ? json.find(key) : json.end();
        return it != json.end() && it->is_object() ? *it : nlohmann::json::object();
    };
    const auto text = [](const nlohmann::json& json, const char* key) {
        const auto it = json.find(key);
        return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const nlohmann::json model = object(metadata, "model"), run = object(metadata, "run");
    const nlohmann::json split = object(run, "split"), settings = object(model, "settings");
    // The same fields runProvenance() takes from a RunResult, read from what the run store put beside the
    // model.
    RunResult result;
    result.modelName = text(model, "model");
    result.splitName = text(split, "name");
    result.scenario = Scenario::fromName(text(split, "scenario")).value_or(Scenario::Extrap);
    result.heldOutRegion = regionIndex(text(split, "heldOutRegion"));
    const auto seed = settings.find("seed");
    if (seed != settings.end() && seed->is_number_integer())
        result.settings.seed = seed->get<std::uint64_t>();
    ExportProvenance p = runProvenance(result, text(run, "id"), text(metadata, "datasetPath"),
                                       text(metadata, "dataFingerprint"));
    const nlohmann::json labels = object(metadata, "labels");
    if (labels.value("level", 1) == 2)
        p.labels = "crop types";
    else if (const std::string column = text(labels, "labelColumn"); !column.empty())
        p.labels = "labels of column '" + column + "'";
    return p;
}

std::string provenanceSidecarPath(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    const std::size_t dot = path.find_last_of('.');
    const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    return (hasExtension ? path.substr(0, dot) : path) + ".provenance.txt";
}

void addExportProvenance(const std::string& path, const ExportProvenance& provenance) {
    if (predictionFormatForPath(path) == PredictionFormat::GeoPackage) {
        addGeoPackageProvenance(path, provenance);
        return;
    }
    std::string text = provenance.description() + "\n";
    for (const auto& [key, value] : provenance.items())
        text += key + "=" + value + "\n";
    writeFileAtomically(provenanceSidecarPath(path), text);
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
