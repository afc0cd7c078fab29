#pragma once
#include <QObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "ui/jobs/metatypes.h"

namespace bridgelc {

/// Which data a result belongs to, as the views name it.
struct DatasetIdentity {
    QString name;         ///< file name, or "built-in sample"
    QString path;         ///< absolute path; empty for the sample
    QString fingerprint;  ///< datasetFingerprint() (16 hex digits)
    qint64 points = 0;

    bool isKnown() const { return !fingerprint.isEmpty(); }
    /// "lucas.csv · 1a2b3c4d" (the first 8 digits are plenty to tell datasets apart on screen).
    QString label() const;
};

/// A result the views show, whole: the run, the data it came from and where it is saved.
struct ShownResult {
    RunResult run;
    DatasetIdentity dataset;
    DatasetPtr points;       ///< the loaded data run.test.rows index; null when the rows are not located
    QString savedDirectory;  ///< empty until saved
    bool reopened = false;   ///< read back from the run store, not trained in this session
    QStringList notes;       ///< extra plain sentences about it (e.g. "its model could not be read: …")

    /// "BRIDGE-LC · LORO (Mediterranean held out) · seed 0 — on lucas.csv · 1a2b3c4d".
    QString whose() const;
};

/// The application's one state model: the open dataset, and the result the views show (the run in progress
/// or the last one, or a saved run reopened). Every view that shows a result takes it from here, so nothing
/// can show one run's numbers under another's name, and a result that belongs to another dataset than the
/// open one is known as such everywhere (views mark it, exports ask first).
class SessionState : public QObject {
    Q_OBJECT
public:
    explicit SessionState(QObject* parent = nullptr) : QObject(parent) {}

    DatasetPtr dataset() const { return m_dataset; }
    const DatasetIdentity& datasetIdentity() const { return m_identity; }
    /// The open dataset; with `identity` computed from it (fingerprint) if left empty.
    void setDataset(const DatasetPtr& dataset, DatasetIdentity identity);
    /// No dataset is open (e.g. the last load failed): nothing can be trained.
    void clearDataset();

    const std::optional<ShownResult>& shown() const { return m_shown; }
    void setShown(ShownResult result);
    void clearShown();
    /// The shown result (trained in this session) was saved to `directory`.
    void setSavedDirectory(const QString& directory);
    /// True when a result is shown and it was computed on the open dataset (same fingerprint).
    bool shownMatchesDataset() const;
    /// Why the shown result does not belong to the open data, as a sentence; empty when it does.
    QString mismatchText() const;

    /// The identity of `dataset` as loaded from `path` (empty path: the built-in sample).
    static DatasetIdentity identify(const Dataset& dataset, const QString& path);

Q_SIGNALS:
    void datasetChanged();
    void shownChanged();
    void savedDirectoryChanged(const QString& directory);

private:
    DatasetPtr m_dataset;
    DatasetIdentity m_identity;
    std::optional<ShownResult> m_shown;
};

}  // namespace bridgelc
