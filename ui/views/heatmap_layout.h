#pragma once
#include <QCoreApplication>
#include <QFont>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>
#include <QTransform>

class QPaintDevice;

namespace bridgelc {

/// Where each part of a HeatmapWidget goes for one list of axis labels (in display order), font and paint
/// device: label widths, the 45-degree column labels, (n + 2) x (n + 2) square cells (classes, then Total and
/// an accuracy), the colour scale on the right. Cells are never smaller than minCell, the size at which
/// neighbouring labels cannot overlap. Measured on the device painted on, so screen, PNG and SVG agree.
struct HeatmapLayout {
    Q_DECLARE_TR_FUNCTIONS(HeatmapLayout)
public:
    static constexpr double kMargin = 8;
    static constexpr double kGap = 5;  ///< between the class block and the summary rows/columns
    static constexpr double kMaxCell = 96;

    /// Measures the parts that do not depend on the cell size; n == 0 (invalid) when there are no labels.
    HeatmapLayout(const QStringList& labels, const QFont& font, const QPaintDevice* device);
    /// Size needed with square cells of `cell` pixels.
    QSizeF extent(double cell) const;
    /// Picks the largest cell that fits `size` (or `fixedCell` when above 0; never below minCell), centres
    /// the figure, and a cell font for numbers up to `largest`.
    void fit(const QSizeF& size, qint64 largest, const QPaintDevice* device, double fixedCell = 0);
    /// The text box of the row label at display position r, for text `textWidth` wide.
    QRectF rowLabelBox(int r, double textWidth) const;
    /// The rotated column label at display position c (swatch and text `textWidth` wide) as painted.
    QPolygonF columnLabelPolygon(int c, double textWidth) const;
    /// Transform of the column label at display position c: origin above the column's centre, x along the
    /// text.
    QTransform columnLabelTransform(int c) const;

    double columnX(int c) const { return offset.x() + left + c * cell + (c >= n ? kGap : 0); }
    double rowY(int r) const { return offset.y() + top + r * cell + (r >= n ? kGap : 0); }
    QRectF cellRect(int r, int c) const { return QRectF(columnX(c), rowY(r), cell, cell); }
    double gridRight() const { return columnX(n + 2); }

    static QString totalLabel() { return tr("Total"); }
    static QString producerLabel() { return tr("Producer's acc."); }
    static QString userLabel() { return tr("User's accuracy"); }
    static QString correctLabel() { return tr("correct"); }
    static QString confusedLabel() { return tr("confused"); }

    bool valid = false;  ///< true once fit() placed the cells
    int n = 0;
    QFont labelFont, titleFont, cellFont;
    double lineHeight = 0, titleHeight = 0, swatch = 0;
    double rowLabelWidth = 0, columnLabelLength = 0;
    double left = 0, top = 0, cell = 0;
    double minCell = 0;    ///< neighbouring rotated labels (lineHeight apart across) do not overlap
    bool decimals = true;  ///< shares get one decimal; false when the cells are too small for "100.0"
    double legendWidth = 0, legendInnerWidth = 0;
    double overflow = 0;  ///< how far the rotated column labels reach right of a column's centre
    QPointF offset;
};

}  // namespace bridgelc
