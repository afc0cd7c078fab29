#include "ui/map/attribution_layer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "ui/map/text_wrap.h"
#include "ui/map/viewport.h"

namespace bridgelc {

namespace {

// Width kept free at the left for the scale bar and north arrow.
constexpr qreal kScaleBarRoom = 300;

}  // namespace

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

QFont AttributionLayer::font() const {
    QFont f;
    f.setPointSizeF(8);
    return f;
}

QStringList AttributionLayer::lines(const Viewport& viewport, QPaintDevice* device) const {
    const qreal width = viewport.size().width();
    // Beside the scale bar when there is room, else across the whole width (the scale bar sits higher).
    const qreal room = width - kScaleBarRoom >= 260 ? width - kScaleBarRoom : width - 8;
    // Break at the " · " between credits first, so each credit stays whole on a line when it can.
    const QFontMetricsF metrics(font(), device);
    QStringList out;
    QString current;
    for (const QString& credit : text().split(QStringLiteral(" · "))) {
        const QString joined = current.isEmpty() ? credit : current + QStringLiteral(" · ") + credit;
        if (metrics.horizontalAdvance(joined) + 12 <= room) {
            current = joined;
            continue;
        }
        if (!current.isEmpty()) out << current;
        current.clear();
        const QStringList wrapped = wrapText(credit, font(), device, room - 12);
        for (int i = 0; i + 1 < wrapped.size(); ++i)
            out << wrapped[i];
        current = wrapped.isEmpty() ? QString() : wrapped.back();
    }
    if (!current.isEmpty()) out << current;
    return out;
}

void AttributionLayer::paint(QPainter& painter, const Viewport& viewport) {
    painter.save();
    painter.setFont(font());
    const QFontMetricsF metrics(font(), painter.device());  // the painted device's resolution
    const QStringList wrapped = lines(viewport, painter.device());
    qreal width = 0;
    for (const QString& line : wrapped)
        width = std::max(width, metrics.horizontalAdvance(line));
    width += 12;
    const qreal line = metrics.height(), height = line * wrapped.size() + 4;
    m_box = QRectF(viewport.size().width() - width - 4, viewport.size().height() - height - 4, width, height);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 210));
    painter.drawRect(m_box);
    painter.setPen(QColor(50, 50, 50));
    for (int i = 0; i < wrapped.size(); ++i)
        painter.drawText(QRectF(m_box.left() + 6, m_box.top() + 2 + i * line, width - 12, line),
                         Qt::AlignRight | Qt::AlignVCenter, wrapped[i]);
    painter.restore();
}

}  // namespace bridgelc
