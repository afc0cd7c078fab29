#include "ui/views/heatmap_layout.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace bridgelc {

namespace {
constexpr double kDiag = 0.70710678;  // sin/cos of the 45 degree column labels
}

HeatmapLayout::HeatmapLayout(const QStringList& names, const QFont& font, const QPaintDevice* device) {
    n = static_cast<int>(names.size());
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
    for (const QString& name : names)
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

void HeatmapLayout::fit(const QSizeF& size, qint64 largest, const QPaintDevice* device) {
    if (n == 0) return;
    const int span = n + 2;
    double best = kMaxCell;
    best = std::min(best, (size.width() - kMargin - left - kGap - legendWidth) / span);
    best = std::min(best, (size.width() - kMargin - left - kGap - overflow) / (span - 0.5));
    best = std::min(best, (size.height() - kMargin - top - kGap) / span);
    cell = std::max(4.0, std::floor(best));
    const QSizeF used = extent(cell);
    // Centred horizontally; vertically a little above centre, where the eye expects a figure.
    offset = QPointF(std::max(0.0, std::floor((size.width() - used.width()) / 2)),
                     std::max(0.0, std::floor((size.height() - used.height()) / 3)));

    // Largest cell font that fits the widest number; never larger than the labels.
    const QString widest(QString::number(std::max<qint64>(largest, 100)).size(), QLatin1Char('8'));
    cellFont = labelFont;
    for (double points = labelFont.pointSizeF() > 0 ? labelFont.pointSizeF() : 9.0; points > 5.0;
         points -= 0.5) {
        cellFont.setPointSizeF(points);
        const QFontMetricsF cfm(cellFont, const_cast<QPaintDevice*>(device));
        const double w =
            std::max(cfm.horizontalAdvance(widest), cfm.horizontalAdvance(QStringLiteral("100.0")));
        if (w <= cell - 6 && cfm.height() <= cell - 2) break;
    }
    valid = true;
}

}  // namespace bridgelc
