#include "ui/map/choropleth_legend_layer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>
#include <algorithm>
#include <optional>

#include "ui/map/choropleth_layer.h"
#include "ui/map/point_density.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_label_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

ChoroplethLegendLayer::ChoroplethLegendLayer(const ChoroplethLayer* source, QObject* parent)
    : MapLayer(parent), m_source(source) {
    connect(source, &MapLayer::changed, this, &MapLayer::changed);
}

void ChoroplethLegendLayer::paintLabels(QPainter& painter, const Viewport& viewport,
                                        const std::vector<RegionScore>& scores) const {
    // The regions are loaded by the background render; the labels follow once they are there.
    if (!RegionLayer::isLoaded()) return;
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
    for (const RegionLayer::Region& region : RegionLayer::regions())
        for (const RegionScore& s : scores) {
            if (s.code != region.code || !region.labelled) continue;
            const QPointF at = viewport.projectedToScreen(region.labelPoint);
            if (!screen.contains(at)) continue;
            texts << QStringLiteral("%1 %2").arg(s.code).arg(s.value, 0, 'f', 3);
            anchors.push_back(at);
            sizes.push_back(metrics.boundingRect(texts.back()).adjusted(-4, -2, 4, 2).size());
        }
    // Where they hide no drawn point: a score label over the held-out region's test points would hide the
    // very points it scores.
    const auto points = m_pointSource ? m_pointSource->points() : nullptr;
    const std::optional<PointDensity> density =
        points ? std::optional<PointDensity>(PointDensity(*points, viewport)) : std::nullopt;
    const std::vector<QRectF>& placed = m_placed = RegionLabelLayer::placeLabels(
        anchors, sizes, RegionLabelLayer::labelArea(viewport), density ? &*density : nullptr, 5);
    for (std::size_t i = 0; i < placed.size(); ++i) {
        RegionLabelLayer::paintLeader(painter, anchors[i], placed[i]);
        painter.setPen(QPen(QColor(40, 40, 40), 0.8));
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRoundedRect(placed[i], 3, 3);
        painter.setPen(QColor(20, 20, 20));
        painter.drawText(placed[i], Qt::AlignCenter, texts[int(i)]);
    }
    painter.restore();
}

std::optional<LegendSection> ChoroplethLegendLayer::legendSection() const {
    std::vector<RegionScore> scores = m_source->scores();
    if (scores.empty() || !m_source->isVisible()) return std::nullopt;
    std::sort(scores.begin(), scores.end(),
              [](const RegionScore& a, const RegionScore& b) { return a.value > b.value; });
    const auto range = m_source->range();
    LegendSection s;
    s.order = 10;
    s.title = m_source->title();
    s.squareSwatches = true;
    for (int i = 0; i <= 8; ++i)
        s.ramp.push_back(
            ChoroplethLayer::rampColor(range.first + i / 8.0 * (range.second - range.first), range));
    s.rampLow = QString::number(range.first, 'f', 2);
    s.rampHigh = QString::number(range.second, 'f', 2);
    for (const RegionScore& r : scores)
        s.entries.push_back(
            {ChoroplethLayer::rampColor(r.value, range),
             r.runs > 1 ? tr("%1  %2  (mean of %3 runs)").arg(r.code).arg(r.value, 0, 'f', 3).arg(r.runs)
                        : tr("%1  %2").arg(r.code).arg(r.value, 0, 'f', 3)});
    return s;
}

void ChoroplethLegendLayer::paint(QPainter& painter, const Viewport& viewport) {
    const std::vector<RegionScore> scores = m_source->scores();
    m_placed.clear();
    if (scores.empty() || !m_source->isVisible()) return;
    paintLabels(painter, viewport, scores);
}

}  // namespace bridgelc
