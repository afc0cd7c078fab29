#include "ui/window/label_selection.h"

#include <QSettings>
#include <algorithm>

#include "ui/jobs/dataset_loader.h"

namespace bridgelc {

namespace {
const char* const kLevelKey = "run/labelLevel";
}

LabelSelection::LabelSelection(DatasetLoader* loader, QObject* parent) : QObject(parent), m_loader(loader) {}

int LabelSelection::rememberedLevel() {
    const int level = QSettings().value(QLatin1String(kLevelKey), 1).toInt();
    return level == 2 ? 2 : 1;
}

void LabelSelection::setRememberedLevel(int level) {
    QSettings().setValue(QLatin1String(kLevelKey), level == 2 ? 2 : 1);
}

bool LabelSelection::hasCropTypes() const {
    return std::any_of(m_cropCodes.begin(), m_cropCodes.end(), [](const CropCodeCount& c) { return c.kept; });
}

void LabelSelection::setLoaded(const DatasetPtr& loaded, const ValidationReport& report) {
    m_loaded = loaded;
    m_report = report;
    m_cropCodes = loaded ? cropCodeCounts(*loaded) : std::vector<CropCodeCount>{};
    const QString column = m_loader ? m_loader->labelColumn() : QString();
    // The other columns are those of the file read with its usual labels; a reload with another column keeps
    // the list, so the usual labels can be chosen back.
    if (column.isEmpty()) {
        m_otherColumns.clear();
        for (const std::string& name : otherLabelColumns(report))
            m_otherColumns << QString::fromStdString(name);
    }
    m_choice.labelColumn = column.toStdString();
    m_choice.level = column.isEmpty() ? rememberedLevel() : 1;
    if (m_choice.level == 2 && !hasCropTypes()) m_choice.level = 1;
    derive();
}

void LabelSelection::clear() {
    m_loaded.reset();
    m_report = ValidationReport();
    m_dataset.reset();
    m_cropCodes.clear();
    m_otherColumns.clear();
    m_choice = LabelChoice{};
    Q_EMIT changed();
}

bool LabelSelection::canChoose(const LabelChoice& choice) const {
    if (!m_loaded) return false;
    if (choice.level == 2)
        return hasCropTypes() || (!m_choice.labelColumn.empty() && choice.labelColumn.empty());
    if (choice.labelColumn.empty() || choice.labelColumn == m_choice.labelColumn) return true;
    return m_otherColumns.contains(QString::fromStdString(choice.labelColumn));
}

bool LabelSelection::choose(const LabelChoice& choice) {
    if (!canChoose(choice)) return false;
    if (choice == m_choice) return true;
    if (choice.labelColumn != m_choice.labelColumn) {
        // Another column means other labels for every row: the file is read again with it.
        if (choice.labelColumn.empty()) setRememberedLevel(choice.level);
        return m_loader && m_loader->reloadWithLabelColumn(QString::fromStdString(choice.labelColumn));
    }
    m_choice = choice;
    setRememberedLevel(choice.level);
    derive();
    return true;
}

void LabelSelection::derive() {
    if (!m_loaded) {
        m_dataset.reset();
    } else if (m_choice.level == 2) {
        m_dataset = std::make_shared<const Dataset>(datasetForLabels(*m_loaded, m_choice));
    } else {
        m_dataset = m_loaded;
    }
    Q_EMIT changed();
}

}  // namespace bridgelc
