#include "ui/app_settings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace bridgelc {

TrainingSettings AppSettings::trainingSettings() {
    QSettings s;
    TrainingSettings t = TrainingSettings::laptop();
    s.beginGroup(QStringLiteral("training"));
    t.preset = s.value("preset", QString::fromStdString(t.preset)).toString().toStdString();
    t.epochs = s.value("epochs", t.epochs).toInt();
    t.batchSize = s.value("batchSize", t.batchSize).toInt();
    t.learningRate = s.value("learningRate", t.learningRate).toDouble();
    t.weightDecay = s.value("weightDecay", t.weightDecay).toDouble();
    t.cosineSchedule = s.value("cosineSchedule", t.cosineSchedule).toBool();
    t.earlyStopping = s.value("earlyStopping", t.earlyStopping).toBool();
    t.patience = s.value("patience", t.patience).toInt();
    t.emaMomentum = s.value("emaMomentum", t.emaMomentum).toDouble();
    t.contrastiveWeight = s.value("contrastiveWeight", t.contrastiveWeight).toDouble();
    t.contrastiveTemperature = s.value("contrastiveTemperature", t.contrastiveTemperature).toDouble();
    t.classWeighting =
        s.value("classWeighting", t.classWeighting == ClassWeighting::InverseFrequency).toBool()
            ? ClassWeighting::InverseFrequency
            : ClassWeighting::None;
    t.scaling = s.value("zScore", t.scaling == FeatureScaling::ZScore).toBool() ? FeatureScaling::ZScore
                                                                                : FeatureScaling::MinMax;
    t.threads = s.value("threads", t.threads).toInt();
    t.seed = s.value("seed", qulonglong(t.seed)).toULongLong();
    t.trees = s.value("trees", t.trees).toInt();
    t.treeMaxDepth = s.value("treeMaxDepth", t.treeMaxDepth).toInt();
    t.boostingRounds = s.value("boostingRounds", t.boostingRounds).toInt();
    t.boostingLearningRate = s.value("boostingLearningRate", t.boostingLearningRate).toDouble();
    t.boostingEarlyStoppingRounds =
        s.value("boostingEarlyStoppingRounds", t.boostingEarlyStoppingRounds).toInt();
    s.endGroup();
    return t;
}

void AppSettings::setTrainingSettings(const TrainingSettings& t) {
    QSettings s;
    s.beginGroup(QStringLiteral("training"));
    s.setValue("preset", QString::fromStdString(t.preset));
    s.setValue("epochs", t.epochs);
    s.setValue("batchSize", t.batchSize);
    s.setValue("learningRate", t.learningRate);
    s.setValue("weightDecay", t.weightDecay);
    s.setValue("cosineSchedule", t.cosineSchedule);
    s.setValue("earlyStopping", t.earlyStopping);
    s.setValue("patience", t.patience);
    s.setValue("emaMomentum", t.emaMomentum);
    s.setValue("contrastiveWeight", t.contrastiveWeight);
    s.setValue("contrastiveTemperature", t.contrastiveTemperature);
    s.setValue("classWeighting", t.classWeighting == ClassWeighting::InverseFrequency);
    s.setValue("zScore", t.scaling == FeatureScaling::ZScore);
    s.setValue("threads", t.threads);
    s.setValue("seed", qulonglong(t.seed));
    s.setValue("trees", t.trees);
    s.setValue("treeMaxDepth", t.treeMaxDepth);
    s.setValue("boostingRounds", t.boostingRounds);
    s.setValue("boostingLearningRate", t.boostingLearningRate);
    s.setValue("boostingEarlyStoppingRounds", t.boostingEarlyStoppingRounds);
    s.endGroup();
}

QString AppSettings::modelName() {
    return QSettings().value("run/model", "bridgelc").toString();
}
void AppSettings::setModelName(const QString& name) {
    QSettings().setValue("run/model", name);
}
QString AppSettings::scenario() {
    return QSettings().value("run/scenario", "extrap").toString();
}
void AppSettings::setScenario(const QString& scenario) {
    QSettings().setValue("run/scenario", scenario);
}
QString AppSettings::heldOutRegion() {
    return QSettings().value("run/heldOutRegion").toString();
}
void AppSettings::setHeldOutRegion(const QString& code) {
    QSettings().setValue("run/heldOutRegion", code);
}
QString AppSettings::lastFile() {
    return QSettings().value("files/last").toString();
}
void AppSettings::setLastFile(const QString& path) {
    QSettings().setValue("files/last", path);
}
QStringList AppSettings::recentFiles() {
    return QSettings().value("files/recent").toStringList();
}
void AppSettings::setRecentFiles(const QStringList& files) {
    QSettings().setValue("files/recent", files);
}

QStringList AppSettings::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > maxRecentFiles)
        files.removeLast();
    setRecentFiles(files);
    return files;
}

QString AppSettings::runsRoot() {
    const QString root =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
    QDir().mkpath(root);
    return root;
}

}  // namespace bridgelc
