#include "ui/views/curves_view.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCursor>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/common/chart_axis.h"
#include "ui/common/chart_export.h"
#include "ui/common/chart_tooltip.h"
#include "ui/common/percent_format.h"

namespace bridgelc {

namespace {

const QList<QColor> kOverlayColors = {QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f),
                                      QColor(0xbcbd22), QColor(0x17becf), QColor(0x393b79)};

QChart* makeChart(const QString& title) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);  // live appends would otherwise wobble
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    return chart;
}

}  // namespace

CurvesView::CurvesView(QWidget* parent) : QWidget(parent) {
    m_logBox = new QCheckBox(tr("Logarithmic loss axis"), this);
    connect(m_logBox, &QCheckBox::toggled, this, &CurvesView::setLogScale);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);

    setupCharts();

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_lossView);
    splitter->addWidget(m_scoreView);
    splitter->setChildrenCollapsible(false);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_logBox);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    clear();
}

CurvesView::~CurvesView() = default;

void CurvesView::setupCharts() {
    m_lossChart = makeChart(tr("Loss"));
    m_scoreChart = makeChart(tr("Scores (%)"));
    m_lossView = new QChartView(m_lossChart, this);
    m_scoreView = new QChartView(m_scoreChart, this);
    for (QChartView* view : {m_lossView, m_scoreView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(180);
    }

    m_lossX = new QValueAxis;
    m_scoreX = new QValueAxis;
    for (QValueAxis* x : {m_lossX, m_scoreX}) {
        x->setTitleText(tr("Epoch"));
        x->setLabelFormat(QStringLiteral("%d"));
        x->setTickType(QValueAxis::TicksDynamic);
        x->setTickAnchor(0);
    }
    m_lossChart->addAxis(m_lossX, Qt::AlignBottom);
    m_scoreChart->addAxis(m_scoreX, Qt::AlignBottom);
    auto* lossY = new QValueAxis;
    lossY->setLabelFormat(QStringLiteral("%.2f"));
    m_lossY = lossY;
    m_lossChart->addAxis(m_lossY, Qt::AlignLeft);
    m_scoreY = new QValueAxis;
    m_scoreY->setLabelFormat(QStringLiteral("%.0f"));
    m_scoreChart->addAxis(m_scoreY, Qt::AlignLeft);

    struct Spec {
        QString name;
        std::function<double(const EpochReport&)> value;
        bool loss, optional;
        QColor color;
        qreal width;
    };
    const std::vector<Spec> specs = {
        {tr("Train loss"), [](const EpochReport& r) { return r.trainLoss; }, true, false, QColor(0x1f77b4),
         2.2},
        {tr("Validation loss"), [](const EpochReport& r) { return r.validationLoss; }, true, false,
         QColor(0xd62728), 2.2},
        {tr("Land-cover term"), [](const EpochReport& r) { return r.landCoverLoss; }, true, true,
         QColor(0x2ca02c), 1.4},
        {tr("Region term"), [](const EpochReport& r) { return r.regionLoss; }, true, true, QColor(0x9467bd),
         1.4},
        {tr("Contrastive term"), [](const EpochReport& r) { return r.contrastiveLoss; }, true, true,
         QColor(0xff7f0e), 1.4},
        {tr("Train OA"), [](const EpochReport& r) { return 100 * r.trainAccuracy; }, false, false,
         QColor(0x1f77b4), 1.6},
        {tr("Validation OA"), [](const EpochReport& r) { return 100 * r.validationAccuracy; }, false, false,
         QColor(0xd62728), 1.6},
        {tr("Validation weighted F1"), [](const EpochReport& r) { return 100 * r.validationWeightedF1; },
         false, false, QColor(0x2ca02c), 2.6},
        {tr("Validation macro F1"), [](const EpochReport& r) { return 100 * r.validationMacroF1; }, false,
         false, QColor(0x9467bd), 1.6},
    };
    for (const Spec& spec : specs) {
        Curve curve{spec.name, spec.value, spec.loss, spec.optional, nullptr};
        curve.series = addSeries(spec.loss ? m_lossChart : m_scoreChart, spec.name, spec.color, spec.width,
                                 Qt::SolidLine);
        m_curves.push_back(curve);
    }

    // The best epoch: a dotted vertical line in both charts, a marker on the validation weighted F1.
    m_bestLossLine = addSeries(m_lossChart, tr("Best epoch"), QColor(0x555555), 1.0, Qt::DotLine);
    m_bestScoreLine = addSeries(m_scoreChart, tr("Best epoch"), QColor(0x555555), 1.0, Qt::DotLine);
    m_bestMarker = new QScatterSeries;
    m_bestMarker->setName(tr("Best epoch"));
    m_bestMarker->setMarkerSize(11);
    m_bestMarker->setColor(QColor(0xffaa00));
    m_bestMarker->setBorderColor(QColor(0x333333));
    m_scoreChart->addSeries(m_bestMarker);
    m_bestMarker->attachAxis(m_scoreX);
    m_bestMarker->attachAxis(m_scoreY);
    for (QXYSeries* line :
         {static_cast<QXYSeries*>(m_bestLossLine), static_cast<QXYSeries*>(m_bestScoreLine)}) {
        for (QLegendMarker* marker : line->chart()->legend()->markers(line))
            marker->setVisible(false);
    }
}

QLineSeries* CurvesView::addSeries(QChart* chart, const QString& name, const QColor& color, qreal width,
                                   Qt::PenStyle style) {
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(color, width, style);
    pen.setCapStyle(Qt::RoundCap);
    series->setPen(pen);
    chart->addSeries(series);
    QValueAxis* x = chart == m_lossChart ? m_lossX : m_scoreX;
    QAbstractAxis* y = chart == m_lossChart ? m_lossY : static_cast<QAbstractAxis*>(m_scoreY);
    series->attachAxis(x);
    series->attachAxis(y);
    connect(series, &QXYSeries::hovered, this, [this, chart, series](const QPointF& point, bool state) {
        showTooltip(chart, series, point, state);
    });
    for (QLegendMarker* marker : chart->legend()->markers(series))
        connect(marker, &QLegendMarker::clicked, this, [this, series] { toggleByLegend(series); });
    return series;
}

void CurvesView::clear() {
    m_history.clear();
    for (Curve& curve : m_curves)
        clearIfNotEmpty(curve.series);
    for (QXYSeries* series :
         {static_cast<QXYSeries*>(m_bestLossLine), static_cast<QXYSeries*>(m_bestScoreLine),
          static_cast<QXYSeries*>(m_bestMarker)})
        clearIfNotEmpty(series);
    m_bestEpoch = 0;
    updateVisibility();
    rescale();
    m_status->setText(tr("No training yet."));
}

void CurvesView::appendEpoch(const EpochReport& report) {
    if (!m_history.empty() && report.epoch <= m_history.back().epoch) clear();
    m_history.push_back(report);
    for (Curve& curve : m_curves) {
        // A term the model lacks reports 0: not a point at all, which also keeps the log axis valid.
        const double value = curve.value(report);
        if (!curve.optional || value > 0) curve.series->append(report.epoch, value);
    }
    updateBest();
    updateVisibility();
    rescale();
}

void CurvesView::setHistory(const std::vector<EpochReport>& history) {
    clear();
    m_history = history;
    for (Curve& curve : m_curves) {
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(history.size()));
        for (const EpochReport& r : history) {
            const double value = curve.value(r);
            if (!curve.optional || value > 0) points.append(QPointF(r.epoch, value));
        }
        curve.series->replace(points);  // one repaint instead of one per epoch
    }
    updateBest();
    updateVisibility();
    rescale();
}

