#include "ui/map/region_label_layer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>
#include <algorithm>
#include <optional>

#include "ui/map/point_density.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

RegionLabelLayer::RegionLabelLayer(const RegionLayer* regions, QObject* parent)
    : MapLayer(parent), m_regions(regions) {
    connect(regions, &MapLayer::changed, this, &MapLayer::changed);
}

QRectF RegionLabelLayer::labelArea(const Viewport& viewport) {
    constexpr double kBottomRow = 64;  // as the legend panel keeps free
    return QRectF(0, 0, viewport.size().width(), std::max(0.0, viewport.size().height() - kBottomRow));
}

std::vector<QRectF> RegionLabelLayer::placeLabels(const std::vector<QPointF>& anchors,
                                                  const std::vector<QSizeF>& sizes, const QRectF& screen,
                                                  const PointDensity* density, int rings) {
    std::vector<QRectF> placed;
    for (std::size_t i = 0; i < anchors.size(); ++i) {
        const QSizeF size = sizes[i];
        const QRectF centred(anchors[i] - QPointF(size.width() / 2, size.height() / 2), size);
        const double dy = size.height() + 2, dx = size.width() / 2 + 4;
        std::vector<QPointF> shifts = {QPointF(0, 0),       QPointF(0, -dy),     QPointF(0, dy),
                                       QPointF(dx, 0),      QPointF(-dx, 0),     QPointF(dx, -dy),
                                       QPointF(-dx, dy),    QPointF(0, -2 * dy), QPointF(0, 2 * dy),
                                       QPointF(0, -3 * dy), QPointF(0, -4 * dy)};
        if (density)  // farther out, nearest first, for a place that hides no point (a leader line joins it)
            for (double r = 2; r <= 1 + rings; ++r)
                for (const QPointF d : {QPointF(0, -1), QPointF(0, 1), QPointF(1, 0), QPointF(-1, 0),
                                        QPointF(1, -1), QPointF(-1, -1), QPointF(1, 1), QPointF(-1, 1)})
                    shifts.push_back(QPointF(d.x() * r * dx, d.y() * r * dy));
        QRectF chosen = centred;
        std::int64_t chosenCost = -1;
        for (const QPointF shift : shifts) {
            const QRectF candidate = centred.translated(shift);
            if (!screen.contains(candidate)) continue;
            const bool free = std::none_of(placed.begin(), placed.end(), [&](const QRectF& other) {
                return other.adjusted(-1, -1, 1, 1).intersects(candidate);
            });
            if (!free) continue;
            const std::int64_t cost = density ? density->countIn(candidate) : 0;
            if (chosenCost < 0 || cost < chosenCost) {
                chosen = candidate;
                chosenCost = cost;
            }
            if (cost == 0) break;
        }
        placed.push_back(chosen);
    }
    return placed;
}

void RegionLabelLayer::paintLeader(QPainter& painter, QPointF anchor, const QRectF& label) {
    // Only for a label moved off its place: a thin line from the place to the label, and a dot at the place.
    if (label.adjusted(-label.height(), -label.height(), label.height(), label.height()).contains(anchor))
        return;
    const QPointF end(std::clamp(anchor.x(), label.left(), label.right()),
                      std::clamp(anchor.y(), label.top(), label.bottom()));
    painter.save();
    painter.setPen(QPen(QColor(255, 255, 255, 220), 3.0, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(anchor, end);
    painter.setPen(QPen(QColor(40, 40, 40), 1.0, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(anchor, end);
    painter.setBrush(QColor(40, 40, 40));
    painter.drawEllipse(anchor, 2.0, 2.0);
    painter.restore();
}

void RegionLabelLayer::paint(QPainter& painter, const Viewport& viewport) {
    m_placed.clear();
    // The regions are loaded by the background render; the labels follow once they are there.
    if (!m_regions->isVisible() || !m_regions->isLabelled() || !RegionLayer::isLoaded()) return;
    const QString heldOut = m_regions->heldOutRegion();
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(9);
    font.setBold(true);
    painter.setFont(font);
    const QFontMetricsF metrics(font, painter.device());
    const QRectF screen(QPointF(0, 0), viewport.size());
    std::vector<QPointF> anchors;
    std::vector<QSizeF> sizes;
    QStringList texts;
    for (const RegionLayer::Region& region : RegionLayer::regions()) {
        const QPointF at = viewport.projectedToScreen(region.labelPoint);
        if (!region.labelled || !screen.contains(at)) continue;
        texts << (region.code == heldOut ? tr("%1 (held out)").arg(region.code) : region.code);
        anchors.push_back(at);
        sizes.push_back(metrics.boundingRect(texts.back()).adjusted(-3, -1, 3, 1).size());
    }
    const auto points = m_pointSource ? m_pointSource->points() : nullptr;
    const std::optional<PointDensity> density =
        points ? std::optional<PointDensity>(PointDensity(*points, viewport)) : std::nullopt;
    m_placed = placeLabels(anchors, sizes, labelArea(viewport), density ? &*density : nullptr);
    for (std::size_t i = 0; i < m_placed.size(); ++i) {
        paintLeader(painter, anchors[i], m_placed[i]);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 200));
        painter.drawRoundedRect(m_placed[i], 3, 3);
        painter.setPen(QColor(40, 40, 40));
        painter.drawText(m_placed[i], Qt::AlignCenter, texts[int(i)]);
    }
    painter.restore();
}

}  // namespace bridgelc
