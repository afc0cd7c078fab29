#pragma once
#include <QVector>
#include <QWidget>

#include "ui/views/heatmap_widget.h"

class QComboBox;
class QLabel;
class QScrollArea;
class QToolButton;

namespace bridgelc {

struct RunResult;
struct Dataset;

/// The test confusion matrix of one run as an interactive heatmap: counts, shares of the true class (rows) or
/// of the predicted class (columns), totals and accuracies; rows and columns sorted as the user picks, zoom
/// and scroll for many classes, class colours following the chosen palette; clicking a cell hands the dataset
/// rows of that (true, predicted) pair to whoever listens.
class ConfusionView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionView(QWidget* parent = nullptr);

    /// Shows run.testConfusion (or, when the run carries test predictions that fit `dataset`, the matrix of
    /// those predictions) and remembers which dataset rows fall into each cell.
    void setResult(const RunResult& run, const Dataset& dataset);
    void clear();
    /// Counts as CSV: header row of predicted classes, one row per true class, totals last.
    bool exportCsv(const QString& path);
    /// The heatmap as PNG or SVG, chosen by the file suffix.
    bool exportImage(const QString& path, const QString& caption = {});

    void setShowPercentages(bool on);
    bool showPercentages() const;
    void setNormalisation(HeatmapWidget::Normalisation normalisation);
    void setSortKey(HeatmapWidget::SortKey key);
    /// Text displayed in a class cell (count or row percentage).
    QString cellText(int trueClass, int predictedClass) const;
    /// A class cell's rectangle in heatmapWidget() coordinates, e.g. for QTest::mouseClick.
    QRect cellRect(int trueClass, int predictedClass) const;
    /// The widget that paints the matrix and receives the clicks.
    HeatmapWidget* heatmapWidget() const;
    /// The scroll area the matrix scrolls in when it is larger than the tab.
    QScrollArea* scrollArea() const { return m_scroll; }
    /// Dataset rows of a cell (empty when the run has no predictions matching the dataset).
    QVector<qint64> rowsOf(int trueClass, int predictedClass) const;

Q_SIGNALS:
    /// A cell was clicked (or reached with the keyboard); datasetRows are the test rows with that truth and
    /// prediction.
    void cellSelected(int trueClass, int predictedClass, const QVector<qint64>& datasetRows);

private:
    void onCellActivated(int trueClass, int predictedClass);
    void recolour();
    void updateZoomButtons();

    HeatmapWidget* m_heatmap = nullptr;
    QScrollArea* m_scroll = nullptr;
    QComboBox* m_values = nullptr;
    QComboBox* m_order = nullptr;
    QToolButton* m_zoomIn = nullptr;
    QToolButton* m_zoomOut = nullptr;
    QToolButton* m_zoomFit = nullptr;
    QLabel* m_summary = nullptr;
    int m_classes = 0;
    QVector<QVector<qint64>> m_cellRows;  ///< m_classes^2 entries, row-major by true class
};

}  // namespace bridgelc
