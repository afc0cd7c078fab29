#include "ui/map/scale_bar_layer.h"

#include <QPainter>
#include <QPainterPath>
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

void ScaleBarLayer::paint(QPainter& painter, const Viewport& viewport) {
    const double length = roundLength(viewport.metresPerPixel(), 180.0);
    const double pixels = length / viewport.metresPerPixel();
    const QString label = length >= 1000 ? tr("%1 km").arg(length / 1000.0) : tr("%1 m").arg(length);
    const QPointF origin(20, viewport.size().height() - 34);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRoundedRect(QRectF(origin.x() - 8, origin.y() - 22, pixels + 90, 40), 4, 4);
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
    // North arrow to the right of the bar: the map is north-up.
    const QPointF tip(origin.x() + pixels + 60, origin.y() - 16);
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
