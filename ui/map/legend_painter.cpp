#include "ui/map/legend_painter.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <algorithm>

#include "ui/map/text_wrap.h"

namespace bridgelc {

LegendPainter::LegendPainter(QPaintDevice* device, qreal pointSize) : m_device(device) {
    m_font.setPointSizeF(pointSize);
    m_bold = m_font;
    m_bold.setBold(true);
    // Metrics of the device painted on: a widget and an export image may differ in resolution.
    m_line = QFontMetricsF(m_font, device).height() + 3;
}

std::pair<int, int> LegendPainter::entryWindow(const LegendSection& s) {
    const int n = int(s.entries.size());
    if (!s.isScrolled()) return {0, n};
    const int first = std::clamp(s.firstEntry, 0, std::max(0, n - s.visibleEntries));
    return {first, std::min(n, first + s.visibleEntries)};
}

QRectF LegendPainter::upArrow(const QRectF& footer) {
    return QRectF(footer.right() - 2 * footer.height(), footer.top(), footer.height(), footer.height());
}

QRectF LegendPainter::downArrow(const QRectF& footer) {
    return QRectF(footer.right() - footer.height(), footer.top(), footer.height(), footer.height());
}

QString LegendPainter::entryLabel(const LegendEntry& e) const {
    return e.count >= 0 ? QStringLiteral("%1  (%2)").arg(e.label, QLocale().toString(qlonglong(e.count)))
                        : e.label;
}

qreal LegendPainter::naturalWidth(const std::vector<LegendSection>& sections) const {
    const QFontMetricsF metrics(m_font, m_device), bold(m_bold, m_device);
    qreal width = 0;
    for (const LegendSection& s : sections) {
        for (const QString& line : s.title.split(QLatin1Char('\n')))
            width = std::max(width, bold.horizontalAdvance(line) + 4);
        for (const QString& note : s.notes)
            width = std::max(width, metrics.horizontalAdvance(note) + 4);
        for (const LegendEntry& e : s.entries)
            width = std::max(width, kSwatch + metrics.horizontalAdvance(entryLabel(e)) + 4);
        if (!s.ramp.empty()) width = std::max(width, kRampWidth);
    }
    return width + 2 * kPadding;
}

qreal LegendPainter::height(const LegendSection& s, qreal width, bool folded) const {
    const qreal inner = width - 2 * kPadding;
    qreal h = m_line * wrapText(s.title, m_bold, m_device, inner).size();
    if (folded) return h;
    for (const QString& note : s.notes)
        h += m_line * wrapText(note, m_font, m_device, inner).size();
    if (!s.ramp.empty()) h += kRampHeight + m_line + 2;
    const auto [first, last] = entryWindow(s);
    for (int i = first; i < last; ++i)
        h += m_line *
             wrapText(entryLabel(s.entries[std::size_t(i)]), m_font, m_device, inner - kSwatch).size();
    if (s.isScrolled()) h += m_line;
    return h;
}

qreal LegendPainter::paint(QPainter& painter, const LegendSection& s, QPointF topLeft, qreal width,
                           bool folded) const {
    const qreal inner = width - 2 * kPadding, left = topLeft.x() + kPadding;
    qreal y = topLeft.y();
    painter.save();
    auto drawLines = [&](const QStringList& lines, qreal x, qreal w, const QColor& colour) {
        painter.setPen(colour);
        for (const QString& line : lines) {
            painter.drawText(QRectF(x, y, w, m_line), Qt::AlignLeft | Qt::AlignVCenter, line);
            y += m_line;
        }
    };
    painter.setFont(m_bold);
    drawLines(wrapText(s.title, m_bold, m_device, inner), left, inner, QColor(0, 0, 0));
    if (!folded) {
        painter.setFont(m_font);
        for (const QString& note : s.notes)
            drawLines(wrapText(note, m_font, m_device, inner), left, inner, QColor(70, 70, 70));
        if (!s.ramp.empty()) {
            QLinearGradient gradient(left, 0, left + kRampWidth, 0);
            for (std::size_t i = 0; i < s.ramp.size(); ++i)
                gradient.setColorAt(s.ramp.size() > 1 ? double(i) / double(s.ramp.size() - 1) : 0.0,
                                    s.ramp[i]);
            const QRectF ramp(left, y + 2, std::min<qreal>(kRampWidth, inner), kRampHeight);
            painter.setPen(QPen(QColor(90, 90, 90), 0.8));
            painter.setBrush(gradient);
            painter.drawRect(ramp);
            y += kRampHeight + 2;
            painter.setPen(QColor(50, 50, 50));
            painter.drawText(QRectF(ramp.left(), y, ramp.width(), m_line), Qt::AlignLeft | Qt::AlignVCenter,
                             s.rampLow);
            painter.drawText(QRectF(ramp.left(), y, ramp.width(), m_line), Qt::AlignRight | Qt::AlignVCenter,
                             s.rampHigh);
            y += m_line;
        }
        const auto [first, last] = entryWindow(s);
        for (int i = first; i < last; ++i) {
            const LegendEntry& e = s.entries[std::size_t(i)];
            const QPointF centre(left + 7, y + m_line / 2.0);
            painter.setPen(e.hollow ? QPen(e.color, 2.0) : QPen(QColor(60, 60, 60), 0.8));
            painter.setBrush(e.hollow ? QBrush(Qt::NoBrush) : QBrush(e.color));
            if (s.squareSwatches)
                painter.drawRect(QRectF(centre - QPointF(5, 5), QSizeF(10, 10)));
            else
                painter.drawEllipse(centre, 5.0, 5.0);
            drawLines(wrapText(entryLabel(e), m_font, m_device, inner - kSwatch), left + kSwatch,
                      inner - kSwatch, QColor(0, 0, 0));
        }
        if (s.isScrolled()) {
            // Which entries are shown and that the rest is a scroll away (wheel, or the arrows).
            QFont small = m_font;
            small.setItalic(true);
            painter.setFont(small);
            painter.setPen(QColor(70, 70, 70));
            const QRectF footer(left, y, inner, m_line);
            painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
                             QCoreApplication::translate("LegendPainter", "%1–%2 of %3 · scroll for more")
                                 .arg(first + 1)
                                 .arg(last)
                                 .arg(s.entries.size()));
            painter.setFont(m_bold);
            painter.setPen(first > 0 ? QColor(30, 30, 30) : QColor(190, 190, 190));
            painter.drawText(upArrow(footer), Qt::AlignCenter, QStringLiteral("▲"));
            painter.setPen(last < int(s.entries.size()) ? QColor(30, 30, 30) : QColor(190, 190, 190));
            painter.drawText(downArrow(footer), Qt::AlignCenter, QStringLiteral("▼"));
            y += m_line;
        }
    }
    painter.restore();
    return y - topLeft.y();
}

}  // namespace bridgelc
