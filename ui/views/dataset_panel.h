#pragma once
#include <QWidget>

#include "ui/jobs/metatypes.h"

class QLabel;
class QTreeWidget;

namespace bridgelc {

class ProblemsView;

/// The left dock: what the loaded dataset holds (file, points, features, classes with colour and count,
/// regions with count) and every problem found while reading it.
class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    /// Shows a loaded dataset. `displayName` is the file path, or the sample's name for the built-in sample.
    void setDataset(const DatasetPtr& dataset, const ValidationReport& report, const QString& displayName);
    /// Shows that `what` is being read.
    void setLoading(const QString& what);
    /// Shows a load that failed: the message and the problems found up to the failure.
    void setFailed(const QString& displayName, const QString& message, const ValidationReport& report);

    /// For tests: rows in the class and region lists, and the problems view.
    int classRowCount() const;
    int regionRowCount() const;
    const ProblemsView* problemsView() const { return m_problems; }
    /// True when the "synthetic sample" badge is shown.
    bool isSyntheticBadgeVisible() const;

private:
    void clearLists();

    QLabel* m_file;
    QLabel* m_syntheticBadge;
    QLabel* m_points;
    QLabel* m_features;
    QLabel* m_classCount;
    QLabel* m_regionCount;
    QTreeWidget* m_classes;
    QTreeWidget* m_regions;
    ProblemsView* m_problems;
};

}  // namespace bridgelc
