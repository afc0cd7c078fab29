#include "ui/map/graticule_layer.h"

#include <QPainter>
#include <vector>

#include "core/geo/laea_projection.h"
#include "ui/map/viewport.h"

namespace bridgelc {

namespace {

QPainterPath graticule(double step) {
    const LaeaProjection projection;
    QPainterPath path;
    auto addLine = [&](std::vector<double> x, std::vector<double> y) {
        projection.forward(x.data(), y.data(), x.size());
        path.moveTo(x[0], y[0]);
        for (std::size_t i = 1; i < x.size(); ++i)
            path.lineTo(x[i], y[i]);
    };
    for (double lon = -40; lon <= 60; lon += step) {  // meridians, sampled every half degree
        std::vector<double> x, y;
        for (double lat = 25; lat <= 75; lat += 0.5)
            x.push_back(lon), y.push_back(lat);
        addLine(x, y);
    }
    for (double lat = 25; lat <= 75; lat += step) {
        std::vector<double> x, y;
        for (double lon = -40; lon <= 60; lon += 0.5)
            x.push_back(lon), y.push_back(lat);
        addLine(x, y);
    }
    return path;
}

}  // namespace

GraticuleLayer::GraticuleLayer(QObject* parent)
    : MapLayer(parent), m_coarse(graticule(10)), m_fine(graticule(5)) {}

void GraticuleLayer::paint(QPainter& painter, const Viewport& viewport) {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(viewport.projectedToScreenTransform(), true);
    QPen pen(QColor(90, 110, 140, 90), 0.7, Qt::DashLine);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(viewport.metresPerPixel() < 1500 ? m_fine : m_coarse);
    painter.restore();
}

}  // namespace bridgelc
