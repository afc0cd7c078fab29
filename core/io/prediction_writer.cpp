#include "core/io/prediction_writer.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/io/atomic_file.h"

namespace bridgelc {

namespace {

std::string lowerExtension(const std::string& path) {
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext;
}

const char* driverName(PredictionFormat format) {
    switch (format) {
        case PredictionFormat::Csv:
            return "CSV";
        case PredictionFormat::GeoJson:
            return "GeoJSON";
        case PredictionFormat::GeoPackage:
            return "GPKG";
    }
    return "CSV";
}

void addField(OGRLayer& layer, const char* name, OGRFieldType type, OGRFieldSubType subType = OFSTNone) {
    OGRFieldDefn field(name, type);
    field.SetSubType(subType);
    if (layer.CreateField(&field) != OGRERR_NONE)
        throw std::runtime_error(std::string("cannot create field ") + name + ": " + CPLGetLastErrorMsg());
}

void checkShapes(const Dataset& dataset, const Predictions& predictions, std::size_t classes) {
    const std::size_t n = predictions.rows.size();
    if (predictions.predicted.size() != n || predictions.confidence.size() != n)
        throw std::invalid_argument("predictions: rows, classes and confidences differ in length");
    if (predictions.probabilities.size() != n * predictions.classes)
        throw std::invalid_argument("predictions: probability table is not rows x classes");
    if (!predictions.dissimilarity.empty() &&
        (predictions.dissimilarity.size() != n || predictions.insideAoa.size() != n))
        throw std::invalid_argument("predictions: dissimilarity or inside_aoa differ in length from the rows");
    if (predictions.classes != classes)
        throw std::invalid_argument("predictions have " + std::to_string(predictions.classes) +
                                    " classes but " + std::to_string(classes) + " class names were given");
    for (std::size_t i = 0; i < n; ++i) {
        if (predictions.rows[i] < 0 || static_cast<std::size_t>(predictions.rows[i]) >= dataset.size())
            throw std::out_of_range("prediction of row " + std::to_string(predictions.rows[i]) +
                                    " outside the dataset's " + std::to_string(dataset.size()) + " rows");
        if (predictions.predicted[i] < 0 || static_cast<std::size_t>(predictions.predicted[i]) >= classes)
            throw std::out_of_range("predicted class " + std::to_string(predictions.predicted[i]) +
                                    " outside the model's classes");
    }
}

}  // namespace

PredictionFormat predictionFormatForPath(const std::string& path) {
    const std::string ext = lowerExtension(path);
    if (ext == "csv") return PredictionFormat::Csv;
    if (ext == "geojson" || ext == "json") return PredictionFormat::GeoJson;
    if (ext == "gpkg") return PredictionFormat::GeoPackage;
    throw std::invalid_argument("cannot tell the format of '" + path +
                                "': use a name ending in .gpkg, .geojson or .csv");
}

std::vector<std::string> probabilityFieldNames(const std::vector<std::string>& classNames) {
    std::vector<std::string> names;
    for (const std::string& className : classNames) {
        std::string name = "p_";
        bool pendingSeparator = false;
        for (unsigned char c : className) {
            if (std::isalnum(c) && c < 128) {
                if (pendingSeparator && name.size() > 2) name += '_';
                pendingSeparator = false;
                name += static_cast<char>(std::tolower(c));
            } else {
                pendingSeparator = true;
            }
        }
        if (name.size() == 2) name += "class";
        std::string unique = name;
        for (int k = 2; std::find(names.begin(), names.end(), unique) != names.end(); ++k)
            unique = name + "_" + std::to_string(k);
        names.push_back(unique);
    }
    return names;
}

void writePredictions(const std::string& path, const Dataset& dataset, const Predictions& predictions,
                      const std::vector<std::string>& modelClassNames) {
    writePredictions(path, predictionFormatForPath(path), dataset, predictions, modelClassNames);
}

void writePredictions(const std::string& path, PredictionFormat format, const Dataset& dataset,
                      const Predictions& predictions, const std::vector<std::string>& modelClassNames) {
    checkShapes(dataset, predictions, modelClassNames.size());
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName(format));
    if (!driver) throw std::runtime_error(std::string("GDAL has no ") + driverName(format) + " driver");

