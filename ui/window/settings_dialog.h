#pragma once
#include <QDialog>

#include "core/train/training_settings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace bridgelc {

/// Edits every hyper-parameter of a training run, with one-click "Paper preset" and "Laptop default".
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const TrainingSettings& settings, QWidget* parent = nullptr);

    /// The settings as edited; `preset` names the preset last applied, or "custom" once anything was changed.
    TrainingSettings settings() const;
    void setSettings(const TrainingSettings& settings);

    /// The model of the model preset last applied (e.g. "aoa-gated"), or empty when none was, or when a field
    /// was changed after it: the window then switches its model choice to it.
    std::string presetModel() const;

    /// Whether the patience boxes can be edited (only with early stopping), for tests.
    bool patienceEditable() const;

private:
    void markCustom();
    void updateEarlyStopping();

    QLabel* m_preset;
    QString m_presetName;
    std::string m_presetModel;
    bool m_loading = false;
    QSpinBox* m_epochs;
    QSpinBox* m_batchSize;
    QDoubleSpinBox* m_learningRate;
    QDoubleSpinBox* m_weightDecay;
    QCheckBox* m_cosine;
    QCheckBox* m_earlyStopping;
    QSpinBox* m_patience;
    QDoubleSpinBox* m_ema;
    QDoubleSpinBox* m_contrastiveWeight;
    QDoubleSpinBox* m_temperature;
    QComboBox* m_weighting;
    QComboBox* m_scaling;
    QSpinBox* m_threads;
    QSpinBox* m_seed;
    QSpinBox* m_trees;
    QSpinBox* m_treeDepth;
    QSpinBox* m_boostingRounds;
    QDoubleSpinBox* m_boostingRate;
    QSpinBox* m_boostingPatience;
};

}  // namespace bridgelc
