#pragma once
#include <QWidget>
#include <optional>
#include <vector>

#include "ui/jobs/background_task.h"
#include "ui/jobs/metatypes.h"

class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTableWidget;
class QToolButton;

namespace bridgelc {

class CurvesView;

/// The Runs tab: every run saved in the run store (model, split, seed, date, status, OA, weighted F1, macro
/// F1, kappa, duration). Selecting two or more overlays their curves and lines their scores up side by side;
/// runs can be deleted (after confirmation), opened in the file manager and their checkpoint copied out.
class RunsView : public QWidget {
    Q_OBJECT
    /// Ask before deleting (tests turn it off).
    Q_PROPERTY(bool confirmDelete MEMBER m_confirmDelete)
public:
    explicit RunsView(QWidget* parent = nullptr);
    ~RunsView() override;

    /// The run store root to show; refreshes.
    void setRoot(const QString& root);
    QString root() const { return m_root; }
    /// Re-reads the run list on a pool thread.
    void refresh();
    /// Blocks until a pending refresh has been applied (tests).
    void waitForRefresh();

    /// The runs listed, in table order, and the ids of the selected ones.
    const std::vector<RunSummary>& runs() const { return m_runs; }
    QStringList selectedIds() const;
    /// Selects the runs with these ids (and updates the comparison).
    void selectIds(const QStringList& ids);
    /// Deletes runs without asking; returns how many were removed.
    int removeRuns(const QStringList& ids);

    CurvesView* overlayView() const { return m_curves; }
    /// Columns of the side-by-side comparison (= selected runs).
    int comparedRuns() const;

Q_SIGNALS:
    /// The list was re-read; `count` runs are shown.
    void refreshed(int count);

private:
    void applyList(std::vector<RunSummary> runs);
    /// Reads the histories of the compared runs (name, id) in the background and draws them.
    void loadCurves(const QList<QPair<QString, std::string>>& curves);
    void startPendingCurves();
    void updateComparison();
    void deleteSelected();
    void openFolder();
    void exportCheckpoint();
    void exportFigure();
    const RunSummary* summaryOf(const QString& id) const;

    QString m_root;
    bool m_confirmDelete = true;
    std::vector<RunSummary> m_runs;
    BackgroundTask m_listTask;
    BackgroundTask m_historyTask;
    bool m_listAgain = false;
    std::optional<QList<QPair<QString, std::string>>> m_curvesAgain;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    CurvesView* m_curves;
    QTableWidget* m_compare;
    QLabel* m_hint;
    QToolButton* m_delete;
    QToolButton* m_folder;
    QToolButton* m_checkpoint;
    QToolButton* m_figure;
};

}  // namespace bridgelc
