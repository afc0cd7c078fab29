#include "ui/map/frame_layer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <cmath>

#include "ui/map/viewport.h"

namespace bridgelc {

const QPainterPath& FrameLayer::frame() {
    static const QPainterPath path = [] {
        QPainterPath p(geoToProjected(kWest, kSouth));
        for (double lat = kSouth + 0.5; lat <= kNorth; lat += 0.5)
            p.lineTo(geoToProjected(kWest, lat));
        for (double lon = kWest + 0.5; lon <= kEast; lon += 0.5)
            p.lineTo(geoToProjected(lon, kNorth));
        for (double lat = kNorth - 0.5; lat >= kSouth; lat -= 0.5)
            p.lineTo(geoToProjected(kEast, lat));
        for (double lon = kEast - 0.5; lon >= kWest; lon -= 0.5)
            p.lineTo(geoToProjected(lon, kSouth));
        p.closeSubpath();
        return p;
    }();
    return path;
}

void FrameLayer::paint(QPainter& painter, const Viewport& viewport) {
    const QRectF screen(QPointF(0, 0), viewport.size());
    const QPainterPath framed = viewport.projectedToScreenTransform().map(frame());
    if (framed.contains(screen)) return;  // zoomed in: the frame is off screen
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath paper;
    paper.addRect(screen.adjusted(-2, -2, 2, 2));
    painter.fillPath(paper.subtracted(framed), QColor(kPaperColour));
    painter.setPen(QPen(QColor(60, 60, 60), 1.2));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(framed);

    // Degrees where the 10-degree graticule meets the frame, on the paper just outside it.
    QFont font = painter.font();
    font.setPointSizeF(7.5);
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    painter.setPen(QColor(80, 80, 80));
    auto label = [&](double lon, double lat, const QString& text, QPointF outward) {
        const QPointF at = viewport.projectedToScreen(geoToProjected(lon, lat));
        const QSizeF size = metrics.boundingRect(text).size() + QSizeF(2, 0);
        const QPointF centre =
            at + QPointF(outward.x() * (size.width() / 2 + 3), outward.y() * (size.height() / 2 + 2));
        const QRectF box(centre - QPointF(size.width() / 2, size.height() / 2), size);
        if (!screen.contains(box) || framed.intersects(box)) return;
        painter.drawLine(at, at + outward * 3);
        painter.drawText(box, Qt::AlignCenter, text);
    };
    auto degrees = [](double v, char positive, char negative) {
        return QStringLiteral("%1°%2").arg(std::abs(v)).arg(QLatin1Char(v < 0 ? negative : positive));
    };
    for (double lat = 30; lat <= 70; lat += 10) {
        label(kEast, lat, degrees(lat, 'N', 'S'), QPointF(1, 0));
        label(kWest, lat, degrees(lat, 'N', 'S'), QPointF(-1, 0));
    }
    for (double lon = -30; lon <= 40; lon += 10) {
        label(lon, kSouth, degrees(lon, 'E', 'W'), QPointF(0, 1));
        label(lon, kNorth, degrees(lon, 'E', 'W'), QPointF(0, -1));
    }
    label(kEast, kSouth, degrees(kEast, 'E', 'W'), QPointF(0, 1));
    painter.restore();
}

}  // namespace bridgelc