void CurvesView::setOverlays(const QList<QPair<QString, std::vector<EpochReport>>>& overlays) {
    for (QLineSeries* series : std::as_const(m_overlaySeries)) {
        m_hiddenByUser.remove(series);
        series->chart()->removeSeries(series);
        delete series;
    }
    m_overlaySeries.clear();
    for (int i = 0; i < overlays.size(); ++i) {
        const QColor color = kOverlayColors[i % kOverlayColors.size()];
        const auto& [name, history] = overlays[i];
        QList<QPointF> f1, loss;
        for (const EpochReport& r : history) {
            f1.append(QPointF(r.epoch, 100 * r.validationWeightedF1));
            loss.append(QPointF(r.epoch, r.validationLoss));
        }
        auto* f1Series =
            addSeries(m_scoreChart, tr("%1 · val. weighted F1").arg(name), color, 1.6, Qt::DashLine);
        f1Series->replace(f1);
        auto* lossSeries = addSeries(m_lossChart, tr("%1 · val. loss").arg(name), color, 1.6, Qt::DashLine);
        lossSeries->replace(loss);
        m_overlaySeries << f1Series << lossSeries;
    }
    updateVisibility();
    rescale();
}

void CurvesView::updateBest() {
    m_bestEpoch = 0;
    double bestF1 = -1;
    double bestValue = 0;
    bool flagged = false;
    for (const EpochReport& r : m_history) {
        if (r.improved) {
            flagged = true;
            m_bestEpoch = r.epoch;
            bestValue = r.validationWeightedF1;
        }
    }
    if (!flagged) {
        for (const EpochReport& r : m_history) {
            if (r.validationWeightedF1 > bestF1) {
                bestF1 = r.validationWeightedF1;
                m_bestEpoch = r.epoch;
                bestValue = r.validationWeightedF1;
            }
        }
    }
    const QList<QPointF> marker =
        m_bestEpoch > 0 ? QList<QPointF>{QPointF(m_bestEpoch, 100 * bestValue)} : QList<QPointF>{};
    if (m_bestMarker->points() != marker) m_bestMarker->replace(marker);
    const QString markerName = m_bestEpoch > 0 ? tr("Best epoch (%1)").arg(m_bestEpoch) : tr("Best epoch");
    if (m_bestMarker->name() != markerName) m_bestMarker->setName(markerName);
    if (m_history.empty()) return;
    const EpochReport& last = m_history.back();
    QString status = tr("Epoch %1 of %2").arg(last.epoch).arg(std::max(last.epochs, last.epoch));
    if (m_bestEpoch > 0) {
        status += tr(" · best epoch %1: validation weighted F1 %2 %")
                      .arg(m_bestEpoch)
                      .arg(percentNumber(bestValue));
    }
    if (last.samplesPerSecond > 0)
        status += tr(" · %1 samples/s").arg(QLocale().toString(qRound64(last.samplesPerSecond)));
    m_status->setText(status);
}

