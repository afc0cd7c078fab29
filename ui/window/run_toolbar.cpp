#include "ui/window/run_toolbar.h"

#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <algorithm>

#include "core/geo/regions.h"
#include "core/model/model_registry.h"
#include "ui/common/icons.h"
#include "ui/window/app_settings.h"
#include "ui/window/main_actions.h"

namespace bridgelc {
namespace {
// The GUI offers the CLI's default k (ScenarioOptions::blockFolds); the CLI can choose another.
constexpr int kBlockFolds = 5;
}  // namespace

RunToolBar::RunToolBar(MainActions& actions, QWidget* parent)
    : QToolBar(tr("Main"), parent),
      m_model(new QComboBox(this)),
      m_scenario(new QComboBox(this)),
      m_region(new QComboBox(this)),
      m_fold(new QComboBox(this)),
      m_export(new QToolButton(this)) {
    setObjectName(QStringLiteral("mainToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(20, 20));
    addAction(actions.open);
    addAction(actions.sample);
    addSeparator();

    for (const ModelInfo& info : availableModels()) {
        m_model->addItem(QString::fromStdString(info.displayName), QString::fromStdString(info.name));
        m_model->setItemData(m_model->count() - 1, QString::fromStdString(info.description), Qt::ToolTipRole);
    }
    m_model->setToolTip(tr("Model to train"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const int savedModel = m_model->findData(AppSettings::modelName());
    if (savedModel >= 0) m_model->setCurrentIndex(savedModel);
    m_labels << addWidget(new QLabel(tr(" Model: "), this));
    addWidget(m_model);

    m_scenario->addItem(tr("EXTRAP (random split)"), QString(Scenario(Scenario::Extrap).name()));
    m_scenario->addItem(tr("LORO (leave one region out)"), QString(Scenario(Scenario::Loro).name()));
    m_scenario->addItem(tr("BLOCKS (spatial 5-fold)"), QString(Scenario(Scenario::Blocks).name()));
    m_scenario->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scenario->setToolTip(
        tr("EXTRAP: 70/10/20 stratified split. LORO: test on one biogeographical region never seen in "
           "training. Spatial blocks: test on one fold of 100 km squares (EPSG:3035), so test points are "
           "never next to training points."));
    const int savedScenario = m_scenario->findData(AppSettings::scenario());
    if (savedScenario >= 0) m_scenario->setCurrentIndex(savedScenario);
    m_labels << addWidget(new QLabel(tr("  Scenario: "), this));
    addWidget(m_scenario);
    m_region->setToolTip(tr("Region held out for testing (LORO)"));
    m_region->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_region->setMinimumContentsLength(12);
    m_regionAction = addWidget(m_region);
    for (int fold = 0; fold < kBlockFolds; ++fold)
        m_fold->addItem(tr("Fold %1 of %2").arg(fold + 1).arg(kBlockFolds), fold);
    m_fold->setToolTip(tr("Which fold of spatial blocks is the test part (BLOCKS)"));
    m_fold->setCurrentIndex(std::clamp(AppSettings::blockFold(), 0, kBlockFolds - 1));
    m_foldAction = addWidget(m_fold);
    addSeparator();

    addAction(actions.train);
    addAction(actions.stop);
    addAction(actions.runAll);
    addSeparator();
    addAction(actions.settings);
    m_export->setIcon(productIcon(QStringLiteral("export")));
    m_export->setText(tr("Export"));
    m_export->setToolTip(tr("Export predictions, the model or figures"));
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_export->setPopupMode(QToolButton::InstantPopup);
    addWidget(m_export);

    connect(m_model, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { AppSettings::setModelName(m_model->currentData().toString()); });
    connect(m_scenario, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        AppSettings::setScenario(m_scenario->currentData().toString());
        updateRegionEnabled();
    });
    connect(m_fold, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [](int index) { AppSettings::setBlockFold(index); });
    connect(m_region, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int index) {
        if (index >= 0) AppSettings::setHeldOutRegion(m_region->currentData(Qt::UserRole + 1).toString());
    });
    setDataset(nullptr);
}

std::string RunToolBar::modelName() const {
    return m_model->currentData().toString().toStdString();
}

bool RunToolBar::setModelName(const std::string& name) {
    const int index = m_model->findData(QString::fromStdString(name));
    if (index < 0) return false;
    m_model->setCurrentIndex(index);
    return true;
}

Scenario RunToolBar::scenario() const {
    return Scenario::fromName(m_scenario->currentData().toString().toStdString()).value_or(Scenario::Extrap);
}

int RunToolBar::heldOutRegion() const {
    return scenario() == Scenario::Loro && m_region->currentIndex() >= 0 ? m_region->currentData().toInt()
                                                                         : -1;
}

void RunToolBar::setDataset(const DatasetPtr& dataset) {
    const QSignalBlocker blocker(m_region);
    m_region->clear();
    if (dataset) {
        const QLocale locale;
        const auto counts = dataset->regionCounts();
        const auto& regions = biogeographicalRegions();
        for (std::size_t r = 0; r < regions.size() && r < counts.size(); ++r) {
            if (counts[r] == 0) continue;
            m_region->addItem(
                QStringLiteral("%1 (%2 points)")
                    .arg(QString::fromStdString(regions[r].name), locale.toString(qulonglong(counts[r]))),
                static_cast<int>(r));
            m_region->setItemData(m_region->count() - 1, QString::fromStdString(regions[r].code),
                                  Qt::UserRole + 1);
        }
        const QString saved = AppSettings::heldOutRegion();
        for (int i = 0; i < m_region->count(); ++i)
            if (m_region->itemData(i, Qt::UserRole + 1).toString() == saved) m_region->setCurrentIndex(i);
    }
    if (m_region->count() == 0) m_region->addItem(tr("(no regions)"), -1);
    updateRegionEnabled();
}

void RunToolBar::setExportMenu(QMenu* menu) {
    m_export->setMenu(menu);
}

void RunToolBar::setChoicesEnabled(bool enabled) {
    m_model->setEnabled(enabled);
    m_scenario->setEnabled(enabled);
    m_fold->setEnabled(enabled);
    updateRegionEnabled();
}

void RunToolBar::resizeEvent(QResizeEvent* event) {
    QToolBar::resizeEvent(event);
    adaptToWidth();
}

void RunToolBar::adaptToWidth() {
    if (m_adapting || orientation() != Qt::Horizontal) return;
    m_adapting = true;
    // The fullest form that fits: full, then short choices, then icons alone.
    for (Form form : {Form::Full, Form::ShortChoices, Form::IconsOnly}) {
        setForm(form);
        if (neededWidth() <= width()) break;
    }
    m_adapting = false;
}

int RunToolBar::neededWidth() const {
    int needed = 2 * layout()->contentsMargins().left() + 24;  // margins and the handle
    for (QAction* action : actions()) {
        if (!action->isVisible()) continue;
        if (action->isSeparator()) {
            needed += 8 + layout()->spacing();
            continue;
        }
        if (const QWidget* widget = widgetForAction(action))
            needed += widget->sizeHint().width() + layout()->spacing();
    }
    return needed;
}

void RunToolBar::setForm(Form form) {
    if (form == m_form) return;
    m_form = form;
    const bool compact = form != Form::Full;
    const bool iconsOnly = form == Form::IconsOnly;
    setToolButtonStyle(iconsOnly ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    m_export->setToolButtonStyle(iconsOnly ? Qt::ToolButtonIconOnly : Qt::ToolButtonTextBesideIcon);
    for (QAction* label : m_labels)
        label->setVisible(!iconsOnly);
    // The short names are what the tooltips and the result banners say in full.
    const QStringList full = {tr("EXTRAP (random split)"), tr("LORO (leave one region out)"),
                              tr("BLOCKS (spatial 5-fold)")};
    const QStringList brief = {tr("EXTRAP"), tr("LORO"), tr("BLOCKS")};
    for (int i = 0; i < m_scenario->count() && i < full.size(); ++i)
        m_scenario->setItemText(i, compact ? brief[i] : full[i]);
    m_region->setMinimumContentsLength(compact ? 8 : 12);
    m_region->setSizeAdjustPolicy(compact ? QComboBox::AdjustToMinimumContentsLengthWithIcon
                                          : QComboBox::AdjustToContents);
    for (QAction* action : actions())
        if (QWidget* widget = widgetForAction(action)) widget->updateGeometry();
}

int RunToolBar::blockFold() const {
    return scenario() == Scenario::Blocks ? std::max(0, m_fold->currentIndex()) : 0;
}

void RunToolBar::updateRegionEnabled() {
    const bool blocks = scenario() == Scenario::Blocks;
    m_regionAction->setVisible(!blocks);
    m_foldAction->setVisible(blocks);
    m_region->setEnabled(m_scenario->isEnabled() && scenario() == Scenario::Loro);
    adaptToWidth();  // the region list or the fold box changed the width the toolbar needs
}

}  // namespace bridgelc
