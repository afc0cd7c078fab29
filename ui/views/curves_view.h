#pragma once
#include <QList>
#include <QPair>
#include <QPointF>
#include <QSet>
#include <QString>
#include <QWidget>
#include <functional>
#include <vector>

#include "core/train/training_observer.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QAbstractAxis;
class QValueAxis;
class QXYSeries;

namespace bridgelc {

/// Training curves of a run, one point per epoch (or per block of trees, or per boosting round): a loss
/// chart with one loss term at a time, train against validation under the same definition (the total or
/// each term the model has, chosen in a list), and a score chart (train and validation overall accuracy,
/// validation weighted and macro F1, in percent). Grows live, marks the step the model keeps, and can
/// overlay other runs' validation curves dashed for comparison.
class CurvesView : public QWidget {
    Q_OBJECT
public:
    /// The loss quantity the loss chart plots, for train and validation alike.
    enum class LossTerm {
        LandCover,   ///< cross-entropy of the land-cover head (log-loss for trees)
        Total,       ///< land cover + region + lambda x contrastive, as trained
        Region,      ///< cross-entropy of the region head
        Contrastive  ///< supervised contrastive loss (before lambda)
    };

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
    /// The points of the series of that legend name (empty if none), for tests.
    QList<QPointF> seriesPoints(const QString& seriesName) const;
    /// The loss chart and the score chart, for tests and screenshots.
    QList<QChart*> charts() const { return {m_lossChart, m_scoreChart}; }
    /// Names of the series currently drawn (hidden terms and hidden-by-click series left out).
    QStringList visibleSeriesNames() const;
    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    /// The step the run keeps (best validation weighted F1, lowest boosting log-loss, the whole forest), 0
    /// when there is none.
    int bestEpoch() const { return m_bestEpoch; }

    void setLossTerm(LossTerm term);
    LossTerm lossTerm() const { return m_term; }
    /// The terms the current history has, in the order the list offers them.
    QList<LossTerm> lossTermsOffered() const { return m_offered; }
    QString lossAxisTitle() const;
    QString stepAxisTitle() const;
    QString statusText() const;

private:
    /// One plotted quantity of the own run.
    struct Curve {
        QString name;
        std::function<double(const EpochReport&)> value;  ///< score curves; loss curves use the chosen term
        bool loss = true;                                 ///< loss chart, else score chart
        bool validation = false;                          ///< a loss curve of the validation rows
        QLineSeries* series = nullptr;
    };

    double valueOf(const Curve& curve, const EpochReport& report) const;
    bool hasPoint(const Curve& curve, const EpochReport& report) const;
    QList<QPointF> pointsOf(const Curve& curve) const;
    void updateTerms();
    void replotLoss();
    void updateAxisTitles();

    void setupCharts();
    QLineSeries* addSeries(QChart* chart, const QString& name, const QColor& color, qreal width,
                           Qt::PenStyle style);
    void updateVisibility();
    void updateBest();
    void rescale();
    void swapLossAxis();
    void alignPlotAreas();
    static constexpr int kChartMargin = 4;  ///< around each chart, before alignPlotAreas() adds to it
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
    QComboBox* m_termBox = nullptr;
    QList<LossTerm> m_offered;
    LossTerm m_term = LossTerm::LandCover;    ///< plotted
    LossTerm m_wanted = LossTerm::LandCover;  ///< chosen by the user; plotted whenever the run has it
    QList<QPair<QString, std::vector<EpochReport>>> m_overlayHistories;
    QLabel* m_status = nullptr;
    bool m_log = false;
    int m_bestEpoch = 0;
};

}  // namespace bridgelc
