#include "ui/map/scale_bar_layer.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/map/viewport.h"

namespace bridgelc {

double ScaleBarLayer::roundLength(double metresPerPixel, double maxPixels) {
    const double max = metresPerPixel * maxPixels;
    const double decade = std::pow(10.0, std::floor(std::log10(max)));
    for (const double step : {5.0, 2.0, 1.0})
        if (step * decade <= max) return step * decade;
    return decade;
}

double ScaleBarLayer::northAngle(const Viewport& viewport) {
    const QPointF centre(viewport.size().width() / 2.0, viewport.size().height() / 2.0);
    const QGeoCoordinate here = viewport.screenToGeo(centre);
    if (!here.isValid()) return 0.0;
    const QGeoCoordinate north(std::min(here.latitude() + 0.5, 89.9), here.longitude());
    const QPointF towards = viewport.geoToScreen(north) - viewport.geoToScreen(here);
    if (!(towards.manhattanLength() > 0)) return 0.0;
    return std::atan2(towards.x(), -towards.y()) * 180.0 / M_PI;
}

void ScaleBarLayer::paint(QPainter& painter, const Viewport& viewport) {
    const double length = roundLength(viewport.metresPerPixel(), 180.0);
    const double pixels = length / viewport.metresPerPixel();
    const QString label = length >= 1000 ? tr("%1 km").arg(length / 1000.0) : tr("%1 m").arg(length);
    // On a narrow map the attribution takes the whole bottom row: the bar sits above it.
    const qreal lift = viewport.size().width() < 560 ? 48 : 0;
    const QPointF origin(20, viewport.size().height() - 34 - lift);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    m_box = QRectF(origin.x() - 8, origin.y() - 22, pixels + 90, 40);
    painter.drawRoundedRect(m_box, 4, 4);
    // Two-tone bar: halves alternate so the length reads at a glance.
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(Qt::black);
    painter.drawRect(QRectF(origin, QSizeF(pixels / 2, 6)));
    painter.setBrush(Qt::white);
    painter.drawRect(QRectF(origin + QPointF(pixels / 2, 0), QSizeF(pixels / 2, 6)));
    painter.drawText(QRectF(origin.x(), origin.y() - 20, pixels + 4, 18), Qt::AlignLeft | Qt::AlignBottom,
                     QStringLiteral("0"));
    painter.drawText(QRectF(origin.x() + pixels - 60, origin.y() - 20, 120, 18),
                     Qt::AlignHCenter | Qt::AlignBottom, label);
    // North arrow right of the bar, for the map's centre: on a Lambert azimuthal map north turns away from
    // straight up east and west of 10°E (as QGIS's "true north" arrow).
    const QPointF tip(origin.x() + pixels + 60, origin.y() - 16), pivot = tip + QPointF(0, 10);
    painter.translate(pivot);
    painter.rotate(northAngle(viewport));
    painter.translate(-pivot);
    QPainterPath arrow;
    arrow.moveTo(tip);
    arrow.lineTo(tip + QPointF(7, 20));
    arrow.lineTo(tip + QPointF(0, 15));
    arrow.lineTo(tip + QPointF(-7, 20));
    arrow.closeSubpath();
    painter.setBrush(Qt::black);
    painter.drawPath(arrow);
    painter.drawText(QRectF(tip.x() - 20, tip.y() + 18, 40, 16), Qt::AlignCenter, QStringLiteral("N"));
    painter.restore();
}

}  // namespace bridgelc
