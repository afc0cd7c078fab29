#pragma once
#include <QElapsedTimer>
#include <QWidget>

#include "ui/jobs/metatypes.h"

class QLabel;
class QProgressBar;

namespace bridgelc {

/// The permanent part of the status bar: phase, fold, epoch, samples/s and ETA of the run in progress, a
/// progress bar, and the busy indicator while a file loads.
class TrainingStatus : public QWidget {
    Q_OBJECT
public:
    explicit TrainingStatus(QWidget* parent = nullptr);

    /// Shows (or hides) the indeterminate busy indicator with `what` beside it.
    void setLoading(bool loading, const QString& what = QString());
    bool isLoadingShown() const;

    void onRunStarted(const TrainingRequest& request);
    void onSplitReady(const QString& name, qint64 train, qint64 validation, qint64 test);
    void onPhase(const QString& phase);
    void onEpoch(const EpochReport& report);
    void onProgress(qint64 done, qint64 total);
    void onFinished(const RunResult& run);
    void onStopping();

    /// The texts shown, for tests and screenshots.
    QString phaseText() const;
    QString epochText() const;
    QString foldText() const;
    /// The progress bar's fill in percent, -1 while it shows the busy indicator.
    int progressPercent() const;

private:
    void showBusy();
    void showFraction(qint64 done, qint64 total);

    QLabel* m_phase;
    QLabel* m_fold;
    QLabel* m_epoch;
    QLabel* m_speed;
    QLabel* m_eta;
    QProgressBar* m_progress;
    QProgressBar* m_busy;
    QLabel* m_busyText;
    qint64 m_trainingDone = 0, m_trainingTotal = 0;  ///< last progress of the training phase
    bool m_inTraining = false;
};

}  // namespace bridgelc
