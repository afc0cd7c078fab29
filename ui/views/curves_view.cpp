#include "ui/views/curves_view.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
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

QChart* makeChart(const QString& title, int margin) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);  // live appends would otherwise wobble
    // On the right each entry has a line of its own: a bottom legend shares one row among all entries and
    // elides them ("Validation…", "#1 Rando…") once a few runs are overlaid.
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->setShowToolTips(true);
    chart->setMargins(QMargins(margin, margin, margin, margin));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    return chart;
}

}  // namespace

CurvesView::CurvesView(QWidget* parent) : QWidget(parent) {
    m_logBox = new QCheckBox(tr("Logarithmic loss axis"), this);
    connect(m_logBox, &QCheckBox::toggled, this, &CurvesView::setLogScale);
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_termBox = new QComboBox(this);
    m_termBox->setToolTip(
        tr("The loss plotted, for train and validation alike: only the same quantity is compared.\n"
           "Total = land cover + region + λ · contrastive, as trained."));
    m_termBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_termBox, qOverload<int>(&QComboBox::activated), this,
            [this](int index) { setLossTerm(static_cast<LossTerm>(m_termBox->itemData(index).toInt())); });
    auto* termLabel = new QLabel(tr("&Loss:"), this);
    termLabel->setBuddy(m_termBox);

    setupCharts();

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_lossView);
    splitter->addWidget(m_scoreView);
    splitter->setChildrenCollapsible(false);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addSpacing(12);
    bar->addWidget(termLabel);
    bar->addWidget(m_termBox);
    bar->addWidget(m_logBox);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    clear();
}

CurvesView::~CurvesView() = default;

void CurvesView::setupCharts() {
    m_lossChart = makeChart(tr("Loss: train vs validation"), kChartMargin);
    m_scoreChart = makeChart(tr("Scores (%)"), kChartMargin);
    m_lossView = new QChartView(m_lossChart, this);
    m_scoreView = new QChartView(m_scoreChart, this);
    for (QChartView* view : {m_lossView, m_scoreView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(180);
        // Queued: margins set from inside a layout pass would relayout within it.
        connect(view->chart(), &QChart::plotAreaChanged, this, &CurvesView::alignPlotAreas,
                Qt::QueuedConnection);
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
        bool loss, validation;
        QColor color;
        qreal width;
    };
    const std::vector<Spec> specs = {
        {tr("Train"), {}, true, false, QColor(0x1f77b4), 2.2},
        {tr("Validation"), {}, true, true, QColor(0xd62728), 2.2},
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
        Curve curve{spec.name, spec.value, spec.loss, spec.validation, nullptr};
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
    updateTerms();
    updateAxisTitles();
    updateVisibility();
    rescale();
    m_status->setText(tr("No training yet."));
}

void CurvesView::appendEpoch(const EpochReport& report) {
    if (!m_history.empty() && report.epoch <= m_history.back().epoch) clear();
    const bool first = m_history.empty();
    m_history.push_back(report);
    const QList<LossTerm> offered = m_offered;
    updateTerms();
    // New terms can change the plotted one (back to the one chosen, once the run shows it has it).
    const bool termsChanged = m_offered != offered;
    for (Curve& curve : m_curves)
        if ((!curve.loss || !termsChanged) && hasPoint(curve, report))
            curve.series->append(report.epoch, valueOf(curve, report));
    if (termsChanged) replotLoss();
    if (first || termsChanged) updateAxisTitles();
    updateBest();
    updateVisibility();
    rescale();
}

void CurvesView::setHistory(const std::vector<EpochReport>& history) {
    clear();
    m_history = history;
    updateTerms();
    for (Curve& curve : m_curves)
        curve.series->replace(pointsOf(curve));  // one repaint instead of one per epoch
    replotLoss();
    updateAxisTitles();
    updateBest();
    updateVisibility();
    rescale();
}

void CurvesView::setOverlays(const QList<QPair<QString, std::vector<EpochReport>>>& overlays) {
    m_overlayHistories = overlays;
    replotLoss();
    if (!overlays.isEmpty() && m_history.empty())
        m_status->setText(
            tr("Comparing %n run(s): each one's validation curves, dashed, named #1, #2 … as "
               "in the table",
               nullptr, int(overlays.size())));
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
    const IterationUnit unit = m_history.empty() ? IterationUnit::Epoch : m_history.back().unit;
    QString markerName = tr("Best epoch");
    if (m_bestEpoch > 0) {
        switch (unit) {
            case IterationUnit::Tree:
                markerName = tr("Kept: all %1 trees").arg(m_bestEpoch);
                break;
            case IterationUnit::BoostingRound:
                markerName = tr("Kept round (%1)").arg(m_bestEpoch);
                break;
            case IterationUnit::Epoch:
                markerName = tr("Best epoch (%1)").arg(m_bestEpoch);
                break;
        }
    }
    if (m_bestMarker->name() != markerName) m_bestMarker->setName(markerName);
    if (m_history.empty()) return;
    const EpochReport& last = m_history.back();
    QString status = stepCountText(last);
    if (m_bestEpoch > 0) {
        const QString f1 = percentNumber(bestValue);
        switch (unit) {
            case IterationUnit::Tree:
                status += tr(" · kept: the whole forest, validation weighted F1 %1 %").arg(f1);
                break;
            case IterationUnit::BoostingRound:
                status += tr(" · kept round %1 (lowest validation log-loss): validation weighted F1 %2 %")
                              .arg(m_bestEpoch)
                              .arg(f1);
                break;
            case IterationUnit::Epoch:
                status += tr(" · best epoch %1: validation weighted F1 %2 %").arg(m_bestEpoch).arg(f1);
                break;
        }
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
        // Without a history of its own (e.g. only runs overlaid) the view lists no empty curves; nor does it
        // list a loss curve without points (no validation rows, a term this run did not measure).
        apply(curve.series, !m_history.empty() && curve.series->count() > 0);
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

QList<QPointF> CurvesView::seriesPoints(const QString& seriesName) const {
    for (QAbstractSeries* abstract : m_lossChart->series() + m_scoreChart->series()) {
        auto* series = qobject_cast<QXYSeries*>(abstract);
        if (series && series->name() == seriesName && series != m_bestLossLine && series != m_bestScoreLine)
            return series->points();
    }
    return {};
}

QString CurvesView::statusText() const {
    return m_status->text();
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
    return exportPainting(path, size, tr("Training curves"), caption, logicalDpiX(),
                          [this, size](QPainter& painter) {
                              paintChartsStacked(painter, size, {m_lossChart, m_scoreChart});
                          });
}

}  // namespace bridgelc
