#include "core/data/ogr_reader.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>

#include <fmt/format.h>

namespace bridgelc {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Collects GDAL's error messages for the current thread instead of letting GDAL print them.
class GdalErrorCollector {
public:
    GdalErrorCollector() {
        CPLPushErrorHandlerEx(&GdalErrorCollector::handler, this);
        CPLErrorReset();
    }
    ~GdalErrorCollector() { CPLPopErrorHandler(); }
    GdalErrorCollector(const GdalErrorCollector&) = delete;
    GdalErrorCollector& operator=(const GdalErrorCollector&) = delete;

    bool failed() const { return !m_errors.empty(); }
    std::string errors() const {
        std::string text;
        for (const std::string& e : m_errors)
            text += (text.empty() ? "" : "; ") + e;
        return text.empty() ? std::string("unknown GDAL error") : text;
    }
    void clear() { m_errors.clear(); }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum, const char* message) {
        auto* self = static_cast<GdalErrorCollector*>(CPLGetErrorHandlerUserData());
        if (self && (level == CE_Failure || level == CE_Fatal) && self->m_errors.size() < 5)
            self->m_errors.emplace_back(message ? message : "");
    }
    std::vector<std::string> m_errors;
};

void registerDrivers() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

bool isPointType(OGRwkbGeometryType type) {
    const OGRwkbGeometryType flat = wkbFlatten(type);
    return flat == wkbPoint || flat == wkbMultiPoint;
}

OGRLayer* chooseLayer(GDALDataset& source, const std::string& layerName) {
    if (!layerName.empty()) return source.GetLayerByName(layerName.c_str());
    for (int i = 0; i < source.GetLayerCount(); ++i)
        if (isPointType(source.GetLayer(i)->GetGeomType())) return source.GetLayer(i);
    // No declared point layer (GeoJSON with mixed or unknown types): read the first and judge by its
    // features.
    return source.GetLayerCount() > 0 ? source.GetLayer(0) : nullptr;
}
}  // namespace

bool OgrReader::handles(const std::string& path) {
    static const std::vector<std::string> extensions = {".gpkg", ".geojson", ".json",   ".shp", ".fgb",
                                                        ".gml",  ".kml",     ".sqlite", ".gdb", ".zip"};
    const std::string ext = lowerExtension(path);
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end()) return true;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return true;  // a Shapefile folder
    std::ifstream in(path, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    const std::string_view start(head, static_cast<std::size_t>(in.gcount()));
    if (start.substr(0, 15) == std::string_view("SQLite format 3", 15)) return true;
    const std::size_t first = start.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string_view::npos && start[first] == '{';
}

