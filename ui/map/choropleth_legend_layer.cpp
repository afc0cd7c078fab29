#include "ui/map/choropleth_legend_layer.h"

#include <QPainter>
#include <algorithm>

#include "ui/map/choropleth_layer.h"
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
    const QFontMetrics metrics(font, painter.device());
    const QRectF screen(QPointF(0, 0), viewport.size());
    for (const RegionLayer::Region& region : RegionLayer::regions())
        for (const RegionScore& s : scores) {
            if (s.code != region.code) continue;
            const QPointF at = viewport.projectedToScreen(region.labelPoint);
            if (!screen.contains(at)) continue;
            const QString text = QStringLiteral("%1 %2").arg(s.code).arg(s.value, 0, 'f', 3);
            const QRectF box = QRectF(metrics.boundingRect(text)).adjusted(-4, -2, 4, 2);
            const QRectF placed = box.translated(at - box.center());
            painter.setPen(QPen(QColor(40, 40, 40), 0.8));
            painter.setBrush(QColor(255, 255, 255, 225));
            painter.drawRoundedRect(placed, 3, 3);
            painter.setPen(QColor(20, 20, 20));
            painter.drawText(placed, Qt::AlignCenter, text);
        }
    painter.restore();
}

void ChoroplethLegendLayer::paint(QPainter& painter, const Viewport& viewport) {
    std::vector<RegionScore> scores = m_source->scores();
    if (scores.empty() || !m_source->isVisible()) return;
    std::sort(scores.begin(), scores.end(),
              [](const RegionScore& a, const RegionScore& b) { return a.value > b.value; });
    const auto range = m_source->range();
    const QString title = m_source->title();
    paintLabels(painter, viewport, scores);
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(9);
    painter.setFont(font);
    QFont bold = font;
    bold.setBold(true);
    // Metrics of the device painted on: a widget and an export image may differ in resolution from the
    // screen.
    const QFontMetrics metrics(font, painter.device()), boldMetrics(bold, painter.device());
    const int line = metrics.height() + 3;
    const int rampWidth = 180, rampHeight = 12;
    int width = std::max(rampWidth, boldMetrics.horizontalAdvance(title) + 6);
    QStringList rows;
    for (const RegionScore& s : scores) {
        rows << (s.runs > 1 ? tr("%1  %2  (mean of %3 runs)").arg(s.code).arg(s.value, 0, 'f', 3).arg(s.runs)
                            : tr("%1  %2").arg(s.code).arg(s.value, 0, 'f', 3));
        width = std::max(width, 22 + metrics.horizontalAdvance(rows.back()));
    }
    width = std::min(width + 20, viewport.size().width() / 2);
    const int height = 14 + line + rampHeight + line + line * int(rows.size());
    const QRectF box(12, 12, width, height);
    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawRoundedRect(box, 4, 4);
    double y = box.top() + 6;
    painter.setFont(bold);
    painter.setPen(Qt::black);
    painter.drawText(QRectF(box.left() + 10, y, width - 20, line), Qt::AlignLeft | Qt::AlignVCenter,
                     boldMetrics.elidedText(title, Qt::ElideRight, width - 20));
    y += line + 2;
    painter.setFont(font);
    // The ramp, low on the left.
    QLinearGradient gradient(box.left() + 10, 0, box.left() + 10 + rampWidth, 0);
    for (int i = 0; i <= 8; ++i) {
        const double t = i / 8.0;
        gradient.setColorAt(
            t, ChoroplethLayer::rampColor(range.first + t * (range.second - range.first), range));
    }
    const QRectF ramp(box.left() + 10, y, rampWidth, rampHeight);
    painter.setPen(QPen(QColor(90, 90, 90), 0.8));
    painter.setBrush(gradient);
    painter.drawRect(ramp);
    y += rampHeight;
    painter.setPen(QColor(50, 50, 50));
    painter.drawText(QRectF(ramp.left(), y, rampWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::number(range.first, 'f', 2));
    painter.drawText(QRectF(ramp.left(), y, rampWidth, line), Qt::AlignRight | Qt::AlignVCenter,
                     QString::number(range.second, 'f', 2));
    y += line;
    for (int i = 0; i < rows.size(); ++i) {
        painter.setPen(QPen(QColor(60, 60, 60), 0.8));
        painter.setBrush(ChoroplethLayer::rampColor(scores[std::size_t(i)].value, range));
        painter.drawRect(QRectF(box.left() + 11, y + line / 2.0 - 5, 10, 10));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(box.left() + 28, y, width - 38, line), Qt::AlignLeft | Qt::AlignVCenter,
                         rows[i]);
        y += line;
    }
    painter.restore();
}

}  // namespace bridgelc
