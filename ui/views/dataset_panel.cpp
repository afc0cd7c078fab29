#include "ui/views/dataset_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/data/point_reader.h"
#include "core/geo/regions.h"
#include "core/run/sanity_checks.h"
#include "ui/common/class_colors.h"
#include "ui/common/icons.h"
#include "ui/jobs/dataset_loader.h"
#include "ui/views/problems_view.h"

namespace bridgelc {
namespace {

QTreeWidget* makeCountList(const QString& what, QWidget* parent) {
    auto* tree = new QTreeWidget(parent);
    tree->setColumnCount(3);
    tree->setHeaderLabels({what, DatasetPanel::tr("Points"), QStringLiteral("%")});
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setSelectionMode(QAbstractItemView::NoSelection);
    tree->header()->setStretchLastSection(false);
    tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    return tree;
}

QTreeWidgetItem* countItem(const QString& name, std::size_t count, std::size_t total) {
    const QLocale locale;
    auto* item = new QTreeWidgetItem;
    item->setText(0, name);
    item->setText(1, locale.toString(qulonglong(count)));
    item->setText(2, total ? locale.toString(100.0 * double(count) / double(total), 'f', 1) : QString());
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QWidget* boxed(const QString& title, QWidget* content) {
    auto* box = new QGroupBox(title);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

}  // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent),
      m_file(new QLabel(this)),
      m_syntheticBadge(new QLabel(this)),
      m_points(new QLabel(this)),
      m_features(new QLabel(this)),
      m_classCount(new QLabel(this)),
      m_regionCount(new QLabel(this)),
      m_labels(new QComboBox(this)),
      m_dropped(new QLabel(this)),
      m_classes(makeCountList(tr("Class"), this)),
      m_regions(makeCountList(tr("Region"), this)),
      m_problems(new ProblemsView(this)),
      m_warningArea(new QLabel(this)),
      m_keepMostlyEmpty(new QCheckBox(this)) {
    m_file->setWordWrap(true);
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syntheticBadge->setText(
        tr("Synthetic sample: real LUCAS 2018 locations and labels, features drawn from statistics fitted on "
           "real data. Not real measurements."));
    m_syntheticBadge->setWordWrap(true);
    m_syntheticBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff4d6; color: #6b4e00; border: 1px solid #e0b84a; border-radius: 3px; "
        "padding: 4px; }"));
    m_syntheticBadge->setVisible(false);

    // Warnings are the first thing under the facts, in the colours of a warning, not a line in a log.
    m_warningArea->setWordWrap(true);
    m_warningArea->setTextFormat(Qt::RichText);
    m_warningArea->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warningArea->setObjectName(QStringLiteral("datasetWarnings"));
    m_warningArea->setStyleSheet(QStringLiteral(
        "QLabel { background: #fdecea; color: #7a1c12; border: 1px solid #e0a199; border-radius: 3px; "
        "padding: 4px; }"));
    m_warningArea->setVisible(false);

    m_keepMostlyEmpty->setText(tr("Use mostly-empty columns as features"));
    m_keepMostlyEmpty->setToolTip(
        tr("Feature columns missing in more than %1 % of the rows are left out by default: filling most of a "
           "column with its mean gives the model a constant. Check this to use them anyway (the file is read "
           "again).")
            .arg(kMostlyMissingShare * 100, 0, 'f', 0));
    m_keepMostlyEmpty->setChecked(DatasetLoader::keepMostlyEmptyColumns());
    connect(m_keepMostlyEmpty, &QCheckBox::toggled, this, &DatasetPanel::onKeepMostlyEmptyToggled);

    m_classes->setObjectName(QStringLiteral("classList"));
    m_labels->setObjectName(QStringLiteral("labelsBox"));
    m_labels->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_labels->setMinimumContentsLength(12);
    m_labels->setToolTip(
        tr("Which labels the models learn: land cover (LUCAS level 1), crop types of the Cropland points "
           "(LUCAS crop codes with at least %1 points, as in the paper's level 2), or another label column "
           "of the file.")
            .arg(kCropTypeMinPoints));
    m_labels->setEnabled(false);
    connect(m_labels, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        LabelChoice choice;
        choice.level = m_labels->itemData(index, Qt::UserRole).toInt();
        choice.labelColumn = m_labels->itemData(index, Qt::UserRole + 1).toString().toStdString();
        Q_EMIT labelsChosen(choice);
    });
    m_dropped->setWordWrap(true);
    m_dropped->setObjectName(QStringLiteral("droppedCropCodes"));
    m_dropped->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dropped->setVisible(false);

