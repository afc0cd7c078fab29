#include "ui/map/legend_layer.h"

#include <QLocale>
#include <QPainter>
#include <algorithm>

#include "ui/map/viewport.h"

namespace bridgelc {

void LegendLayer::setContent(const QString& title, const QString& subtitle,
                             std::vector<LegendEntry> entries) {
    m_title = title;
    m_subtitle = subtitle;
    m_entries = std::move(entries);
    Q_EMIT changed();
}

void LegendLayer::paint(QPainter& painter, const Viewport& viewport) {
    if (m_entries.empty() && m_title.isEmpty()) return;
    painter.save();
    QFont font = painter.font();
    font.setPointSizeF(9);
    painter.setFont(font);
    const QFontMetrics metrics(font, painter.device());  // the painted device's resolution
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold, painter.device());
    const int line = metrics.height() + 3;
    QStringList labels;
    for (const LegendEntry& e : m_entries)
        labels << (e.count >= 0
                       ? QStringLiteral("%1  (%2)").arg(e.label, QLocale().toString(qlonglong(e.count)))
                       : e.label);
    int width = std::max(boldMetrics.horizontalAdvance(m_title) + 6, metrics.horizontalAdvance(m_subtitle));
    for (const QString& label : labels)
        width = std::max(width, 22 + metrics.horizontalAdvance(label));
    width = std::min(width + 20, viewport.size().width() / 2);
    const int height = 12 + line * (2 + int(labels.size()));
    const QRectF box(viewport.size().width() - width - 12, 12, width, height);
    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.setBrush(QColor(255, 255, 255, 225));
    painter.drawRoundedRect(box, 4, 4);
    double y = box.top() + 6;
    painter.setPen(Qt::black);
    painter.setFont(bold);
    painter.drawText(QRectF(box.left() + 10, y, width - 20, line), Qt::AlignLeft | Qt::AlignVCenter,
                     boldMetrics.elidedText(m_title, Qt::ElideMiddle, width - 20));
    y += line;
    painter.setFont(font);
    painter.setPen(QColor(70, 70, 70));
    painter.drawText(QRectF(box.left() + 10, y, width - 20, line), Qt::AlignLeft | Qt::AlignVCenter,
                     m_subtitle);
    y += line;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        painter.setPen(QPen(QColor(60, 60, 60), 0.8));
        painter.setBrush(m_entries[i].color);
        painter.drawEllipse(QPointF(box.left() + 17, y + line / 2.0), 5.0, 5.0);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(box.left() + 30, y, width - 40, line), Qt::AlignLeft | Qt::AlignVCenter,
                         labels[int(i)]);
        y += line;
    }
    painter.restore();
}

}  // namespace bridgelc
