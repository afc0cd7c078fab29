// CurvesView, axes half: ranges that follow the data, the log-scale switch and moving the loss axis
// between linear and logarithmic.
#include <QChart>
#include <QCheckBox>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/common/chart_axis.h"
#include "ui/views/curves_view.h"

namespace bridgelc {

void CurvesView::rescale() {
    double maxEpoch = 0;
    double lossMax = 0, lossMinPositive = std::numeric_limits<double>::infinity();
    double scoreMin = std::numeric_limits<double>::infinity(), scoreMax = -scoreMin;
    for (QAbstractSeries* abstract : m_lossChart->series() + m_scoreChart->series()) {
        auto* series = qobject_cast<QXYSeries*>(abstract);
        if (!series || !series->isVisible() || series == m_bestLossLine || series == m_bestScoreLine)
            continue;
        const bool loss = series->chart() == m_lossChart;
        // A line of one point draws nothing: a run stopped after one epoch shows its point as a marker.
        const bool marker = series->count() == 1;
        if (series->pointsVisible() != marker) series->setPointsVisible(marker);
        for (const QPointF& p : series->points()) {
            maxEpoch = std::max(maxEpoch, p.x());
            if (!std::isfinite(p.y())) continue;
            if (loss) {
                lossMax = std::max(lossMax, p.y());
                if (p.y() > 0) lossMinPositive = std::min(lossMinPositive, p.y());
            } else {
                scoreMin = std::min(scoreMin, p.y());
                scoreMax = std::max(scoreMax, p.y());
            }
        }
    }
    // The axis ends at the last epoch (a 3-epoch run is not drawn over 5); one epoch gets half an epoch of
    // room either side so its point is not on the frame.
    const double epochLow = maxEpoch > 1 ? 1.0 : 0.5, epochHigh = maxEpoch > 1 ? maxEpoch : 1.5;
    const double epochStep = std::max(1.0, niceTickInterval(std::max(1.0, epochHigh - 1), 10));
    for (QValueAxis* x : {m_lossX, m_scoreX}) {
        setRangeIfChanged(x, epochLow, epochHigh);
        setDynamicTicks(x, epochStep);
    }

    double lossLow = 0, lossHigh = 1;
    if (m_log) {
        // Labels sit at powers of the base only: base 2 gives enough of them for the usual 10x span of a
        // loss.
        double base = 10;
        if (std::isfinite(lossMinPositive)) {
            base = lossMax / lossMinPositive < 500 ? 2 : 10;
            const double logBase = std::log(base);
            lossLow = std::pow(base, std::floor(std::log(lossMinPositive / 1.05) / logBase));
            lossHigh = std::pow(base, std::ceil(std::log(lossMax * 1.05) / logBase));
        } else {
            lossLow = 0.01;
            lossHigh = 10;
        }
        auto* axis = static_cast<QLogValueAxis*>(m_lossY);
        if (axis->base() != base) axis->setBase(base);
        if (axis->minorTickCount() != (base == 2 ? 0 : 8)) axis->setMinorTickCount(base == 2 ? 0 : 8);
        setRangeIfChanged(axis, lossLow, lossHigh);
    } else {
        if (lossMax > 0) {
            const double step = niceTickInterval(lossMax * 1.05, 6);
            lossHigh = niceRange(0, lossMax * 1.05, step).high;
            auto* axis = static_cast<QValueAxis*>(m_lossY);
            setDynamicTicks(axis, step);
            const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step))));
            const QString format = QStringLiteral("%.%1f").arg(decimals);
            if (axis->labelFormat() != format) axis->setLabelFormat(format);
        }
        setRangeIfChanged(m_lossY, lossLow, lossHigh);
    }

    double scoreLow = 0, scoreHigh = 100;
    if (std::isfinite(scoreMin)) {
        const double step = niceTickInterval(std::max(scoreMax - scoreMin, 5.0), 6);
        const NiceRange range = niceRange(scoreMin - 1, scoreMax + 1, step);
        scoreLow = std::max(0.0, range.low);
        scoreHigh = std::min(100.0, range.high);
        setDynamicTicks(m_scoreY, step);
    }
    setRangeIfChanged(m_scoreY, scoreLow, scoreHigh);

    if (m_bestEpoch > 0) {
        replaceIfChanged(m_bestLossLine, {QPointF(m_bestEpoch, lossLow), QPointF(m_bestEpoch, lossHigh)});
        replaceIfChanged(m_bestScoreLine, {QPointF(m_bestEpoch, scoreLow), QPointF(m_bestEpoch, scoreHigh)});
    } else {
        clearIfNotEmpty(m_bestLossLine);
        clearIfNotEmpty(m_bestScoreLine);
    }
}

void CurvesView::alignPlotAreas() {
    // The loss and score plots share the epoch axis: their plot areas start and end at the same x, whatever
    // the widths of their value labels and legends. The margins that would give each its natural plot area
    // are found by removing what was added before; the narrower side of each gets the difference.
    constexpr int base = kChartMargin;
    QChart* charts[] = {m_lossChart, m_scoreChart};
    double naturalLeft[2], naturalRight[2];
    for (int i = 0; i < 2; ++i) {
        const QRectF area = charts[i]->plotArea();
        const QMargins margins = charts[i]->margins();
        naturalLeft[i] = area.left() - (margins.left() - base);
        naturalRight[i] = charts[i]->size().width() - area.right() - (margins.right() - base);
    }
    const double left = std::max(naturalLeft[0], naturalLeft[1]);
    const double right = std::max(naturalRight[0], naturalRight[1]);
    for (int i = 0; i < 2; ++i) {
        const QMargins wanted(base + int(std::lround(left - naturalLeft[i])), base,
                              base + int(std::lround(right - naturalRight[i])), base);
        if (charts[i]->margins() != wanted) charts[i]->setMargins(wanted);
    }
}

void CurvesView::setLogScale(bool on) {
    if (on == m_log) return;
    m_log = on;
    const QSignalBlocker block(m_logBox);
    m_logBox->setChecked(on);
    swapLossAxis();
}

void CurvesView::swapLossAxis() {
    QAbstractAxis* fresh = nullptr;
    if (m_log) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%.3g"));
        axis->setMinorTickCount(8);
        fresh = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.2f"));
        fresh = axis;
    }
    // Series keep their old domain while changing axes; a positive one spares the log axis from zeros.
    m_lossY->setRange(0.01, 10);
    m_bestLossLine->clear();  // ends at the linear axis' 0; rescale() redraws it
    // Detach and remove the old axis before adding the new one; otherwise its labels linger on screen.
    for (QAbstractSeries* series : m_lossChart->series())
        series->detachAxis(m_lossY);
    m_lossChart->removeAxis(m_lossY);
    delete m_lossY;
    m_lossY = fresh;
    fresh->setRange(0.01, 10);
    fresh->setTitleText(lossAxisTitle());
    m_lossChart->addAxis(fresh, Qt::AlignLeft);
    for (QAbstractSeries* series : m_lossChart->series())
        series->attachAxis(fresh);
    rescale();
}

}  // namespace bridgelc
