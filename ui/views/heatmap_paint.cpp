// HeatmapWidget, drawing half: cell colours, labels, cells and legend, for the screen and for exports.
#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/views/heatmap_layout.h"
#include "ui/views/heatmap_widget.h"

namespace bridgelc {

namespace {

const QColor kCorrect(8, 81, 156);    // ColorBrewer Blues, darkest
const QColor kConfused(203, 24, 29);  // ColorBrewer Reds, darkest
const QColor kSummaryFill(241, 242, 244);
const QColor kEmptyFill(250, 250, 250);

// Colour intensity of a share: the square root lifts the small off-diagonal shares that matter most.
double intensity(double share) {
    return std::sqrt(std::clamp(share, 0.0, 1.0));
}

QColor blend(const QColor& to, double t) {
    const double s = 0.04 + 0.96 * t;
    return QColor::fromRgbF(1.0 + (to.redF() - 1.0) * s, 1.0 + (to.greenF() - 1.0) * s,
                            1.0 + (to.blueF() - 1.0) * s);
}

QColor textOn(const QColor& fill) {
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance < 0.5 ? QColor(Qt::white) : QColor(20, 20, 20);
}

}  // namespace

QColor HeatmapWidget::fillFor(int t, int p) const {
    if (count(t, p) == 0) return kEmptyFill;
    const double share = m_normalisation == Normalisation::ByColumn ? columnShare(t, p) : rowShare(t, p);
    return blend(t == p ? kCorrect : kConfused, intensity(share));
}

void HeatmapWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render(painter, QSizeF(size()));
}

void HeatmapWidget::render(QPainter& painter, const QSizeF& size) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QColor background = palette().color(QPalette::Base);
    painter.fillRect(QRectF(QPointF(0, 0), size), background);
    const HeatmapLayout l = layout(size, painter.device());
    if (!l.valid) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        painter.restore();
        return;
    }
    paintLabels(painter, l);
    paintCells(painter, l);
    paintLegend(painter, l);
    painter.restore();
}

void HeatmapWidget::paintLabels(QPainter& painter, const HeatmapLayout& l) const {
    const int n = l.n;
    const double cell = l.cell;
    const QColor text = palette().color(QPalette::Text);

    // Axis titles.
    painter.setFont(l.titleFont);
    painter.setPen(text);
    const double titleTop = l.offset.y() + HeatmapLayout::kMargin;
    const double labelsLeft = l.columnX(0) + cell / 2;
    painter.drawText(
        QRectF(labelsLeft, titleTop, l.columnX(n - 1) + cell / 2 + l.overflow - labelsLeft, l.titleHeight),
        Qt::AlignCenter, tr("Predicted class"));
    painter.save();
    painter.translate(l.offset.x() + HeatmapLayout::kMargin, l.rowY(0) + n * cell);
    painter.rotate(-90);
    painter.drawText(QRectF(0, 0, n * cell, l.titleHeight), Qt::AlignCenter, tr("True class"));
    painter.restore();

    // Column labels at 45 degrees, starting just above each column's centre.
    painter.setFont(l.labelFont);
    const QStringList labels = axisLabels(painter.device());
    for (int c = 0; c < n + 2; ++c) {
        const QString label =
            c < n ? labels[c] : (c == n ? HeatmapLayout::totalLabel() : HeatmapLayout::producerLabel());
        painter.save();
        painter.setTransform(l.columnLabelTransform(c), true);
        double x = 0;
        if (c < n) {
            painter.fillRect(QRectF(0, -l.swatch / 2, l.swatch, l.swatch), m_colors[m_order[c]]);
            x = l.swatch + 4;
        }
        painter.setPen(c < n ? text : palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(x, -l.lineHeight / 2, l.columnLabelLength, l.lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, label);
        painter.restore();
    }

    // Row labels, right-aligned against the grid, class swatch before the name.
    const QFontMetricsF fm(l.labelFont, painter.device());
    for (int r = 0; r < n + 2; ++r) {
        const QString label =
            r < n ? labels[r] : (r == n ? HeatmapLayout::totalLabel() : HeatmapLayout::userLabel());
        const QRectF box = l.rowLabelBox(r, fm.horizontalAdvance(label));
        painter.setPen(r < n ? text : palette().color(QPalette::PlaceholderText));
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, label);
        if (r < n) {
            const double x = box.left() - 4 - l.swatch;
            painter.fillRect(QRectF(x, box.center().y() - l.swatch / 2, l.swatch, l.swatch),
                             m_colors[m_order[r]]);
        }
    }
}

