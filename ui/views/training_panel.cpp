#include "ui/views/training_panel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTime>
#include <QVBoxLayout>

#include "core/geo/regions.h"
#include "core/model/model_registry.h"
#include "core/model/model_steps.h"
#include "ui/common/chart_axis.h"
#include "ui/common/percent_format.h"
#include "ui/views/curves_view.h"

namespace bridgelc {
TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent),
      m_curves(new CurvesView(this)),
      m_facts(new QLabel(this)),
      m_log(new QPlainTextEdit(this)) {
    m_facts->setWordWrap(true);
    m_facts->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setTextFormat(Qt::RichText);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    auto* factsBox = new QGroupBox(tr("Run"), this);
    auto* factsLayout = new QVBoxLayout(factsBox);
    // Scrolls rather than cuts off the outcome when the facts outgrow their half of the side bar.
    auto* factsScroll = new QScrollArea(factsBox);
    factsScroll->setWidgetResizable(true);
    factsScroll->setFrameShape(QFrame::NoFrame);
    factsScroll->setWidget(m_facts);
    factsLayout->addWidget(factsScroll);
    auto* logBox = new QGroupBox(tr("Messages"), this);
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(m_log);

    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(factsBox);
    side->addWidget(logBox);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 2);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_curves);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 300});
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);
    m_facts->setText(tr("No run yet. Load data, pick a model and a scenario, then press Train (Ctrl+R)."));
}

void TrainingPanel::onRunStarted(const TrainingRequest& request) {
    m_curves->clear();
    m_epochsShown = 0;
    m_last = EpochReport{};
    m_model = QString::fromStdString(modelDisplayName(request.modelName));
    m_split = request.scenario == Scenario::Loro && request.heldOutRegion >= 0 &&
                      request.heldOutRegion < int(biogeographicalRegions().size())
                  ? tr("LORO, %1 held out")
                        .arg(QString::fromStdString(biogeographicalRegions()[request.heldOutRegion].name))
                  : tr("EXTRAP");
    m_sizes.clear();
    m_outcome = tr("training…");
    updateFacts();
    m_unit = iterationUnitOf(request.modelName);
    const int planned = plannedIterations(request.modelName, request.settings);
    QString plan;
    switch (m_unit) {
        case IterationUnit::Tree:
            plan = tr("%1 trees planned").arg(planned);
            break;
        case IterationUnit::BoostingRound:
            plan = tr("up to %1 boosting rounds").arg(planned);
            break;
        case IterationUnit::Epoch:
            plan = tr("%1 epochs planned").arg(planned);
            break;
    }
    log(tr("Started %1 (%2), %3, seed %4").arg(m_model, m_split, plan).arg(request.settings.seed));
}

void TrainingPanel::onSplitReady(const QString& name, qint64 train, qint64 validation, qint64 test) {
    const QLocale locale;
    m_split = name;
    m_sizes = tr("%1 train · %2 validation · %3 test")
                  .arg(locale.toString(train), locale.toString(validation), locale.toString(test));
    updateFacts();
}

void TrainingPanel::onEpoch(const EpochReport& report) {
    m_curves->appendEpoch(report);
    ++m_epochsShown;
    m_last = report;
    updateFacts();
}

void TrainingPanel::onMessage(const QString& text) {
    log(text);
}

void TrainingPanel::onFinished(const RunResult& run) {
    const Metrics& m = run.testMetrics;
    switch (run.status) {
        case RunStatus::Completed:
            m_outcome = tr("completed");
            break;
        case RunStatus::Stopped:
            switch (m_unit) {
                case IterationUnit::Tree:
                    m_outcome = tr("stopped; the %1 trees grown are kept").arg(run.bestEpoch);
                    break;
                case IterationUnit::BoostingRound:
                    m_outcome = tr("stopped; round %1 kept").arg(run.bestEpoch);
                    break;
                case IterationUnit::Epoch:
                    m_outcome = run.bestEpoch > 0
                                    ? tr("stopped; best model of epoch %1 kept").arg(run.bestEpoch)
                                    : tr("stopped during the first epoch");
                    break;
            }
            break;
        case RunStatus::Failed:
            m_outcome = tr("failed: %1").arg(QString::fromStdString(run.message));
            break;
    }
    if (run.status != RunStatus::Failed && m.points > 0)
        m_outcome +=
            tr("<br>Test: OA %1, weighted F1 %2, macro F1 %3, κ %4 (%5 points)")
                .arg(percentText(m.overallAccuracy), percentText(m.weightedF1), percentText(m.macroF1),
                     QLocale().toString(m.kappa, 'f', 3), QLocale().toString(qulonglong(m.points)));
    updateFacts();
    log(QString(m_outcome).replace(QStringLiteral("<br>"), QStringLiteral(" — ")));
}

QString TrainingPanel::factsText() const {
    return m_facts->text();
}

QString TrainingPanel::logText() const {
    return m_log->toPlainText();
}

void TrainingPanel::log(const QString& text) {
    m_log->appendPlainText(
        QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), text));
}

void TrainingPanel::updateFacts() {
    QString html = QStringLiteral("<b>%1</b><br>%2").arg(m_model.toHtmlEscaped(), m_split.toHtmlEscaped());
    if (!m_sizes.isEmpty()) html += QStringLiteral("<br>") + m_sizes.toHtmlEscaped();
    if (m_last.epoch > 0) {
        // Train and validation side by side per term, never the train total beside the validation land cover.
        const QLocale locale;
        auto pair = [&locale](double train, double validation) {
            return validation > 0
                       ? tr("train %1 · validation %2")
                             .arg(locale.toString(train, 'f', 3), locale.toString(validation, 'f', 3))
                       : tr("train %1").arg(locale.toString(train, 'f', 3));
        };
        html += QStringLiteral("<br><br>") + stepCountText(m_last).toHtmlEscaped();
        html += tr("<br>land-cover loss: %1").arg(pair(m_last.landCoverLoss, m_last.validationLoss));
        if (m_last.regionLoss > 0 || m_last.contrastiveLoss > 0)
            html += tr("<br>total loss: %1").arg(pair(m_last.trainLoss, m_last.validationTotalLoss));
        html += tr("<br>validation OA %1 · weighted F1 %2")
                    .arg(percentText(m_last.validationAccuracy), percentText(m_last.validationWeightedF1));
    }
    html += QStringLiteral("<br><br>") + m_outcome;
    m_facts->setText(html);
}

}  // namespace bridgelc