    auto* facts = new QFormLayout;
    facts->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    facts->addRow(tr("File:"), m_file);
    facts->addRow(tr("Labels:"), m_labels);
    facts->addRow(tr("Points:"), m_points);
    facts->addRow(tr("Features:"), m_features);
    facts->addRow(tr("Classes:"), m_classCount);
    facts->addRow(tr("Regions:"), m_regionCount);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* classes = new QWidget(this);
    auto* classLayout = new QVBoxLayout(classes);
    classLayout->setContentsMargins(0, 0, 0, 0);
    classLayout->addWidget(m_classes, 1);
    classLayout->addWidget(m_dropped);
    splitter->addWidget(boxed(tr("Classes"), classes));
    splitter->addWidget(boxed(tr("Biogeographical regions"), m_regions));
    splitter->addWidget(boxed(tr("Problems"), m_problems));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 4);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(facts);
    layout->addWidget(m_syntheticBadge);
    layout->addWidget(m_warningArea);
    layout->addWidget(m_keepMostlyEmpty);
    layout->addWidget(splitter, 1);
    setLoading(QString());
}

void DatasetPanel::clearLists() {
    m_classes->clear();
    m_regions->clear();
    m_problems->clear();
    for (QLabel* label : {m_points, m_features, m_classCount, m_regionCount}) {
        label->setText(QStringLiteral("–"));
        label->setToolTip(QString());
    }
    m_syntheticBadge->setVisible(false);
    m_dropped->clear();
    m_dropped->setVisible(false);
    showWarnings({});
}

void DatasetPanel::setLabelChoices(const LabelChoice& current, bool cropTypes,
                                   const QStringList& otherColumns, const std::vector<CropCodeCount>& codes) {
    const QSignalBlocker quiet(m_labels);
    m_labels->clear();
    const auto add = [this](const QString& text, int level, const QString& column) {
        m_labels->addItem(text);
        m_labels->setItemData(m_labels->count() - 1, level, Qt::UserRole);
        m_labels->setItemData(m_labels->count() - 1, column, Qt::UserRole + 1);
    };
    add(tr("Land cover"), 1, QString());
    if (cropTypes || current.level == 2) add(tr("Crop types of cropland points"), 2, QString());
    QStringList columns = otherColumns;
    const QString chosenColumn = QString::fromStdString(current.labelColumn);
    if (!chosenColumn.isEmpty() && !columns.contains(chosenColumn)) columns << chosenColumn;
    for (const QString& column : columns)
        add(tr("Column %1").arg(column), 1, column);
    for (int i = 0; i < m_labels->count(); ++i)
        if (m_labels->itemData(i, Qt::UserRole).toInt() == current.level &&
            m_labels->itemData(i, Qt::UserRole + 1).toString() == chosenColumn)
            m_labels->setCurrentIndex(i);
    m_labels->setEnabled(m_labels->count() > 1);

    QStringList dropped;
    std::size_t droppedPoints = 0;
    const QLocale locale;
    for (const CropCodeCount& code : codes)
        if (!code.kept) {
            dropped << tr("%1 (%2)").arg(QString::fromStdString(code.displayName),
                                         locale.toString(qulonglong(code.points)));
            droppedPoints += code.points;
        }
    const bool show = current.level == 2 && !dropped.isEmpty();
    m_dropped->setVisible(show);
    m_dropped->setText(show ? tr("Dropped for fewer than %1 points (%2 points): %3")
                                  .arg(current.cropMinPoints)
                                  .arg(locale.toString(qulonglong(droppedPoints)))
                                  .arg(dropped.join(QStringLiteral(", ")))
                            : QString());
}

QString DatasetPanel::droppedNote() const {
    return m_dropped->isHidden() ? QString() : m_dropped->text();
}