void HeatmapWidget::paintCells(QPainter& painter, const HeatmapLayout& l) const {
    const int n = l.n;
    const QColor text = palette().color(QPalette::Text);
    painter.setFont(l.cellFont);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    for (int r = 0; r < n + 2; ++r) {
        for (int c = 0; c < n + 2; ++c) {
            const QRectF box = l.cellRect(r, c).adjusted(0.5, 0.5, -0.5, -0.5);
            // Display positions to classes (only meaningful inside the class block).
            const int t = r < n ? m_order[r] : -1, p = c < n ? m_order[c] : -1;
            QString label;
            QColor fill = kSummaryFill, pen = text;
            bool bold = false;
            if (r < n && c < n) {
                fill = fillFor(t, p);
                pen = count(t, p) == 0 ? muted : textOn(fill);
                label = m_normalisation == Normalisation::Counts ? QString::number(count(t, p))
                                                                 : formatShare(cellValue(t, p), l);
            } else if (c == n && r < n) {
                label = QString::number(rowTotal(t));
            } else if (r == n && c < n) {
                label = QString::number(columnTotal(p));
            } else if (r == n && c == n) {
                label = QString::number(total());
                bold = true;
            } else if (c == n + 1 && r < n) {
                label = formatShare(classRecall(t), l);
            } else if (r == n + 1 && c < n) {
                label = formatShare(classPrecision(p), l);
            } else if (r == n + 1 && c == n + 1) {
                label = formatShare(total() > 0 ? double(m_matrix.correct()) / double(total()) : -1.0, l);
                bold = true;
            } else {
                continue;  // the two corners where Total meets an accuracy
            }
            painter.fillRect(box, fill);
            QFont f = l.cellFont;
            f.setBold(bold);
            painter.setFont(f);
            painter.setPen(pen);
            painter.drawText(box, Qt::AlignCenter, label);
        }
    }

    // Hover and selection outlines.
    painter.setBrush(Qt::NoBrush);
    if (m_hoverTrue >= 0 && (m_hoverTrue != m_selTrue || m_hoverPred != m_selPred)) {
        painter.setPen(QPen(QColor(60, 60, 60), 1.5));
        painter.drawRect(l.cellRect(m_position[m_hoverTrue], m_position[m_hoverPred]).adjusted(1, 1, -1, -1));
    }
    if (m_selTrue >= 0) {
        painter.setPen(QPen(QColor(255, 170, 0), 3));
        painter.drawRect(
            l.cellRect(m_position[m_selTrue], m_position[m_selPred]).adjusted(1.5, 1.5, -1.5, -1.5));
    }
}

// Colour scale: two bars (diagonal, off-diagonal) with ticks on the square-root scale actually used.
void HeatmapWidget::paintLegend(QPainter& painter, const HeatmapLayout& l) const {
    const int n = l.n;
    const QColor text = palette().color(QPalette::Text);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    painter.setFont(l.labelFont);
    const double legendX = l.gridRight() + 18;
    const double barTop = l.rowY(0);
    const double barHeight = n * l.cell;
    const double barBottom = barTop + barHeight;
    for (int i = 0; i < 2; ++i) {
        const QColor hue = i == 0 ? kCorrect : kConfused;
        QLinearGradient gradient(0, barBottom, 0, barTop);
        gradient.setColorAt(0, blend(hue, 0));
        gradient.setColorAt(1, blend(hue, 1));
        const QRectF bar(legendX + i * 15, barTop, 12, barHeight);
        painter.fillRect(bar, gradient);
        painter.setPen(QPen(muted, 0.8));
        painter.drawRect(bar);
    }
    const double tickX = legendX + 27;
    for (double share : {0.0, 0.05, 0.25, 0.5, 1.0}) {
        const double y = barBottom - intensity(share) * barHeight;
        painter.setPen(QPen(text, 1));
        painter.drawLine(QPointF(tickX, y), QPointF(tickX + 3, y));
        painter.drawText(QRectF(tickX + 5, y - l.lineHeight / 2, l.legendInnerWidth, l.lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                         QString::number(share * 100) + QLatin1Char('%'));
    }
    painter.save();
    painter.setFont(l.titleFont);
    painter.setPen(text);
    painter.translate(legendX + l.legendInnerWidth + 6, barBottom);
    painter.rotate(-90);
    painter.drawText(QRectF(0, 0, barHeight, l.titleHeight), Qt::AlignCenter,
                     m_normalisation == Normalisation::ByColumn ? tr("Share of predicted class")
                                                                : tr("Share of true class"));
    painter.restore();
    for (int i = 0; i < 2; ++i) {
        const double y = l.rowY(n) + i * (l.lineHeight + 2) + 2;
        painter.fillRect(QRectF(legendX, y + (l.lineHeight - l.swatch) / 2, l.swatch, l.swatch),
                         blend(i == 0 ? kCorrect : kConfused, 0.8));
        painter.setPen(text);
        painter.drawText(QRectF(legendX + l.swatch + 4, y, l.legendInnerWidth, l.lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                         i == 0 ? HeatmapLayout::correctLabel() : HeatmapLayout::confusedLabel());
    }
}

}  // namespace bridgelc
