#pragma once
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

#include "ui/jobs/background_task.h"
#include "ui/jobs/metatypes.h"

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace bridgelc {

class CurvesView;
class RunComparison;
struct SavedRun;

/// The Runs tab: every run saved in the run store (model, split, dataset, seed, date, status, OA, weighted
/// F1, macro F1, kappa, duration), filtered by dataset. Selecting one run reads it back whole in the
/// background (savedRunLoaded) so every view can show it; selecting two or more overlays their curves and
/// lines their scores up side by side, class by class. Runs can be deleted (after confirmation), opened in
/// the file manager and their checkpoint copied out.
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
    /// The open dataset: runs trained on it are marked, it can be the filter, and a reopened run's test
    /// predictions are located in it when the fingerprints match.
    void setDataset(const DatasetPtr& dataset, const QString& fingerprint);
    /// Shows only runs of the dataset with this fingerprint; empty shows all.
    void setDatasetFilter(const QString& fingerprint);
    /// Re-reads the run list on a pool thread.
    void refresh();
    /// Reads the saved run `id` whole on a pool thread; the result comes by savedRunLoaded/savedRunFailed.
    void openRun(const QString& id);
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
    RunComparison* comparison() const { return m_compare; }
    QComboBox* datasetFilter() const { return m_filter; }
    /// Rows shown in the table (after the dataset filter).
    int visibleRuns() const;
    /// Columns of the side-by-side comparison (= selected runs).
    int comparedRuns() const;

Q_SIGNALS:
    /// The list was re-read; `count` runs are shown.
    void refreshed(int count);
    /// A saved run was read back; `bound` when its test predictions were located in the open dataset.
    void savedRunLoaded(const std::shared_ptr<const bridgelc::SavedRun>& run, bool bound);
    /// A saved run could not be read; `message` names the file.
    void savedRunFailed(const QString& message);

private:
    /// "file name · fingerprint" of the data a run was trained on.
    static QString datasetLabel(const RunSummary& run);
    void applyList(std::vector<RunSummary> runs);
    /// Reads the histories of the compared runs (name, id) in the background and draws them.
    void loadCurves(const QList<QPair<QString, std::string>>& curves);
    void updateFilterChoices();
    void onSelectionChanged();
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
    BackgroundTask m_openTask;
    DatasetPtr m_dataset;
    QString m_fingerprint;
    bool m_restoringSelection = false;
    QString m_openAgain;  ///< a run chosen while another was being read
    bool m_listAgain = false;
    std::optional<QList<QPair<QString, std::string>>> m_curvesAgain;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    CurvesView* m_curves;
    RunComparison* m_compare;
    QComboBox* m_filter;
    QLabel* m_hint;
    QToolButton* m_delete;
    QToolButton* m_folder;
    QToolButton* m_checkpoint;
    QToolButton* m_figure;
};

}  // namespace bridgelc
