#include "ui/window/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/model/model_presets.h"
#include "core/model/model_registry.h"
#include "core/train/setting_fields.h"

namespace bridgelc {
namespace {

// Ranges and tooltips come from the one description of the settings; the dialog adds only how to edit them.
QSpinBox* intBox(const char* key) {
    const SettingField& field = trainingSettingField(key);
    auto* box = new QSpinBox;
    box->setRange(static_cast<int>(field.minimum), static_cast<int>(field.maximum));
    box->setToolTip(QString::fromUtf8(field.help));
    return box;
}

QDoubleSpinBox* realBox(const char* key, int decimals, double step) {
    const SettingField& field = trainingSettingField(key);
    auto* box = new QDoubleSpinBox;
    box->setRange(field.minimum, field.maximum);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(QString::fromUtf8(field.help));
    return box;
}

QCheckBox* checkBox(const char* key, QWidget* parent) {
    return new QCheckBox(QString::fromUtf8(trainingSettingField(key).help), parent);
}

}  // namespace

SettingsDialog::SettingsDialog(const TrainingSettings& settings, QWidget* parent)
    : QDialog(parent),
      m_preset(new QLabel(this)),
      m_epochs(intBox("epochs")),
      m_batchSize(intBox("batchSize")),
      m_learningRate(realBox("learningRate", 7, 1e-5)),
      m_weightDecay(realBox("weightDecay", 5, 1e-3)),
      m_cosine(checkBox("cosineSchedule", this)),
      m_earlyStopping(checkBox("earlyStopping", this)),
      m_patience(intBox("patience")),
      m_ema(realBox("emaMomentum", 4, 0.01)),
      m_contrastiveWeight(realBox("contrastiveWeight", 3, 0.1)),
      m_temperature(realBox("contrastiveTemperature", 3, 0.01)),
      m_weighting(new QComboBox(this)),
      m_scaling(new QComboBox(this)),
      m_threads(intBox("threads")),
      m_seed(intBox("seed")),
      m_trees(intBox("trees")),
      m_treeDepth(intBox("treeMaxDepth")),
      m_boostingRounds(intBox("boostingRounds")),
      m_boostingRate(realBox("boostingLearningRate", 3, 0.01)),
      m_boostingPatience(intBox("boostingEarlyStoppingRounds")) {
    setWindowTitle(tr("Training settings"));
    m_weighting->addItem(tr("Inverse class frequency"), int(ClassWeighting::InverseFrequency));
    m_weighting->addItem(tr("None (plain cross-entropy)"), int(ClassWeighting::None));
    m_scaling->addItem(tr("Min-max to [0, 1]"), int(FeatureScaling::MinMax));
    m_scaling->addItem(tr("Z-score"), int(FeatureScaling::ZScore));

    auto* optimiser = new QFormLayout;
    optimiser->addRow(tr("Epochs:"), m_epochs);
    optimiser->addRow(tr("Batch size:"), m_batchSize);
    optimiser->addRow(tr("Learning rate:"), m_learningRate);
    optimiser->addRow(tr("Weight decay:"), m_weightDecay);
    optimiser->addRow(QString(), m_cosine);
    optimiser->addRow(QString(), m_earlyStopping);
    optimiser->addRow(tr("Patience:"), m_patience);
    optimiser->addRow(tr("EMA momentum:"), m_ema);
    auto* loss = new QFormLayout;
    loss->addRow(tr("Contrastive weight λ:"), m_contrastiveWeight);
    loss->addRow(tr("Temperature:"), m_temperature);
    loss->addRow(tr("Class weighting:"), m_weighting);
    loss->addRow(tr("Feature scaling:"), m_scaling);
    auto* other = new QFormLayout;
    other->addRow(tr("Forest trees:"), m_trees);
    other->addRow(tr("Tree depth:"), m_treeDepth);
    other->addRow(tr("Boosting rounds:"), m_boostingRounds);
    other->addRow(tr("Boosting rate:"), m_boostingRate);
    other->addRow(tr("Boosting patience:"), m_boostingPatience);
    other->addRow(tr("Threads:"), m_threads);
    other->addRow(tr("Seed:"), m_seed);

    auto group = [this](const QString& title, QFormLayout* form) {
        auto* box = new QGroupBox(title, this);
        box->setLayout(form);
        return box;
    };
    auto* columns = new QHBoxLayout;
    auto* right = new QVBoxLayout;
    columns->addWidget(group(tr("Optimiser"), optimiser));
    right->addWidget(group(tr("Loss and features"), loss));
    right->addWidget(group(tr("Trees and machine"), other));
    columns->addLayout(right);

    auto* presets = new QHBoxLayout;
    auto* paper = new QPushButton(tr("Paper preset"), this);
    paper->setToolTip(
        tr("500 epochs, no early stopping, EMA 0.95 from half-way, AdamW 1e-4, cosine, batch 128"));
    auto* laptop = new QPushButton(tr("Laptop default"), this);
    laptop->setToolTip(tr("Fewer epochs with early stopping; finishes in minutes"));
    connect(paper, &QPushButton::clicked, this, [this] { setSettings(TrainingSettings::paper()); });
    connect(laptop, &QPushButton::clicked, this, [this] { setSettings(TrainingSettings::laptop()); });
    presets->addWidget(paper);
    presets->addWidget(laptop);
    // A model preset sets the model too, so its button says which one; the tooltip gives the result behind
    // it.
    for (const ModelPreset& modelPreset : modelPresets()) {
        auto* button = new QPushButton(QString::fromStdString(modelPreset.displayName), this);
        button->setToolTip(QString::fromStdString(modelPreset.description));
        // modelPresets() is a static list, so the pointer outlives the dialog.
        const ModelPreset* chosen = &modelPreset;
        connect(button, &QPushButton::clicked, this, [this, chosen] {
            setSettings(chosen->settings);
            m_presetModel = chosen->model;
            m_preset->setText(tr("Preset: %1, model %2 (set on OK)")
                                  .arg(QString::fromStdString(chosen->displayName),
                                       QString::fromStdString(modelDisplayName(chosen->model))));
        });
        presets->addWidget(button);
    }
    presets->addStretch();
    presets->addWidget(m_preset);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(presets);
    layout->addLayout(columns);
    layout->addWidget(buttons);

    connect(m_earlyStopping, &QCheckBox::toggled, this, &SettingsDialog::updateEarlyStopping);
    setSettings(settings);
    for (auto* box : findChildren<QSpinBox*>())
        connect(box, qOverload<int>(&QSpinBox::valueChanged), this, &SettingsDialog::markCustom);
    for (auto* box : findChildren<QDoubleSpinBox*>())
        connect(box, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &SettingsDialog::markCustom);
    for (auto* box : findChildren<QCheckBox*>())
        connect(box, &QCheckBox::toggled, this, &SettingsDialog::markCustom);
    for (auto* box : findChildren<QComboBox*>())
        connect(box, qOverload<int>(&QComboBox::currentIndexChanged), this, &SettingsDialog::markCustom);
}

void SettingsDialog::markCustom() {
    if (m_loading) return;
    m_presetName = QStringLiteral("custom");
    m_presetModel.clear();
    m_preset->setText(tr("Preset: custom"));
}

std::string SettingsDialog::presetModel() const {
    return m_presetModel;
}

bool SettingsDialog::patienceEditable() const {
    return m_patience->isEnabled() && m_boostingPatience->isEnabled();
}

void SettingsDialog::updateEarlyStopping() {
    // Patience means nothing without early stopping; the value is kept for when it is switched on again.
    const bool on = m_earlyStopping->isChecked();
    for (QSpinBox* box : {m_patience, m_boostingPatience}) {
        box->setEnabled(on);
        auto* form =
            box->parentWidget() ? qobject_cast<QFormLayout*>(box->parentWidget()->layout()) : nullptr;
        if (QWidget* label = form ? form->labelForField(box) : nullptr) label->setEnabled(on);
    }
}

void SettingsDialog::setSettings(const TrainingSettings& t) {
    m_loading = true;
    m_presetModel.clear();
    m_presetName = QString::fromStdString(t.preset);
    m_preset->setText(tr("Preset: %1").arg(m_presetName));
    m_epochs->setValue(t.epochs);
    m_batchSize->setValue(t.batchSize);
    m_learningRate->setValue(t.learningRate);
    m_weightDecay->setValue(t.weightDecay);
    m_cosine->setChecked(t.cosineSchedule);
    m_earlyStopping->setChecked(t.earlyStopping);
    m_patience->setValue(t.patience);
    m_ema->setValue(t.emaMomentum);
    m_contrastiveWeight->setValue(t.contrastiveWeight);
    m_temperature->setValue(t.contrastiveTemperature);
    m_weighting->setCurrentIndex(m_weighting->findData(int(t.classWeighting)));
    m_scaling->setCurrentIndex(m_scaling->findData(int(t.scaling)));
    m_threads->setValue(t.threads);
    m_seed->setValue(static_cast<int>(t.seed));
    m_trees->setValue(t.trees);
    m_treeDepth->setValue(t.treeMaxDepth);
    m_boostingRounds->setValue(t.boostingRounds);
    m_boostingRate->setValue(t.boostingLearningRate);
    m_boostingPatience->setValue(t.boostingEarlyStoppingRounds);
    updateEarlyStopping();
    m_loading = false;
}

TrainingSettings SettingsDialog::settings() const {
    TrainingSettings t;
    t.preset = m_presetName.toStdString();
    t.epochs = m_epochs->value();
    t.batchSize = m_batchSize->value();
    t.learningRate = m_learningRate->value();
    t.weightDecay = m_weightDecay->value();
    t.cosineSchedule = m_cosine->isChecked();
    t.earlyStopping = m_earlyStopping->isChecked();
    t.patience = m_patience->value();
    t.emaMomentum = m_ema->value();
    t.contrastiveWeight = m_contrastiveWeight->value();
    t.contrastiveTemperature = m_temperature->value();
    t.classWeighting = static_cast<ClassWeighting>(m_weighting->currentData().toInt());
    t.scaling = static_cast<FeatureScaling>(m_scaling->currentData().toInt());
    t.threads = m_threads->value();
    t.seed = static_cast<std::uint64_t>(m_seed->value());
    t.trees = m_trees->value();
    t.treeMaxDepth = m_treeDepth->value();
    t.boostingRounds = m_boostingRounds->value();
    t.boostingLearningRate = m_boostingRate->value();
    t.boostingEarlyStoppingRounds = m_boostingPatience->value();
    return t;
}

}  // namespace bridgelc
