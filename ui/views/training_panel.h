#pragma once
#include <QWidget>

#include "ui/jobs/metatypes.h"

class QLabel;
class QPlainTextEdit;

namespace bridgelc {

class CurvesView;

/// The Training tab: live loss and score curves of the run in progress, what is being trained on which split,
/// how it ended, and the trainer's messages.
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget* parent = nullptr);

    CurvesView* curvesView() const { return m_curves; }
    /// The facts shown beside the curves (rich text), for tests.
    QString factsText() const;
    /// Every message logged so far, one per line.
    QString logText() const;
    /// Epochs handed to the curves since the current run started.
    int epochsShown() const { return m_epochsShown; }

    void onRunStarted(const TrainingRequest& request);
    void onSplitReady(const QString& name, qint64 train, qint64 validation, qint64 test);
    void onEpoch(const EpochReport& report);
    void onMessage(const QString& text);
    void onFinished(const RunResult& run);
    /// Adds a line to the log (with the time).
    void log(const QString& text);

private:
    void updateFacts();

    CurvesView* m_curves;
    QLabel* m_facts;
    QPlainTextEdit* m_log;
    int m_epochsShown = 0;
    QString m_model, m_split, m_sizes, m_outcome;
    EpochReport m_last;
    IterationUnit m_unit = IterationUnit::Epoch;  ///< what the run in progress counts
};

}  // namespace bridgelc
