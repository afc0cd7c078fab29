// The hyper-parameter dialog: presets fill every field, edits mark the preset "custom", values round-trip.
#include <QCheckBox>
#include <QPushButton>
#include <QSpinBox>

#include "core/model/model_presets.h"
#include "core/model/model_registry.h"
#include "core/train/setting_fields.h"

#include "tests/ui/screenshot_output.h"
#include "tests/ui/ui_test_support.h"
#include "ui/window/app_settings.h"
#include "ui/window/settings_dialog.h"

using namespace bridgelc;

namespace {

QPushButton* buttonNamed(QWidget& parent, const QString& text) {
    for (auto* button : parent.findChildren<QPushButton*>())
        if (button->text() == text) return button;
    return nullptr;
}

void compareSettings(const TrainingSettings& a, const TrainingSettings& b) {
    QCOMPARE(a.epochs, b.epochs);
    QCOMPARE(a.batchSize, b.batchSize);
    QCOMPARE(a.learningRate, b.learningRate);
    QCOMPARE(a.weightDecay, b.weightDecay);
    QCOMPARE(a.cosineSchedule, b.cosineSchedule);
    QCOMPARE(a.earlyStopping, b.earlyStopping);
    QCOMPARE(a.patience, b.patience);
    QCOMPARE(a.emaMomentum, b.emaMomentum);
    QCOMPARE(a.contrastiveWeight, b.contrastiveWeight);
    QCOMPARE(a.contrastiveTemperature, b.contrastiveTemperature);
    QCOMPARE(int(a.classWeighting), int(b.classWeighting));
    QCOMPARE(int(a.scaling), int(b.scaling));
    QCOMPARE(a.threads, b.threads);
    QCOMPARE(a.seed, b.seed);
    QCOMPARE(a.trees, b.trees);
    QCOMPARE(a.treeMaxDepth, b.treeMaxDepth);
    QCOMPARE(a.boostingRounds, b.boostingRounds);
    QCOMPARE(a.boostingLearningRate, b.boostingLearningRate);
    QCOMPARE(a.boostingEarlyStoppingRounds, b.boostingEarlyStoppingRounds);
}

}  // namespace

class TestSettingsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void presetsFillEveryField() {
        SettingsDialog dialog(TrainingSettings::laptop());
        compareSettings(dialog.settings(), TrainingSettings::laptop());
        QCOMPARE(dialog.settings().preset, TrainingSettings::laptop().preset);
        QPushButton* paper = buttonNamed(dialog, QStringLiteral("Paper preset"));
        QVERIFY(paper);
        paper->click();
        compareSettings(dialog.settings(), TrainingSettings::paper());
        QCOMPARE(dialog.settings().preset, TrainingSettings::paper().preset);
        QVERIFY(TrainingSettings::paper().epochs != TrainingSettings::laptop().epochs);
        buttonNamed(dialog, QStringLiteral("Laptop default"))->click();
        compareSettings(dialog.settings(), TrainingSettings::laptop());
        QVERIFY(dialog.presetModel().empty());
    }

    // A model preset fills the settings and names its model, until a field is changed by hand.
    void modelPresetsChooseTheirModel() {
        QVERIFY(!modelPresets().empty());
        for (const ModelPreset& preset : modelPresets()) {
            QVERIFY2(findModel(preset.model), preset.model.c_str());
            SettingsDialog dialog(TrainingSettings::paper());
            QPushButton* button = buttonNamed(dialog, QString::fromStdString(preset.displayName));
            QVERIFY(button);
            QVERIFY(!button->toolTip().isEmpty());
            button->click();
            compareSettings(dialog.settings(), preset.settings);
            QCOMPARE(dialog.settings().preset, preset.name);
            QCOMPARE(dialog.presetModel(), preset.model);
            dialog.show();
            test::ScreenshotOutput().save(
                dialog.grab().toImage(),
                QStringLiteral("settings-%1.png").arg(QString::fromStdString(preset.name)));
            for (auto* box : dialog.findChildren<QSpinBox*>())
                if (box->isEnabled() && box->value() < box->maximum()) {
                    box->setValue(box->value() + 1);
                    break;
                }
            QCOMPARE(dialog.settings().preset, std::string("custom"));
            QVERIFY(dialog.presetModel().empty());
        }
    }

    void patienceOnlyEditableWithEarlyStopping() {
        TrainingSettings settings = TrainingSettings::laptop();
        QVERIFY(settings.earlyStopping);
        settings.earlyStopping = false;
        settings.patience = 7;
        SettingsDialog dialog(settings);
        QVERIFY(!dialog.patienceEditable());
        QCheckBox* early = nullptr;
        for (auto* box : dialog.findChildren<QCheckBox*>())
            if (box->text() == QString::fromUtf8(trainingSettingField("earlyStopping").help)) early = box;
        QVERIFY(early);
        early->click();
        QVERIFY(dialog.patienceEditable());
        early->click();
        QVERIFY(!dialog.patienceEditable());
        QCOMPARE(dialog.settings().patience, 7);  // kept for when early stopping comes back
        buttonNamed(dialog, QStringLiteral("Laptop default"))->click();
        QVERIFY(dialog.patienceEditable());
        buttonNamed(dialog, QStringLiteral("Paper preset"))->click();  // 500 epochs, no early stopping
        QVERIFY(!dialog.patienceEditable());
    }

    void editingMarksCustomAndRoundTrips() {
        TrainingSettings odd = TrainingSettings::laptop();
        odd.epochs = 77;
        odd.batchSize = 256;
        odd.learningRate = 2.5e-4;
        odd.emaMomentum = 0.9;
        odd.classWeighting = ClassWeighting::InverseFrequency;
        odd.scaling = FeatureScaling::ZScore;
        odd.seed = 12345;
        odd.boostingRounds = 99;
        SettingsDialog dialog(odd);
        compareSettings(dialog.settings(), odd);
        auto boxes = dialog.findChildren<QSpinBox*>();
        QVERIFY(!boxes.isEmpty());
        boxes.front()->setValue(boxes.front()->value() + 1);
        QCOMPARE(dialog.settings().preset, std::string("custom"));

        AppSettings::setTrainingSettings(odd);
        compareSettings(AppSettings::trainingSettings(), odd);
    }
};

BRIDGELC_UI_TEST_MAIN(TestSettingsDialog)
#include "test_settings_dialog.moc"
