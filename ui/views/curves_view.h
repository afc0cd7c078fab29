#pragma once
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>
#include <QWidget>
#include <functional>
#include <vector>

#include "core/train/training_observer.h"

class QCheckBox;
class QLabel;
class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QAbstractAxis;
class QValueAxis;
class QXYSeries;

namespace bridgelc {

/// Training curves of a run, one point per epoch: a loss chart (train total, validation and each loss term
/// the model has) and a score chart (train and validation overall accuracy, validation weighted and macro
/// F1, in percent). Grows live as epochs arrive, marks the best epoch, and can overlay other runs'
/// validation curves dashed for comparison.
class CurvesView : public QWidget {
    Q_OBJECT
public:
    explicit CurvesView(QWidget* parent = nullptr);
    ~CurvesView() override;

    void clear();
    /// Adds one epoch; an epoch number not after the last one starts a new history.
    void appendEpoch(const EpochReport& report);
    /// Replaces the whole history in one go (a saved run, or catching up).
    void setHistory(const std::vector<EpochReport>& history);
    /// Other runs drawn dashed (validation weighted F1 and validation loss), named in the legend.
    void setOverlays(const QList<QPair<QString, std::vector<EpochReport>>>& overlays);
    /// Both charts stacked, as PNG or SVG chosen by the file suffix.
    bool exportImage(const QString& path, const QString& caption = {});

    /// Points in the series of that legend name, or -1 if no series has that name.
    int pointCount(const QString& seriesName) const;
    /// Names of the series currently drawn (hidden terms and hidden-by-click series left out).
    QStringList visibleSeriesNames() const;
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    /// The epoch with the best validation weighted F1 (the one the run keeps), 0 when there is none.
    int bestEpoch() const { return m_bestEpoch; }

private:
    /// One plotted quantity of the own run.
    struct Curve {
        QString name;
        std::function<double(const EpochReport&)> value;
        bool loss = true;       ///< loss chart, else score chart
        bool optional = false;  ///< hidden while every value is 0 (a term the model lacks)
        QLineSeries* series = nullptr;
    };

    void setupCharts();
    QLineSeries* addSeries(QChart* chart, const QString& name, const QColor& color, qreal width,
                           Qt::PenStyle style);
    void updateVisibility();
    void updateBest();
    void rescale();
    void swapLossAxis();
    void showTooltip(QChart* chart, QXYSeries* hovered, const QPointF& point, bool state);
    void toggleByLegend(QXYSeries* series);

    std::vector<EpochReport> m_history;
    std::vector<Curve> m_curves;
    QList<QLineSeries*> m_overlaySeries;
    QSet<QXYSeries*> m_hiddenByUser;
    QChart* m_lossChart = nullptr;
    QChart* m_scoreChart = nullptr;
    QChartView* m_lossView = nullptr;
    QChartView* m_scoreView = nullptr;
    QValueAxis* m_lossX = nullptr;
    QValueAxis* m_scoreX = nullptr;
    QAbstractAxis* m_lossY = nullptr;
    QValueAxis* m_scoreY = nullptr;
    QLineSeries* m_bestLossLine = nullptr;
    QLineSeries* m_bestScoreLine = nullptr;
    QScatterSeries* m_bestMarker = nullptr;
    QCheckBox* m_logBox = nullptr;
    QLabel* m_status = nullptr;
    bool m_log = false;
    int m_bestEpoch = 0;
};

}  // namespace bridgelc
