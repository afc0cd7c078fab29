#include "ui/views/heatmap_layout.h"

#include <QFontMetricsF>
#include <QTransform>
#include <algorithm>
#include <cmath>

namespace bridgelc {

namespace {
constexpr double kDiag = 0.70710678;  // sin/cos of the 45 degree column labels
}

HeatmapLayout::HeatmapLayout(const QStringList& labels, const QFont& font, const QPaintDevice* device) {
    n = static_cast<int>(labels.size());
    if (n == 0) return;
    auto* dev = const_cast<QPaintDevice*>(device);
    labelFont = font;
    titleFont = font;
    titleFont.setBold(true);
    const QFontMetricsF fm(labelFont, dev);
    const QFontMetricsF tfm(titleFont, dev);
    lineHeight = fm.height();
    titleHeight = tfm.height();
    swatch = std::round(fm.height() * 0.7);
    double nameWidth = 0;
    for (const QString& name : labels)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(name));
    nameWidth += swatch + 4;
    const double total = fm.horizontalAdvance(totalLabel());
    rowLabelWidth = std::max({nameWidth, total, fm.horizontalAdvance(userLabel())});
    columnLabelLength = std::max({nameWidth, total, fm.horizontalAdvance(producerLabel())});
    left = kMargin + titleHeight + 8 + rowLabelWidth + 6;
    overflow = (columnLabelLength + lineHeight / 2) * kDiag;
    top = kMargin + titleHeight + 6 + overflow + 6;
    const double scaleWidth = 12 + 3 + 12 + 4 + fm.horizontalAdvance(QStringLiteral("100%"));
    const double keyWidth =
        swatch + 4 + std::max(fm.horizontalAdvance(correctLabel()), fm.horizontalAdvance(confusedLabel()));
    legendInnerWidth = std::max(scaleWidth, keyWidth);
    legendWidth = 18 + legendInnerWidth + 6 + titleHeight;
    // Column labels at 45 degrees lie cell x sin(45) apart across their text: at least a line of text.
    // Rows need only lineHeight, so this bound covers them too.
    minCell = std::ceil(lineHeight / kDiag) + 1;
}

QRectF HeatmapLayout::rowLabelBox(int r, double textWidth) const {
    const double right = columnX(0) - 6;
    return QRectF(right - textWidth, rowY(r) + (cell - lineHeight) / 2, textWidth, lineHeight);
}

QTransform HeatmapLayout::columnLabelTransform(int c) const {
    QTransform transform;
    transform.translate(columnX(c) + cell / 2, rowY(0) - 5);
    transform.rotate(-45);
    return transform;
}

QPolygonF HeatmapLayout::columnLabelPolygon(int c, double textWidth) const {
    const double swatchPart = c < n ? swatch + 4 : 0;
    return columnLabelTransform(c).map(QRectF(0, -lineHeight / 2, swatchPart + textWidth, lineHeight));
}

QSizeF HeatmapLayout::extent(double cellSize) const {
    if (n == 0) return QSizeF(360, 240);
    const int span = n + 2;
    const double width = std::max(left + span * cellSize + kGap + legendWidth,
                                  left + (span - 0.5) * cellSize + kGap + overflow) +
                         kMargin;
    const double height = top + span * cellSize + kGap + kMargin;
    return QSizeF(std::ceil(width), std::ceil(height));
}

void HeatmapLayout::fit(const QSizeF& size, qint64 largest, const QPaintDevice* device, double fixedCell) {
    if (n == 0) return;
    const int span = n + 2;
    double best = kMaxCell;
    best = std::min(best, (size.width() - kMargin - left - kGap - legendWidth) / span);
    best = std::min(best, (size.width() - kMargin - left - kGap - overflow) / (span - 0.5));
    best = std::min(best, (size.height() - kMargin - top - kGap) / span);
    cell = std::max(minCell, fixedCell > 0 ? std::round(fixedCell) : std::floor(best));
    const QSizeF used = extent(cell);
    // Centred horizontally; vertically a little above centre, where the eye expects a figure.
    offset = QPointF(std::max(0.0, std::floor((size.width() - used.width()) / 2)),
                     std::max(0.0, std::floor((size.height() - used.height()) / 3)));

    // Largest cell font that fits the widest number; never larger than the labels. Shares drop their
    // decimal before the numbers get too small to read.
    const QString widest(QString::number(std::max<qint64>(largest, 100)).size(), QLatin1Char('8'));
    const double largestPoints = labelFont.pointSizeF() > 0 ? labelFont.pointSizeF() : 9.0;
    for (const bool withDecimal : {true, false}) {
        decimals = withDecimal;
        const QString share = withDecimal ? QStringLiteral("100.0") : QStringLiteral("100");
        const double smallest = withDecimal ? 7.0 : 5.0;
        cellFont = labelFont;
        bool fits = false;
        for (double points = largestPoints; points >= smallest && !fits; points -= 0.5) {
            cellFont.setPointSizeF(points);
            const QFontMetricsF cfm(cellFont, const_cast<QPaintDevice*>(device));
            const double w = std::max(cfm.horizontalAdvance(widest), cfm.horizontalAdvance(share));
            fits = w <= cell - 6 && cfm.height() <= cell - 2;
        }
        if (fits) break;
    }
    valid = true;
}

}  // namespace bridgelc