void DatasetPanel::showWarnings(const QStringList& warnings) {
    m_warningTexts = warnings;
    m_warningArea->setVisible(!warnings.isEmpty());
    if (warnings.isEmpty()) {
        m_warningArea->clear();
        return;
    }
    QString html = QStringLiteral("<b>%1</b>").arg(warnings.size() == 1 ? tr("Warning") : tr("Warnings"));
    for (const QString& warning : warnings)
        html += QStringLiteral("<br>• ") + warning.toHtmlEscaped();
    m_warningArea->setText(html);
}

void DatasetPanel::setLoader(DatasetLoader* loader) {
    m_loader = loader;
}

DatasetLoader* DatasetPanel::loader() {
    // The window owns the loader; found once when no one handed it over.
    if (!m_loader && window()) m_loader = window()->findChild<DatasetLoader*>();
    return m_loader;
}

void DatasetPanel::onKeepMostlyEmptyToggled(bool keep) {
    DatasetLoader::setKeepMostlyEmptyColumns(keep);
    // The sample has no such columns; a file is read again so the choice takes effect now.
    if (DatasetLoader* l = loader(); l && !l->lastPath().isEmpty()) l->reload();
}

bool DatasetPanel::isWarningAreaVisible() const {
    return !m_warningArea->isHidden();
}

void DatasetPanel::setLoading(const QString& what) {
    clearLists();
    m_file->setText(what.isEmpty() ? tr("No dataset loaded. Use File ▸ Open or the built-in sample.")
                                   : tr("Reading %1 …").arg(what));
}

void DatasetPanel::setFailed(const QString& displayName, const QString& message,
                             const ValidationReport& report) {
    clearLists();
    m_file->setText(tr("%1\n(not loaded: %2)").arg(displayName, message));
    m_problems->setReport(report);
}

void DatasetPanel::setDataset(const DatasetPtr& dataset, const ValidationReport& report,
                              const QString& displayName) {
    clearLists();
    const QLocale locale;
    const Dataset& data = *dataset;
    m_file->setText(displayName);
    m_file->setToolTip(QString::fromStdString(data.sourcePath));
    m_syntheticBadge->setVisible(data.synthetic);
    m_points->setText(locale.toString(qulonglong(data.size())));
    m_features->setText(locale.toString(qulonglong(data.featureCount())));
    QStringList featureNames;
    for (const auto& name : data.featureNames)
        featureNames << QString::fromStdString(name);
    m_features->setToolTip(featureNames.join(QStringLiteral(", ")));

    const auto classCounts = data.classCounts();
    for (std::size_t c = 0; c < data.classNames.size(); ++c) {
        const QString name = QString::fromStdString(data.classNames[c]);
        auto* item = countItem(name, c < classCounts.size() ? classCounts[c] : 0, data.size());
        item->setIcon(0, swatchIcon(classColor(static_cast<int>(c), name)));
        m_classes->addTopLevelItem(item);
    }
    m_classCount->setText(locale.toString(qulonglong(data.classNames.size())));

    const auto regionCounts = data.regionCounts();
    const auto& regions = biogeographicalRegions();
    int present = 0;
    for (std::size_t r = 0; r < regionCounts.size(); ++r) {
        if (regionCounts[r] == 0) continue;
        const QString name = r < regions.size()
                                 ? QStringLiteral("%1 (%2)").arg(QString::fromStdString(regions[r].name),
                                                                 QString::fromStdString(regions[r].code))
                                 : tr("Outside every region");
        m_regions->addTopLevelItem(countItem(name, regionCounts[r], data.size()));
        if (r < regions.size()) ++present;
    }
    m_regionCount->setText(locale.toString(present));
    m_problems->setReport(report);
    QStringList warnings;
    for (const std::string& warning : datasetWarnings(data))
        warnings << QString::fromStdString(warning);
    showWarnings(warnings);
}

int DatasetPanel::classRowCount() const {
    return m_classes->topLevelItemCount();
}

int DatasetPanel::regionRowCount() const {
    return m_regions->topLevelItemCount();
}

bool DatasetPanel::isSyntheticBadgeVisible() const {
    return !m_syntheticBadge->isHidden();
}

}  // namespace bridgelc
