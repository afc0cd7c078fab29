#pragma once
#include <QWidget>

#include "ui/jobs/raster_prediction_job.h"

class QLabel;
class QProgressBar;
class QToolButton;

namespace bridgelc {

/// The status bar's part for a raster prediction in progress: what is predicted, a progress bar, pixels per
/// second and time left, and a Cancel button. Hidden while no prediction runs.
class RasterPredictionStatus : public QWidget {
    Q_OBJECT
public:
    explicit RasterPredictionStatus(QWidget* parent = nullptr);

    /// Shows the widget for a prediction of the stack `name`.
    void start(const QString& name);
    void showProgress(const RasterJobProgress::Snapshot& progress);
    /// Hides the widget (the prediction ended one way or another).
    void stop();

    /// The texts shown, for tests and screenshots.
    QString text() const;
    QToolButton* cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* m_text;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QString m_name;
};

}  // namespace bridgelc
