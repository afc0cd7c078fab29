#pragma once
#include <QObject>
#include <QStringList>
#include <vector>

namespace bridgelc {

class ConfusionView;
class ExportMenu;
class MetricsView;
class ResultBanner;
class SessionState;
struct ShownResult;

/// Puts the session's shown result into every view that shows results (confusion, metrics, export, and the
/// banner above each view) whenever the result or the open dataset changes, so they never disagree about
/// whose result they show.
class ResultPresenter : public QObject {
    Q_OBJECT
public:
    ResultPresenter(SessionState* state, ConfusionView* confusion, MetricsView* metrics, ExportMenu* exports,
                    QObject* parent = nullptr);

    /// A banner that follows the shown result (parented to `parent`).
    ResultBanner* createBanner(QWidget* parent);
    /// The warnings shown with the current result: the run's own, then notes, then a dataset mismatch.
    QStringList currentWarnings() const;

private:
    void showResult();
    void updateBanners();

    SessionState* m_state;
    ConfusionView* m_confusion;
    MetricsView* m_metrics;
    ExportMenu* m_export;
    std::vector<ResultBanner*> m_banners;
};

}  // namespace bridgelc
