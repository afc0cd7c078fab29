#pragma once
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/data/label_choice.h"
#include "core/data/validation_report.h"
#include "ui/jobs/metatypes.h"

namespace bridgelc {

class DatasetLoader;

/// Which labels the open file is shown and trained with: land cover, crop types of its Cropland points, or
/// another label column of the file. Keeps the dataset as loaded and derives the dataset of the chosen
/// labels from it (crop types: cropTypeSubset, quick enough for the GUI thread at 70,000 points); another
/// label column reads the file again through the loader. The level is remembered in QSettings.
class LabelSelection : public QObject {
    Q_OBJECT
public:
    explicit LabelSelection(DatasetLoader* loader, QObject* parent = nullptr);

    /// A load finished: derives the dataset of the remembered level (falling back to land cover when the
    /// file has no crop codes) and emits changed().
    void setLoaded(const DatasetPtr& loaded, const ValidationReport& report);
    /// No file is open.
    void clear();

    /// Chooses labels: levels apply at once (changed()); another label column reads the file again and
    /// applies when it has loaded. False when the choice is not offered for this file.
    bool choose(const LabelChoice& choice);
    bool canChoose(const LabelChoice& choice) const;

    const LabelChoice& choice() const { return m_choice; }
    /// The points and classes of choice(); null when no file is open.
    DatasetPtr dataset() const { return m_dataset; }
    /// The file's crop codes with their counts and whether the crop-type task keeps them.
    const std::vector<CropCodeCount>& cropCodes() const { return m_cropCodes; }
    /// The report of the last load.
    const ValidationReport& report() const { return m_report; }
    /// Other text columns of the file that can be chosen as labels.
    const QStringList& otherColumns() const { return m_otherColumns; }
    /// True when crop types can be chosen (some crop code has enough points).
    bool hasCropTypes() const;

    /// The level remembered for the next file.
    static int rememberedLevel();
    static void setRememberedLevel(int level);

Q_SIGNALS:
    /// dataset() and choice() changed.
    void changed();

private:
    void derive();

    DatasetLoader* m_loader;
    DatasetPtr m_loaded;
    ValidationReport m_report;
    DatasetPtr m_dataset;
    LabelChoice m_choice;
    std::vector<CropCodeCount> m_cropCodes;
    QStringList m_otherColumns;
};

}  // namespace bridgelc
