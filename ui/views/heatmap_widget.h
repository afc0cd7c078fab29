#pragma once
#include <QColor>
#include <QFont>
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
/// the share of the true class (blue on the diagonal, red off it), class names on both axes, a Total and a
/// producer's accuracy column, a Total and a user's accuracy row, overall accuracy in the corner, and a
/// colour scale. Paints through one function so the screen, PNG and SVG look the same.
class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);

    /// `matrix` has names.size() classes; colors one per class.
    void setMatrix(const QStringList& names, const QVector<QColor>& colors, const ConfusionMatrix& matrix);
    void clear();
    int classes() const { return m_names.size(); }
    const QStringList& names() const { return m_names; }
    qint64 count(int trueClass, int predictedClass) const;
    qint64 rowTotal(int trueClass) const;
    qint64 columnTotal(int predictedClass) const;
    qint64 total() const;

    void setShowPercentages(bool on);
    bool showPercentages() const { return m_percent; }
    /// The text shown in a class cell: the count, or the share of the true class in percent ("87.3").
    QString cellText(int trueClass, int predictedClass) const;
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

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    HeatmapLayout layout(const QSizeF& size, const QPaintDevice* device) const;
    void paintLabels(QPainter& painter, const HeatmapLayout& layout) const;
    void paintCells(QPainter& painter, const HeatmapLayout& layout) const;
    void paintLegend(QPainter& painter, const HeatmapLayout& layout) const;
    QString tooltipFor(int trueClass, int predictedClass) const;
    double rowShare(int trueClass, int predictedClass) const;
    QColor fillFor(int trueClass, int predictedClass) const;

    QStringList m_names;
    QVector<QColor> m_colors;
    ConfusionMatrix m_matrix;
    bool m_percent = false;
    int m_selTrue = -1, m_selPred = -1;
    int m_hoverTrue = -1, m_hoverPred = -1;
    QString m_placeholder;
};

}  // namespace bridgelc
