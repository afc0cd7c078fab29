#include "ui/window/training_status.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <cmath>

namespace bridgelc {
namespace {

QString duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
    const auto s = static_cast<qint64>(std::llround(seconds));
    if (s >= 3600) return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
    if (s >= 60) return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return QStringLiteral("%1 s").arg(s);
}

QLabel* field(QWidget* parent, const QString& tip, int minimumChars) {
    auto* label = new QLabel(parent);
    label->setToolTip(tip);
    label->setMinimumWidth(label->fontMetrics().averageCharWidth() * minimumChars);
    return label;
}

}  // namespace

TrainingStatus::TrainingStatus(QWidget* parent)
    : QWidget(parent),
      m_phase(field(this, tr("What the trainer is doing"), 14)),
      m_fold(field(this, tr("Split (fold) being trained"), 10)),
      m_epoch(field(this, tr("Epochs, trees or boosting rounds done / planned"), 12)),
      m_speed(field(this, tr("Training samples per second"), 12)),
      m_eta(field(this, tr("Time left if every planned step runs (early stopping may end sooner)"), 12)),
      m_progress(new QProgressBar(this)),
      m_busy(new QProgressBar(this)),
      m_busyText(new QLabel(this)) {
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 1);
    m_busy->setRange(0, 0);  // indeterminate: the reader does not report progress
    m_busy->setMaximumWidth(100);
    m_busy->setMaximumHeight(14);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_busyText);
    layout->addWidget(m_busy);
    for (QLabel* label : {m_phase, m_fold, m_epoch, m_speed, m_eta})
        layout->addWidget(label);
    layout->addWidget(m_progress);
    setLoading(false);
    m_phase->setText(tr("Idle"));
}

void TrainingStatus::setLoading(bool loading, const QString& what) {
    m_busy->setVisible(loading);
    m_busyText->setVisible(loading);
    m_busyText->setText(tr("Loading %1").arg(what));
}

bool TrainingStatus::isLoadingShown() const {
    return !m_busy->isHidden();
}

void TrainingStatus::onRunStarted(const TrainingRequest& request) {
    m_phase->setText(tr("Starting"));
    const QString scenario = request.scenario == Scenario::Loro ? tr("LORO") : tr("EXTRAP");
    m_fold->setText(scenario);
    m_epoch->setText(tr("Epoch –"));
    m_speed->clear();
    m_eta->clear();
    m_trainingDone = m_trainingTotal = 0;
    m_inTraining = false;
    showBusy();
}

void TrainingStatus::showBusy() {
    // Indeterminate until the trainer reports work done; an empty determinate bar would read "stuck".
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_progress->setToolTip(tr("Preparing"));
}

void TrainingStatus::showFraction(qint64 done, qint64 total) {
    // QProgressBar takes int; scale large totals down.
    const double scale = total > 1000000 ? 1000000.0 / double(total) : 1.0;
    m_progress->setRange(0, int(double(total) * scale));
    m_progress->setValue(int(double(std::min(done, total)) * scale));
    m_progress->setToolTip(tr("%1 % done").arg(qRound(100.0 * double(done) / double(total))));
}

void TrainingStatus::onSplitReady(const QString& name, qint64 train, qint64 validation, qint64 test) {
    m_fold->setText(name);
    m_fold->setToolTip(
        tr("%1: %2 training, %3 validation, %4 test points")
            .arg(name)
            .arg(QLocale().toString(train), QLocale().toString(validation), QLocale().toString(test)));
}

void TrainingStatus::onPhase(const QString& phase) {
    if (phase.isEmpty()) return;
    m_phase->setText(phase.left(1).toUpper() + phase.mid(1));
    // A new phase starts from nothing: the last phase's full bar would claim the new one done.
    m_inTraining = phase == QLatin1String("training");
    showBusy();
}

void TrainingStatus::onEpoch(const EpochReport& report) {
    switch (report.unit) {
        case IterationUnit::Tree:
            m_epoch->setText(tr("Trees %1/%2").arg(report.epoch).arg(report.epochs));
            break;
        case IterationUnit::BoostingRound:
            m_epoch->setText(tr("Round %1/%2").arg(report.epoch).arg(report.epochs));
            break;
        case IterationUnit::Epoch:
            m_epoch->setText(tr("Epoch %1/%2").arg(report.epoch).arg(report.epochs));
            break;
    }
    m_speed->setText(tr("%1 samples/s").arg(QLocale().toString(report.samplesPerSecond, 'f', 0)));
    const double perEpoch = report.epoch > 0 ? report.elapsedSeconds / report.epoch : 0;
    m_eta->setText(tr("ETA %1").arg(duration(perEpoch * (report.epochs - report.epoch))));
}

void TrainingStatus::onProgress(qint64 done, qint64 total) {
    if (total <= 0) return;
    if (m_inTraining) {
        m_trainingDone = done;
        m_trainingTotal = total;
    }
    showFraction(done, total);
}

void TrainingStatus::onFinished(const RunResult& run) {
    switch (run.status) {
        case RunStatus::Completed:
            m_phase->setText(tr("Done"));
            break;
        case RunStatus::Stopped:
            m_phase->setText(tr("Stopped"));
            break;
        case RunStatus::Failed:
            m_phase->setText(tr("Failed"));
            break;
    }
    m_phase->setToolTip(QString::fromStdString(run.message));
    m_eta->setText(tr("took %1").arg(duration(run.trainSeconds)));
    if (run.status == RunStatus::Completed) {
        showFraction(1, 1);  // early stopping included: the run is complete
    } else if (m_trainingTotal > 0) {
        showFraction(m_trainingDone, m_trainingTotal);  // what training did before Stop or the failure
    } else {
        showFraction(0, 1);
    }
    m_inTraining = false;
}

int TrainingStatus::progressPercent() const {
    if (m_progress->maximum() <= m_progress->minimum()) return -1;
    return qRound(100.0 * (m_progress->value() - m_progress->minimum()) /
                  (m_progress->maximum() - m_progress->minimum()));
}

void TrainingStatus::onStopping() {
    m_phase->setText(tr("Stopping…"));
}

QString TrainingStatus::phaseText() const {
    return m_phase->text();
}

QString TrainingStatus::epochText() const {
    return m_epoch->text();
}

QString TrainingStatus::foldText() const {
    return m_fold->text();
}

}  // namespace bridgelc