bool OgrReader::read(const std::string& path, const std::string& layerName, RawTable& table,
                     ValidationReport& report, const HeaderHook& onHeader) {
    registerDrivers();
    table.path = path;
    table.fromOgr = true;
    auto fatal = [&](const char* kind, std::int64_t feature, std::string what) {
        report.add(kind,
                   Problem{Severity::Fatal, path, feature, 0, {}, std::move(what), "load stopped", true});
        return false;
    };

    GdalErrorCollector errors;
    GDALDatasetUniquePtr source(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!source) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) return fatal("unreadable", 0, "the file does not exist");
        return fatal("unreadable", 0,
                     "cannot read it as a vector data source (damaged or truncated?): " + errors.errors());
    }
    OGRLayer* layer = chooseLayer(*source, layerName);
    if (!layer) {
        std::string names;
        for (int i = 0; i < source->GetLayerCount(); ++i)
            names += (names.empty() ? "" : ", ") + std::string(source->GetLayer(i)->GetName());
        return fatal("missing-layer", 0,
                     layerName.empty() ? std::string("no layers")
                                       : "no layer named '" + layerName + "'; the layers are: " + names);
    }

    OGRFeatureDefn* definition = layer->GetLayerDefn();
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
        RawColumn column;
        column.name = definition->GetFieldDefn(i)->GetNameRef();
        column.fileColumn = i + 1;
        table.columns.push_back(std::move(column));
    }
    table.hasGeometry = definition->GetGeomFieldCount() > 0;

    std::unique_ptr<OGRCoordinateTransformation> toWgs84;
    if (const OGRSpatialReference* sourceSrs = layer->GetSpatialRef()) {
        OGRSpatialReference from(*sourceSrs), to;
        to.SetWellKnownGeogCS("WGS84");
        // GIS order on both sides: x is always longitude/easting whatever the CRS definition says.
        from.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        to.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        toWgs84.reset(OGRCreateCoordinateTransformation(&from, &to));
        if (!toWgs84)
            return fatal("bad-crs", 0, "cannot reproject its coordinate system to WGS84: " + errors.errors());
    } else if (table.hasGeometry) {
        report.add("no-crs", Problem{Severity::Info,
                                     path,
                                     0,
                                     0,
                                     {},
                                     "the layer declares no coordinate system",
                                     "coordinates read as WGS84 longitude/latitude",
                                     true});
    }
    if (onHeader) onHeader(table);

    errors.clear();
    CPLErrorReset();
    layer->ResetReading();
    std::int64_t number = 0;
    const int fieldCount = static_cast<int>(table.columns.size());
    for (;;) {
        OGRFeatureUniquePtr feature(layer->GetNextFeature());
        if (errors.failed())
            return fatal("read-error", number + 1,
                         "read error (damaged or truncated file?): " + errors.errors());
        if (!feature) break;
        ++number;
        double lon = kNaN, lat = kNaN;
        if (const OGRGeometry* geometry = feature->GetGeometryRef(); geometry && !geometry->IsEmpty()) {
            const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
            const OGRPoint* point = nullptr;
            if (type == wkbPoint) {
                point = geometry->toPoint();
            } else if (type == wkbMultiPoint && geometry->toMultiPoint()->getNumGeometries() == 1) {
                point = geometry->toMultiPoint()->getGeometryRef(0);
            }
            if (!point)
                return fatal(
                    "not-points", number,
                    fmt::format("feature {} is a {}, not a point; each row must be one survey point (use "
                                "centroids for polygons)",
                                number, OGRGeometryTypeToName(geometry->getGeometryType())));
            lon = point->getX();
            lat = point->getY();
        }
        table.geometryLon.push_back(lon);
        table.geometryLat.push_back(lat);
        table.lines.push_back(number);
        for (int i = 0; i < fieldCount; ++i) {
            if (!feature->IsFieldSetAndNotNull(i)) {
                table.addEmpty(i);
                continue;
            }
            switch (definition->GetFieldDefn(i)->GetType()) {
                case OFTInteger:
                case OFTInteger64:
                case OFTReal:
                    table.addNumber(i, feature->GetFieldAsDouble(i));
                    break;
                default:
                    table.addCell(i, table.own(feature->GetFieldAsString(i)));
                    break;
            }
        }
    }
    if (number == 0)
        return fatal("header-only", 0, "the layer '" + std::string(layer->GetName()) + "' has no features");

    if (toWgs84) {
        std::vector<double> x, y;
        std::vector<std::size_t> at;
        for (std::size_t i = 0; i < table.geometryLon.size(); ++i)
            if (!std::isnan(table.geometryLon[i]))
                x.push_back(table.geometryLon[i]), y.push_back(table.geometryLat[i]), at.push_back(i);
        std::vector<int> ok(x.size(), 0);
        if (!x.empty()) toWgs84->Transform(x.size(), x.data(), y.data(), nullptr, ok.data());
        for (std::size_t k = 0; k < at.size(); ++k) {
            table.geometryLon[at[k]] = ok[k] ? x[k] : kNaN;
            table.geometryLat[at[k]] = ok[k] ? y[k] : kNaN;
        }
    }
    return true;
}

}  // namespace bridgelc
