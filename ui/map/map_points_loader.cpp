#include "ui/map/map_points_loader.h"

#include <gdal.h>
#include <ogrsf_frmts.h>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <cmath>

#include "core/data/lucas_legend.h"
#include "core/data/point_reader.h"
#include "core/geo/projected_points.h"

namespace bridgelc {

MapPoints mapPointsFromDataset(const Dataset& dataset, const QString& title) {
    MapPoints points;
    points.projected = projectToLaea(dataset.lon, dataset.lat);
    points.trueClass = dataset.label;
    for (const std::string& name : dataset.classNames)
        points.classNames << QString::fromStdString(name);
    points.ids.reserve(dataset.size());
    for (const std::string& id : dataset.ids)
        points.ids.push_back(QString::fromStdString(id));
    points.title = title;
    return points;
}

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

std::optional<MapPoints> readPredictions(const QString& file, const QString& title, QString* error) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset, DatasetCloser> source(static_cast<GDALDataset*>(
        GDALOpenEx(file.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!source || source->GetLayerCount() < 1) {
        if (error)
            *error = QObject::tr("%1: cannot read the predictions (%2)").arg(file, CPLGetLastErrorMsg());
        return std::nullopt;
    }
    OGRLayer* layer = source->GetLayer(0);
    OGRFeatureDefn* definition = layer->GetLayerDefn();
    // true_class/predicted_class since "true" (an SQL keyword) was renamed; older files have true/predicted.
    const char* required[] = {"id", "lon", "lat", "true_class", "predicted_class", "confidence"};
    const char* legacy[] = {"", "", "", "true", "predicted", ""};
    int column[6];
    for (int i = 0; i < 6; ++i) {
        column[i] = definition->GetFieldIndex(required[i]);
        if (column[i] < 0 && *legacy[i]) column[i] = definition->GetFieldIndex(legacy[i]);
        if (column[i] < 0) {
            if (error)
                *error =
                    QObject::tr("%1: line 1: no column \"%2\"").arg(file, QString::fromLatin1(required[i])) +
                    (*legacy[i] ? QObject::tr(" (nor \"%1\", its name in older files)")
                                      .arg(QString::fromLatin1(legacy[i]))
                                : QString());
            return std::nullopt;
        }
    }
    std::vector<double> lon, lat;
    std::vector<QString> trueNames, predictedNames;
    MapPoints points;
    std::int64_t line = 1;
    layer->ResetReading();
    while (OGRFeature* raw = layer->GetNextFeature()) {
        std::unique_ptr<OGRFeature> feature(raw);
        ++line;
        bool okLon = false, okLat = false;
        const double x = QString::fromUtf8(feature->GetFieldAsString(column[1])).toDouble(&okLon);
        const double y = QString::fromUtf8(feature->GetFieldAsString(column[2])).toDouble(&okLat);
        if (!okLon || !okLat) {
            if (error)
                *error = QObject::tr("%1: line %2, column %3: lon/lat is not a number")
                             .arg(file)
                             .arg(line)
                             .arg(okLon ? column[2] + 1 : column[1] + 1);
            return std::nullopt;
        }
        lon.push_back(x);
        lat.push_back(y);
        points.ids.push_back(QString::fromUtf8(feature->GetFieldAsString(column[0])));
        trueNames.push_back(QString::fromUtf8(feature->GetFieldAsString(column[3])));
        predictedNames.push_back(QString::fromUtf8(feature->GetFieldAsString(column[4])));
        bool okConfidence = false;
        const float c = QString::fromUtf8(feature->GetFieldAsString(column[5])).toFloat(&okConfidence);
        points.confidence.push_back(okConfidence ? c : std::nanf(""));
    }
    // Classes in LUCAS legend order where they are LUCAS classes, then by name: colours and legend stay
    // stable.
    QStringList names;
    for (const auto* list : {&trueNames, &predictedNames})
        for (const QString& name : *list)
            if (!name.isEmpty() && !names.contains(name)) names << name;
    std::stable_sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        const int ia = lucasLevel1IndexOfClass(a.toStdString()),
                  ib = lucasLevel1IndexOfClass(b.toStdString());
        return (ia < 0 ? 99 : ia) != (ib < 0 ? 99 : ib) ? (ia < 0 ? 99 : ia) < (ib < 0 ? 99 : ib) : a < b;
    });
    QHash<QString, int> index;
    for (int i = 0; i < names.size(); ++i)
        index.insert(names[i], i);
    for (std::size_t i = 0; i < trueNames.size(); ++i) {
        points.trueClass.push_back(index.value(trueNames[i], -1));
        points.predictedClass.push_back(index.value(predictedNames[i], -1));
    }
    points.classNames = names;
    points.projected = projectToLaea(lon, lat);
    points.title = title;
    return points;
}

}  // namespace

std::optional<MapPoints> loadMapPoints(const QString& path, QString* error) {
    const QFileInfo info(path);
    if (info.isDir()) {
        const QString predictions = QDir(path).filePath(QStringLiteral("predictions.csv"));
        if (!QFileInfo::exists(predictions)) {
            if (error) *error = QObject::tr("%1: not a run directory (no predictions.csv)").arg(path);
            return std::nullopt;
        }
        return readPredictions(predictions, QObject::tr("Run %1 (test points)").arg(info.fileName()), error);
    }
    LoadResult result = loadPoints(path.toStdString());
    if (!result.dataset) {
        if (error) *error = QString::fromStdString(result.report.fatalMessage());
        return std::nullopt;
    }
    return mapPointsFromDataset(*result.dataset, info.fileName());
}

}  // namespace bridgelc
