#include "ui/map/attribution_layer.h"

#include <QPainter>

#include "ui/map/viewport.h"

namespace bridgelc {

QString AttributionLayer::text() const {
    QString line =
        tr("Made with Natural Earth · Regions © European Environment Agency (EEA) · ETRS89-LAEA (EPSG:3035)");
    if (!m_extra.isEmpty()) line += QStringLiteral(" · ") + m_extra;
    return line;
}

void AttributionLayer::setExtra(const QString& extra) {
    m_extra = extra;
    Q_EMIT changed();
}

void AttributionLayer::paint(QPainter& painter, const Viewport& viewport) {
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(8);
    painter.setFont(font);
    const QString line = text();
    const QFontMetrics metrics(font, painter.device());  // the painted device's resolution
    const int width = std::min(metrics.horizontalAdvance(line) + 12, viewport.size().width() - 8);
    const QRectF box(viewport.size().width() - width - 4, viewport.size().height() - metrics.height() - 8,
                     width, metrics.height() + 4);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRect(box);
    painter.setPen(QColor(50, 50, 50));
    painter.drawText(box, Qt::AlignCenter, metrics.elidedText(line, Qt::ElideLeft, width - 8));
    painter.restore();
}

}  // namespace bridgelc
