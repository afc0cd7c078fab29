// CurvesView, loss-term half: which loss the loss chart plots, train against validation under one
// definition, the overlays of other runs for that term, and the axis titles that say what is plotted.
#include <QChart>
#include <QComboBox>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include "ui/common/chart_axis.h"
#include "ui/views/curves_view.h"

namespace bridgelc {
namespace {

const QList<QColor> kOverlayColors = {QColor(0x8c564b), QColor(0xe377c2), QColor(0x7f7f7f),
                                      QColor(0xbcbd22), QColor(0x17becf), QColor(0x393b79)};

double lossValue(const EpochReport& r, CurvesView::LossTerm term, bool validation) {
    using T = CurvesView::LossTerm;
    switch (term) {
        case T::Total:
            return validation ? r.validationTotalLoss : r.trainLoss;
        case T::Region:
            return validation ? r.validationRegionLoss : r.regionLoss;
        case T::Contrastive:
            return validation ? r.validationContrastiveLoss : r.contrastiveLoss;
        case T::LandCover:
            break;
    }
    return validation ? r.validationLoss : r.landCoverLoss;
}

}  // namespace

double CurvesView::valueOf(const Curve& curve, const EpochReport& report) const {
    return curve.loss ? lossValue(report, m_term, curve.validation) : curve.value(report);
}

bool CurvesView::hasPoint(const Curve& curve, const EpochReport& report) const {
    // A loss of exactly 0 is a term not measured (no validation rows, a run saved before validation terms
    // were measured, a term the model lacks): no point at all, which also keeps the log axis valid.
    return !curve.loss || valueOf(curve, report) > 0;
}

QList<QPointF> CurvesView::pointsOf(const Curve& curve) const {
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(m_history.size()));
    for (const EpochReport& r : m_history)
        if (hasPoint(curve, r)) points.append(QPointF(r.epoch, valueOf(curve, r)));
    return points;
}

void CurvesView::updateTerms() {
    bool region = false, contrastive = false;
    for (const EpochReport& r : m_history) {
        region = region || r.regionLoss > 0;
        contrastive = contrastive || r.contrastiveLoss > 0;
    }
    // Without other terms the total is the land-cover loss: one entry, not two equal ones.
    QList<LossTerm> offered{LossTerm::LandCover};
    if (region || contrastive) offered << LossTerm::Total;
    if (region) offered << LossTerm::Region;
    if (contrastive) offered << LossTerm::Contrastive;
    m_term = offered.contains(m_wanted) ? m_wanted : LossTerm::LandCover;
    if (offered != m_offered) {
        m_offered = offered;
        const QSignalBlocker block(m_termBox);
        m_termBox->clear();
        for (LossTerm term : offered) {
            QString name;
            switch (term) {
                case LossTerm::LandCover:
                    name = tr("Land cover");
                    break;
                case LossTerm::Total:
                    name = tr("Total");
                    break;
                case LossTerm::Region:
                    name = tr("Region term");
                    break;
                case LossTerm::Contrastive:
                    name = tr("Contrastive term");
                    break;
            }
            m_termBox->addItem(name, static_cast<int>(term));
        }
    }
    m_termBox->setCurrentIndex(m_termBox->findData(static_cast<int>(m_term)));
    m_termBox->setEnabled(m_offered.size() > 1);
}

void CurvesView::setLossTerm(LossTerm term) {
    m_wanted = term;
    if (!m_offered.contains(term) || term == m_term) return;
    m_term = term;
    m_termBox->setCurrentIndex(m_termBox->findData(static_cast<int>(term)));
    replotLoss();
    updateAxisTitles();
    updateVisibility();
    rescale();
}

void CurvesView::replotLoss() {
    for (Curve& curve : m_curves)
        if (curve.loss) replaceIfChanged(curve.series, pointsOf(curve));

    for (QLineSeries* series : std::as_const(m_overlaySeries)) {
        m_hiddenByUser.remove(series);
        series->chart()->removeSeries(series);
        delete series;
    }
    m_overlaySeries.clear();
    for (int i = 0; i < m_overlayHistories.size(); ++i) {
        const QColor color = kOverlayColors[i % kOverlayColors.size()];
        const auto& [name, history] = m_overlayHistories[i];
        QList<QPointF> f1, loss;
        for (const EpochReport& r : history) {
            f1.append(QPointF(r.epoch, 100 * r.validationWeightedF1));
            const double value = lossValue(r, m_term, true);
            if (value > 0) loss.append(QPointF(r.epoch, value));
        }
        auto* f1Series =
            addSeries(m_scoreChart, tr("%1 · val. weighted F1").arg(name), color, 1.6, Qt::DashLine);
        f1Series->replace(f1);
        auto* lossSeries = addSeries(m_lossChart, tr("%1 · validation").arg(name), color, 1.6, Qt::DashLine);
        lossSeries->replace(loss);
        m_overlaySeries << f1Series << lossSeries;
    }
    updateVisibility();
    rescale();
}

QString CurvesView::lossAxisTitle() const {
    const bool trees = !m_history.empty() && m_history.back().unit != IterationUnit::Epoch;
    switch (m_term) {
        case LossTerm::Total:
            return tr("Total loss (all terms)");
        case LossTerm::Region:
            return tr("Region loss (cross-entropy)");
        case LossTerm::Contrastive:
            return tr("Contrastive loss (SupCon, before λ)");
        case LossTerm::LandCover:
            break;
    }
    return trees ? tr("Land-cover log-loss") : tr("Land-cover loss (cross-entropy)");
}

QString CurvesView::stepAxisTitle() const {
    return bridgelc::stepAxisTitle(m_history.empty() ? IterationUnit::Epoch : m_history.back().unit);
}

void CurvesView::updateAxisTitles() {
    const QString step = stepAxisTitle();
    for (QValueAxis* x : {m_lossX, m_scoreX})
        if (x->titleText() != step) x->setTitleText(step);
    if (m_lossY->titleText() != lossAxisTitle()) m_lossY->setTitleText(lossAxisTitle());
    if (m_scoreY->titleText() != tr("Percent")) m_scoreY->setTitleText(tr("Percent"));
}

}  // namespace bridgelc
