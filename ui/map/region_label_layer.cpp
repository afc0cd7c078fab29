#include "ui/map/region_label_layer.h"

#include <QPainter>

#include "ui/map/region_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

RegionLabelLayer::RegionLabelLayer(const RegionLayer* regions, QObject* parent)
    : MapLayer(parent), m_regions(regions) {
    connect(regions, &MapLayer::changed, this, &MapLayer::changed);
}

void RegionLabelLayer::paint(QPainter& painter, const Viewport& viewport) {
    // The regions are loaded by the background render; the labels follow once they are there.
    if (!m_regions->isVisible() || !m_regions->isLabelled() || !RegionLayer::isLoaded()) return;
    const QString heldOut = m_regions->heldOutRegion();
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(9);
    font.setBold(true);
    painter.setFont(font);
    for (const RegionLayer::Region& region : RegionLayer::regions()) {
        const QPointF at = viewport.projectedToScreen(region.labelPoint);
        if (!QRectF(QPointF(0, 0), viewport.size()).contains(at)) continue;
        const QString text = region.code == heldOut ? tr("%1 (held out)").arg(region.code) : region.code;
        const QRectF box = painter.fontMetrics().boundingRect(text).adjusted(-3, -1, 3, 1);
        const QRectF placed = box.translated(at - box.center());
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 200));
        painter.drawRoundedRect(placed, 3, 3);
        painter.setPen(QColor(40, 40, 40));
        painter.drawText(placed, Qt::AlignCenter, text);
    }
    painter.restore();
}

}  // namespace bridgelc