    // Errors become exceptions carrying CPLGetLastErrorMsg(); GDAL must not also print them.
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    AtomicFile file(path);
    {
        GDALDatasetUniquePtr output(
            driver->Create(file.temporaryPath().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!output) throw std::runtime_error("cannot create " + path + ": " + CPLGetLastErrorMsg());
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        const bool points = format != PredictionFormat::Csv;
        // CSV: a .csvt beside it gives each column's type, so QGIS and ogrinfo read numbers as numbers.
        const char* csvOptions[] = {"CREATE_CSVT=YES", nullptr};
        OGRLayer* layer =
            output->CreateLayer("predictions", points ? &wgs84 : nullptr, points ? wkbPoint : wkbNone,
                                points ? nullptr : const_cast<char**>(csvOptions));
        if (!layer)
            throw std::runtime_error("cannot create a layer in " + path + ": " + CPLGetLastErrorMsg());

        addField(*layer, "id", OFTString);
        addField(*layer, "lon", OFTReal);
        addField(*layer, "lat", OFTReal);
        addField(*layer, "region", OFTString);
        addField(*layer, kTrueClassField, OFTString);
        addField(*layer, kPredictedClassField, OFTString);
        addField(*layer, "correct", OFTInteger, OFSTBoolean);
        addField(*layer, "confidence", OFTReal);
        const std::vector<std::string> probabilityFields = probabilityFieldNames(modelClassNames);
        for (const std::string& name : probabilityFields)
            addField(*layer, name.c_str(), OFTReal);

        const bool applicability = !predictions.dissimilarity.empty();
        if (applicability) {
            addField(*layer, "di", OFTReal);
            addField(*layer, "inside_aoa", OFTInteger, OFSTBoolean);
        }

        // Field indices are looked up once; OGR may rename fields it cannot store as given.
        OGRFeatureDefn* definition = layer->GetLayerDefn();
        const int firstProbability = definition->GetFieldCount() - static_cast<int>(probabilityFields.size()) -
                                     (applicability ? 2 : 0);
        const auto& regions = biogeographicalRegions();
        const bool transaction = output->StartTransaction() == OGRERR_NONE;
        for (std::size_t i = 0; i < predictions.rows.size(); ++i) {
            const auto row = static_cast<std::size_t>(predictions.rows[i]);
            OGRFeature feature(definition);
            feature.SetField(
                0, row < dataset.ids.size() ? dataset.ids[row].c_str() : std::to_string(row).c_str());
            feature.SetField(1, dataset.lon[row]);
            feature.SetField(2, dataset.lat[row]);
            const int region = row < dataset.region.size() ? dataset.region[row] : -1;
            if (region >= 0 && static_cast<std::size_t>(region) < regions.size())
                feature.SetField(3, regions[static_cast<std::size_t>(region)].code.c_str());
            const std::string& predicted =
                modelClassNames[static_cast<std::size_t>(predictions.predicted[i])];
            feature.SetField(5, predicted.c_str());
            const int label = row < dataset.label.size() ? dataset.label[row] : -1;
            if (label >= 0 && static_cast<std::size_t>(label) < dataset.classNames.size()) {
                const std::string& truth = dataset.classNames[static_cast<std::size_t>(label)];
                feature.SetField(4, truth.c_str());
                feature.SetField(6, truth == predicted ? 1 : 0);
            } else {
                // Explicit nulls: GeoJSON drops unset fields, and a file of unlabelled points would then
                // have no true_class/correct columns at all.
                feature.SetFieldNull(4);
                feature.SetFieldNull(6);
            }
            feature.SetField(7, static_cast<double>(predictions.confidence[i]));
            const float* p = predictions.probabilities.data() + i * predictions.classes;
            for (std::size_t c = 0; c < predictions.classes; ++c)
                feature.SetField(firstProbability + static_cast<int>(c), static_cast<double>(p[c]));
            if (applicability) {
                const int diField = firstProbability + static_cast<int>(predictions.classes);
                feature.SetField(diField, predictions.dissimilarity[i]);
                feature.SetField(diField + 1, predictions.insideAoa[i] ? 1 : 0);
            }
            if (points) {
                OGRPoint point(dataset.lon[row], dataset.lat[row]);
                feature.SetGeometry(&point);
            }
            if (layer->CreateFeature(&feature) != OGRERR_NONE)
                throw std::runtime_error("cannot write point " + std::to_string(i + 1) + " to " + path +
                                         ": " + CPLGetLastErrorMsg());
        }
        if (transaction && output->CommitTransaction() != OGRERR_NONE)
            throw std::runtime_error("cannot write " + path + ": " + CPLGetLastErrorMsg());
        output.reset();  // closes and flushes before the rename
    }
    const std::filesystem::path csvt = std::filesystem::path(file.temporaryPath()).replace_extension(".csvt");
    file.commit();
    std::error_code error;
    if (format == PredictionFormat::Csv && std::filesystem::exists(csvt, error))
        std::filesystem::rename(csvt, std::filesystem::path(path).replace_extension(".csvt"), error);
}

}  // namespace bridgelc
