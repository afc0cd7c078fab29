#pragma once
#include <QToolBar>

#include "ui/jobs/metatypes.h"

class QComboBox;
class QMenu;
class QToolButton;

namespace bridgelc {

class MainActions;

/// The main toolbar: Open, Sample | Model, Scenario (EXTRAP / LORO with the held-out region / BLOCKS with the
/// test fold) | Train, Stop, Run all, Settings | Export. Remembers the model and scenario choices in
/// AppSettings. On a narrow window it gives up first the long scenario names, then the buttons' text and the
/// captions (Form), before Qt would hide its last commands behind "»".
class RunToolBar : public QToolBar {
    Q_OBJECT
public:
    RunToolBar(MainActions& actions, QWidget* parent = nullptr);

    /// Registry name of the chosen model.
    std::string modelName() const;
    /// Chooses the model of that registry name (remembered like a choice made by hand); false if not listed.
    bool setModelName(const std::string& name);
    /// EXTRAP or LORO.
    Scenario scenario() const;
    /// Index into biogeographicalRegions() of the held-out region (LORO), or -1.
    int heldOutRegion() const;
    /// The test fold (0-based) of spatial blocks (BLOCKS); 0 otherwise.
    int blockFold() const;
    /// Fills the held-out region list with the regions present in `dataset` (none when null).
    void setDataset(const DatasetPtr& dataset);
    /// The menu the Export button opens.
    void setExportMenu(QMenu* menu);
    /// Model, scenario and region choosers are locked while training.
    void setChoicesEnabled(bool enabled);

    QComboBox* modelBox() const { return m_model; }
    QComboBox* scenarioBox() const { return m_scenario; }
    QComboBox* regionBox() const { return m_region; }
    QComboBox* foldBox() const { return m_fold; }
    /// How much the toolbar gave up to fit its window.
    enum class Form {
        Full,          ///< text beside every icon, full scenario names
        ShortChoices,  ///< text beside icons, short scenario names ("LORO"), narrower region list
        IconsOnly      ///< short choices, icons without text, no "Model:"/"Scenario:" captions
    };
    Form form() const { return m_form; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateRegionEnabled();
    void setForm(Form form);
    /// Width every item needs side by side in the current form.
    int neededWidth() const;
    void adaptToWidth();

    QComboBox* m_model;
    QComboBox* m_scenario;
    QComboBox* m_region;
    QComboBox* m_fold;
    QAction* m_regionAction = nullptr;
    QAction* m_foldAction = nullptr;
    QToolButton* m_export;
    QList<QAction*> m_labels;  ///< the "Model:" and "Scenario:" captions
    Form m_form = Form::Full;
    bool m_adapting = false;
};

}  // namespace bridgelc
