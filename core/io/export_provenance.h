#pragma once
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/run/training_run.h"

namespace bridgelc {

/// Where an exported file came from: which model, trained how, on which data, when and by which program.
/// Written into the GeoPackage of predictions (gpkg_contents.description and its metadata table) and into the
/// predicted GeoTIFF's metadata, so a file found later in a folder of QGIS layers still says what it is.
struct ExportProvenance {
    std::string model;               ///< display name of the model, e.g. "BRIDGE-LC"
    std::string scenario;            ///< e.g. "LORO (Alpine held out)" or "EXTRAP"
    std::string runId;               ///< the saved run's folder name; empty when the run is not saved
    std::string datasetFile;         ///< file name (no folders) of the training or predicted table
    std::string datasetFingerprint;  ///< datasetFingerprint() of that table
    std::string date;                ///< UTC time of the export, ISO 8601 (utcTimestamp())
    std::string programVersion;      ///< "BRIDGE-LC Explorer 0.1.0 (abc1234)"
    std::string labels;              ///< LabelChoice::description(), e.g. "crop types"; empty: land cover

    /// Key/value items, keys prefixed "BRIDGELC_" (GDAL metadata domain items): only the known fields.
    std::vector<std::pair<std::string, std::string>> items() const;
    /// One line for a layer description: "Land-cover predictions of <model> · <scenario> · run <id> · …".
    std::string description() const;
    /// Reads items() back (e.g. from a GeoTIFF's metadata); unknown keys are ignored.
    static ExportProvenance fromItems(const std::vector<std::pair<std::string, std::string>>& items);
};

/// The provenance of exports of `run`: its model's display name, its scenario ("LORO (Alpine held out)"),
/// `runId`, the dataset's file name (folders dropped) and fingerprint, now and this program.
ExportProvenance runProvenance(const RunResult& run, const std::string& runId, const std::string& datasetFile,
                               const std::string& datasetFingerprint);

/// The provenance of predictions of a saved model (the metadata of a loaded checkpoint: its run id, split,
/// seed, training data and labels), now and this program: what runProvenance() gives for the same run.
ExportProvenance checkpointProvenance(const nlohmann::json& metadata);

/// Where the provenance of a GeoJSON or CSV export goes, as neither format has room for it: "<path>" with
/// its extension replaced by ".provenance.txt".
std::string provenanceSidecarPath(const std::string& path);

/// Records `provenance` with an export: in the GeoPackage (addGeoPackageProvenance) or, for other formats, in
/// the text file provenanceSidecarPath(path) (the description, then one KEY=value line per item), written
/// atomically. Throws std::runtime_error naming the file on failure.
void addExportProvenance(const std::string& path, const ExportProvenance& provenance);

/// The current UTC time as "2026-12-07T02:15:00Z".
std::string utcTimestamp();
/// "BRIDGE-LC Explorer <version> (<revision>)" of this build.
std::string programVersionText();

/// Adds `provenance` to the layer "predictions" of the GeoPackage at `path`, written before by
/// writePredictions: the layer's description (gpkg_contents.description) and its metadata items (GDAL keeps
/// them in gpkg_metadata / gpkg_metadata_reference). Throws std::runtime_error naming the file on failure.
void addGeoPackageProvenance(const std::string& path, const ExportProvenance& provenance);

}  // namespace bridgelc
