#pragma once
#include <QWidget>

#include "ui/jobs/metatypes.h"

#include <QPointer>
#include <QStringList>
#include <vector>

#include "core/data/label_choice.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QTreeWidget;

namespace bridgelc {

class DatasetLoader;
class ProblemsView;

/// The left dock: what the loaded dataset holds (file, points, features, classes with colour and count,
/// regions with count), the dataset's sanity warnings in a highlighted area (a single class, tiny classes,
/// features that are mostly missing or not satellite inputs), the option to use mostly-empty columns anyway,
/// and every problem found while reading it, grouped. Its Labels chooser picks land cover, crop types of the
/// Cropland points or another label column of the file; the classes shown are those of the chosen labels,
/// and for crop types a note says which crop codes were dropped for too few points.
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

    /// Fills the Labels chooser: land cover, crop types when `cropTypes`, and "Column NAME" for each of
    /// `otherColumns`, with `current` selected; `codes` are the file's crop codes (the dropped ones are named
    /// under the classes at level 2). Emits nothing.
    void setLabelChoices(const LabelChoice& current, bool cropTypes, const QStringList& otherColumns,
                         const std::vector<CropCodeCount>& codes);
    /// The Labels chooser (for tests and screenshots).
    QComboBox* labelsBox() const { return m_labels; }
    /// The note under the classes naming the crop codes dropped for too few points; empty when none.
    QString droppedNote() const;

    /// The loader that "Use mostly-empty columns" reloads through; without one, the window's loader is used.
    void setLoader(DatasetLoader* loader);

    /// The warnings shown for the current dataset (datasetWarnings of core/run/sanity_checks.h).
    QStringList warnings() const { return m_warningTexts; }
    /// True when the warning area is shown.
    bool isWarningAreaVisible() const;
    /// The "Use mostly-empty columns as features" check box.
    QCheckBox* keepMostlyEmptyBox() const { return m_keepMostlyEmpty; }

    /// For tests: rows in the class and region lists, and the problems view.
    int classRowCount() const;
    int regionRowCount() const;
    const ProblemsView* problemsView() const { return m_problems; }
    /// True when the "synthetic sample" badge is shown.
    bool isSyntheticBadgeVisible() const;

Q_SIGNALS:
    /// The user chose other labels in the Labels chooser.
    void labelsChosen(const bridgelc::LabelChoice& choice);

private:
    void clearLists();
    void showWarnings(const QStringList& warnings);
    void onKeepMostlyEmptyToggled(bool keep);
    DatasetLoader* loader();

    QLabel* m_file;
    QLabel* m_syntheticBadge;
    QLabel* m_points;
    QLabel* m_features;
    QLabel* m_classCount;
    QLabel* m_regionCount;
    QComboBox* m_labels;
    QLabel* m_dropped;
    QTreeWidget* m_classes;
    QTreeWidget* m_regions;
    ProblemsView* m_problems;
    QLabel* m_warningArea;
    QCheckBox* m_keepMostlyEmpty;
    QStringList m_warningTexts;
    QPointer<DatasetLoader> m_loader;
};

}  // namespace bridgelc