void CurvesView::updateVisibility() {
    // Qt Charts lays out the legend and redraws the scene on every property set, changed or not, so only
    // what changes is set (re-setting every series' state per epoch cost the GUI thread milliseconds).
    auto apply = [this](QXYSeries* series, bool available) {
        const bool userHidden = m_hiddenByUser.contains(series);
        if (series->isVisible() != (available && !userHidden)) series->setVisible(available && !userHidden);
        for (QLegendMarker* marker : series->chart()->legend()->markers(series)) {
            // after the series: hiding a series hides its marker too
            if (marker->isVisible() != available) marker->setVisible(available);
            const QBrush label =
                userHidden ? QBrush(QColor(0xaaaaaa)) : series->chart()->legend()->labelBrush();
            if (marker->labelBrush() != label) marker->setLabelBrush(label);
        }
    };
    for (const Curve& curve : m_curves) {
        // Without a history of its own (e.g. only runs overlaid) the view lists no empty curves.
        bool available = !m_history.empty();
        if (available && curve.optional) {
            // A term the model lacks is all zeros; one that equals the total (no other terms) adds nothing.
            bool allZero = true, equalsTotal = true;
            for (const EpochReport& r : m_history) {
                const double v = curve.value(r);
                allZero = allZero && std::abs(v) < 1e-12;
                equalsTotal = equalsTotal && std::abs(v - r.trainLoss) <= 1e-9 * std::max(1.0, std::abs(v));
            }
            available = !allZero && !equalsTotal;
        }
        apply(curve.series, available);
    }
    for (QLineSeries* series : std::as_const(m_overlaySeries))
        apply(series, true);
    apply(m_bestMarker, m_bestEpoch > 0);
    for (QLineSeries* line : {m_bestLossLine, m_bestScoreLine}) {
        const bool visible = m_bestEpoch > 0 && !m_hiddenByUser.contains(m_bestMarker);
        if (line->isVisible() != visible) line->setVisible(visible);
        for (QLegendMarker* marker : line->chart()->legend()->markers(line))
            if (marker->isVisible()) marker->setVisible(false);
    }
}

void CurvesView::showTooltip(QChart* chart, QXYSeries* hovered, const QPointF& point, bool state) {
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QList<QXYSeries*> shown;
    for (QAbstractSeries* abstract : chart->series()) {
        auto* series = qobject_cast<QXYSeries*>(abstract);
        if (series && series->isVisible() && series != m_bestLossLine && series != m_bestScoreLine &&
            series != m_bestMarker)
            shown << series;
    }
    QToolTip::showText(QCursor::pos(),
                       seriesValuesTooltip(shown, hovered, qRound(point.x()), chart == m_scoreChart), this);
}

void CurvesView::toggleByLegend(QXYSeries* series) {
    if (m_hiddenByUser.contains(series))
        m_hiddenByUser.remove(series);
    else
        m_hiddenByUser.insert(series);
    updateVisibility();
    rescale();
}

int CurvesView::pointCount(const QString& seriesName) const {
    for (QAbstractSeries* abstract : m_lossChart->series() + m_scoreChart->series()) {
        auto* series = qobject_cast<QXYSeries*>(abstract);
        if (series && series->name() == seriesName && series != m_bestLossLine && series != m_bestScoreLine)
            return static_cast<int>(series->count());
    }
    return -1;
}

QStringList CurvesView::visibleSeriesNames() const {
    QStringList names;
    for (QAbstractSeries* series : m_lossChart->series() + m_scoreChart->series()) {
        if (series->isVisible() && series != m_bestLossLine && series != m_bestScoreLine)
            names << series->name();
    }
    return names;
}

bool CurvesView::exportImage(const QString& path, const QString& caption) {
    const QSize size(std::max(900, m_lossView->width()),
                     std::max(720, m_lossView->height() + m_scoreView->height()));
    return exportPainting(path, size, tr("Training curves"), caption, logicalDpiX(), [this, size](QPainter& painter) {
        paintChartsStacked(painter, size, {m_lossChart, m_scoreChart});
    });
}

}  // namespace bridgelc
