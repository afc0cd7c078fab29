#include "ui/map/map_export.h"

#include <QFileInfo>
#include <QHash>
#include <cmath>
#include <memory>

#include "ui/map/map_points_loader.h"
#include "ui/map/map_renderer.h"

namespace bridgelc {

QString exportMap(const MapExportRequest& request) {
    static const QHash<QString, PointColorMode> modes = {
        {QStringLiteral("truth"), PointColorMode::TrueClass},
        {QStringLiteral("predicted"), PointColorMode::PredictedClass},
        {QStringLiteral("errors"), PointColorMode::Correctness},
        {QStringLiteral("confidence"), PointColorMode::Confidence}};
    if (!modes.contains(request.mode))
        return QObject::tr("--mode %1: expected truth, predicted, errors or confidence").arg(request.mode);
    const QString suffix = QFileInfo(request.output).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        return QObject::tr("--out %1: the map is written as .png or .svg").arg(request.output);
    if (request.size.width() < 100 || request.size.height() < 100 || request.size.width() > 20000 ||
        request.size.height() > 20000)
        return QObject::tr("--size: %1x%2 is not a sensible map size")
            .arg(request.size.width())
            .arg(request.size.height());
    QString error;
    std::optional<MapPoints> points = loadMapPoints(request.input, &error);
    if (!points) return error;
    const PointColorMode mode = modes.value(request.mode);
    if (mode != PointColorMode::TrueClass && points->predictedClass.empty())
        return QObject::tr("%1: has no predictions; --mode %2 needs a run directory")
            .arg(request.input, request.mode);

    MapRenderer renderer;
    renderer.setMode(mode);
    renderer.setPoints(std::make_shared<const MapPoints>(std::move(*points)));
    Viewport viewport = Viewport::euHome(request.size);
    if (request.view == QLatin1String("data")) {
        const auto& p = renderer.points()->projected;
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (!p.valid(i)) continue;
            x0 = std::min(x0, p.x[i]), x1 = std::max(x1, p.x[i]), y0 = std::min(y0, p.y[i]),
            y1 = std::max(y1, p.y[i]);
        }
        if (x0 <= x1) viewport.fit(QRectF(QPointF(x0, y0), QPointF(x1, y1)));
    }
    const bool ok = suffix == QLatin1String("png") ? renderer.savePng(request.output, viewport, &error)
                                                   : renderer.saveSvg(request.output, viewport, &error);
    return ok ? QString() : error;
}

}  // namespace bridgelc
