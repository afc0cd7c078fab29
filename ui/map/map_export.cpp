#include "ui/map/map_export.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <memory>

#include "core/geo/regions.h"
#include "ui/map/map_export_page.h"
#include "ui/map/map_points_loader.h"
#include "ui/map/map_renderer.h"

namespace bridgelc {

QString mapExportTitle(const QString& input) {
    const QFileInfo info(input);
    if (!info.isDir()) return info.fileName();
    QFile file(QDir(input).filePath(QStringLiteral("config.json")));
    const QString fallback = QObject::tr("Run %1 (test points)").arg(info.fileName());
    if (!file.open(QIODevice::ReadOnly)) return fallback;
    const QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    if (config.isEmpty()) return fallback;
    const QJsonObject model = config.value(QStringLiteral("model")).toObject();
    const QJsonObject split = config.value(QStringLiteral("split")).toObject();
    const QJsonObject dataset = config.value(QStringLiteral("dataset")).toObject();
    QString modelName = model.value(QStringLiteral("displayName")).toString();
    if (modelName.isEmpty()) modelName = model.value(QStringLiteral("name")).toString();
    QString scenario = split.value(QStringLiteral("name")).toString();
    const QString heldOut = split.value(QStringLiteral("heldOutRegion")).toString();
    if (!heldOut.isEmpty()) {
        QString regionName = heldOut;
        for (const auto& region : biogeographicalRegions())
            if (QString::fromStdString(region.code) == heldOut)
                regionName = QString::fromStdString(region.name);
        scenario = QObject::tr("LORO (%1 held out)").arg(regionName);
    } else if (scenario.isEmpty()) {
        scenario = split.value(QStringLiteral("scenario")).toString().toUpper();
    }
    QStringList parts{modelName, scenario};
    const QJsonValue seed = config.value(QStringLiteral("settings")).toObject().value(QStringLiteral("seed"));
    if (!seed.isUndefined()) parts << QObject::tr("seed %1").arg(seed.toVariant().toULongLong());
    parts.removeAll(QString());
    QString datasetName = QFileInfo(dataset.value(QStringLiteral("path")).toString()).fileName();
    if (datasetName.isEmpty() && dataset.value(QStringLiteral("synthetic")).toBool())
        datasetName = QObject::tr("synthetic sample");
    const QString fingerprint = dataset.value(QStringLiteral("fingerprint")).toString().left(8);
    QString title = parts.join(QStringLiteral(" · "));
    if (!datasetName.isEmpty() || !fingerprint.isEmpty())
        title += QObject::tr(" — on %1")
                     .arg(QStringList({datasetName, fingerprint}).join(QStringLiteral(" · ")).trimmed());
    return title + QObject::tr(" — test points");
}

QString exportMap(const MapExportRequest& request) {
    static const QHash<QString, PointColorMode> modes = {
        {QStringLiteral("truth"), PointColorMode::TrueClass},
        {QStringLiteral("predicted"), PointColorMode::PredictedClass},
        {QStringLiteral("errors"), PointColorMode::Correctness},
        {QStringLiteral("confidence"), PointColorMode::Confidence}};
    if (!modes.contains(request.mode))
        return QObject::tr("--mode %1: expected truth, predicted, errors or confidence").arg(request.mode);
    const QString suffix = QFileInfo(request.output).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return QObject::tr("--out %1: the map is written as .png, .svg or .pdf").arg(request.output);
    if (!(request.dpi >= 36 && request.dpi <= 1200))
        return QObject::tr("--dpi %1: expected 36 to 1200").arg(request.dpi);
    const QSizeF layout = QSizeF(request.size) * (96.0 / request.dpi);
    if (request.size.width() > 20000 || request.size.height() > 20000 || layout.width() < 300 ||
        layout.height() < 250)
        return QObject::tr(
                   "--width/--height: %1x%2 pixels at %3 dpi is not a sensible map size (at least "
                   "80 x 66 mm, at most 20000 pixels a side)")
            .arg(request.size.width())
            .arg(request.size.height())
            .arg(request.dpi);
    QString error;
    std::optional<MapPoints> points = loadMapPoints(request.input, &error);
    if (!points) return error;
    const PointColorMode mode = modes.value(request.mode);
    if (mode != PointColorMode::TrueClass && points->predictedClass.empty())
        return QObject::tr("%1: has no predictions; --mode %2 needs a run directory")
            .arg(request.input, request.mode);

    MapRenderer renderer;
    renderer.setMode(mode);
    points->title = mapExportTitle(request.input);
    renderer.setPoints(std::make_shared<const MapPoints>(std::move(*points)));
    MapPage page(&renderer, renderer.points()->title);
    page.setFormat({request.size, request.dpi});
    if (request.view == QLatin1String("data")) {
        const auto& p = renderer.points()->projected;
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (!p.valid(i)) continue;
            x0 = std::min(x0, p.x[i]), x1 = std::max(x1, p.x[i]), y0 = std::min(y0, p.y[i]),
            y1 = std::max(y1, p.y[i]);
        }
        if (x0 <= x1) page.setExtent(QRectF(QPointF(x0, y0), QPointF(x1, y1)));
    }
    return page.write(request.output, &error) ? QString() : error;
}

}  // namespace bridgelc
