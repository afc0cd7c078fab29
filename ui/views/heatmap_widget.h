#pragma once
#include <QColor>
#include <QFont>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "core/eval/confusion_matrix.h"

class QPainter;
class QPaintDevice;

namespace bridgelc {

struct HeatmapLayout;

/// A confusion matrix drawn as an error matrix: a heatmap of (true class, predicted class) cells coloured by
/// the share of the true class (or of the predicted class) — blue on the diagonal, red off it — class names
/// on both axes, a Total and a producer's accuracy column, a Total and a user's accuracy row, overall
/// accuracy in the corner, and a colour scale. Rows and columns follow one order the user picks (legend,
/// name, test points, F1, recall, precision), so the diagonal stays the diagonal. Long class names are
/// shortened on the axes (the full name is in the tooltip), cells never get too small for their labels (the
/// widget grows and its scroll area scrolls instead), and the user can zoom. Paints through one function so
/// the screen, PNG and SVG look the same.
class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    /// What a class cell shows and how it is coloured.
    enum class Normalisation {
        Counts,   ///< point counts, coloured by the share of the true class
        ByRow,    ///< share of the true class (the row sums to 100 %; the diagonal is the recall)
        ByColumn  ///< share of the predicted class (the column sums to 100 %; the diagonal is the precision)
    };
    /// The order of the rows and columns.
    enum class SortKey {
        Legend,     ///< the classes' own order
        Name,       ///< alphabetical by class name
        Support,    ///< most test points first
        F1,         ///< highest F1 first; classes without a score last
        Recall,     ///< highest recall (producer's accuracy) first
        Precision,  ///< highest precision (user's accuracy) first
    };

    explicit HeatmapWidget(QWidget* parent = nullptr);

    /// `matrix` has names.size() classes; colors one per class.
    void setMatrix(const QStringList& names, const QVector<QColor>& colors, const ConfusionMatrix& matrix);
    void clear();
    /// New class colours (same count as names()), e.g. after the user chose another palette.
    void setColors(const QVector<QColor>& colors);
    QColor classColor(int classIndex) const;
    int classes() const { return m_names.size(); }
    const QStringList& names() const { return m_names; }
    qint64 count(int trueClass, int predictedClass) const;
    qint64 rowTotal(int trueClass) const;
    qint64 columnTotal(int predictedClass) const;
    qint64 total() const;
    /// Share of the true class (row) or of the predicted class (column); 0 when the row/column is empty.
    double rowShare(int trueClass, int predictedClass) const;
    double columnShare(int trueClass, int predictedClass) const;

    void setShowPercentages(bool on);  ///< ByRow when on, Counts when off
    bool showPercentages() const { return m_normalisation == Normalisation::ByRow; }
    void setNormalisation(Normalisation normalisation);
    Normalisation normalisation() const { return m_normalisation; }
    /// The value a class cell shows: the count, or the row or column share as a fraction (-1: empty line).
    double cellValue(int trueClass, int predictedClass) const;
    /// The text shown in a class cell: the count, or the share in percent ("87.3"), "–" for an empty line.
    QString cellText(int trueClass, int predictedClass) const;

    void setSortKey(SortKey key);
    SortKey sortKey() const { return m_sortKey; }
    /// Class index at each display position (rows top to bottom, columns left to right).
    const QVector<int>& displayOrder() const { return m_order; }
    /// Per-class F1, recall and precision from the matrix; -1 where 0/0 gives no score.
    double classF1(int classIndex) const;
    double classRecall(int classIndex) const;
    double classPrecision(int classIndex) const;

    /// The label a class gets on the axes: its name, shortened with "…" when long.
    QString axisLabel(int classIndex) const;
    /// Where a class's row label text and its rotated column label (swatch and text) are painted, in widget
    /// coordinates; empty when nothing is shown.
    QRectF rowLabelRect(int classIndex) const;
    QPolygonF columnLabelPolygon(int classIndex) const;
    /// The class whose row or column label is under a widget position, or -1.
    int labelAt(const QPoint& pos) const;
    /// Tooltip of a class label: full name, test points and scores.
    QString labelTooltip(int classIndex) const;

    /// Cell size: 0 fits the widget (never below a readable size); otherwise that many pixels per cell.
    void setCellSize(double pixels);
    double requestedCellSize() const { return m_cellSize; }
    /// The cell size currently painted.
    double cellSize() const;
    /// The smallest cell with which no two axis labels overlap and numbers stay legible.
    double minimumCellSize() const;
    void zoomIn();
    void zoomOut();
    void zoomToFit() { setCellSize(0); }

    /// A class cell's rectangle in widget coordinates (empty when out of range or nothing is shown).
    QRect cellRect(int trueClass, int predictedClass) const;
    /// The class cell under a widget position as (true, predicted), or (-1, -1).
    QPair<int, int> cellAt(const QPoint& pos) const;
    /// Marks a cell as selected (-1, -1 for none) without emitting anything.
    void setSelectedCell(int trueClass, int predictedClass);
    QPair<int, int> selectedCell() const { return {m_selTrue, m_selPred}; }
    /// Draws everything into `size` on any paint device (screen, QImage, QSvgGenerator).
    void render(QPainter& painter, const QSizeF& size) const;
    /// Text shown when there is no matrix.
    void setPlaceholderText(const QString& text);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    /// The user clicked a class cell or moved the selection onto it with the keyboard.
    void cellActivated(int trueClass, int predictedClass);
    /// The cell size changed (zoom in, out or to fit).
    void zoomChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    bool event(QEvent* event) override;

private:
    HeatmapLayout layout(const QSizeF& size, const QPaintDevice* device) const;
    HeatmapLayout unfitted(const QPaintDevice* device) const;
    QStringList axisLabels(const QPaintDevice* device) const;
    void paintLabels(QPainter& painter, const HeatmapLayout& layout) const;
    void paintCells(QPainter& painter, const HeatmapLayout& layout) const;
    void paintLegend(QPainter& painter, const HeatmapLayout& layout) const;
    QString tooltipFor(int trueClass, int predictedClass) const;
    QString formatShare(double share, const HeatmapLayout& layout) const;
    QColor fillFor(int trueClass, int predictedClass) const;
    void reorder();

    QStringList m_names;
    QVector<QColor> m_colors;
    ConfusionMatrix m_matrix;
    Normalisation m_normalisation = Normalisation::Counts;
    SortKey m_sortKey = SortKey::Legend;
    QVector<int> m_order;     ///< display position -> class
    QVector<int> m_position;  ///< class -> display position
    double m_cellSize = 0;    ///< 0: fit
    int m_selTrue = -1, m_selPred = -1;
    int m_hoverTrue = -1, m_hoverPred = -1;
    QString m_placeholder;
};

}  // namespace bridgelc
