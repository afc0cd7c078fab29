#include "ui/window/app_settings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

#include <stdexcept>
#include <type_traits>
#include <variant>

#include "core/train/setting_fields.h"
#include "core/util/product.h"

namespace bridgelc {

// The keys, types and defaults come from the one description of the settings (core/train/setting_fields.h),
// the same that saves them with runs as JSON. A stored value that no longer fits keeps the default.
TrainingSettings AppSettings::trainingSettings() {
    QSettings s;
    TrainingSettings t = TrainingSettings::laptop();
    s.beginGroup(QStringLiteral("training"));
    for (const SettingField& field : trainingSettingFields()) {
        const QVariant stored = s.value(QLatin1String(field.key));
        if (!stored.isValid()) continue;
        SettingValue value = field.get(t);
        std::visit(
            [&stored](auto& typed) {
                using T = std::decay_t<decltype(typed)>;
                if constexpr (std::is_same_v<T, std::string>)
                    typed = stored.toString().toStdString();
                else
                    typed = stored.value<T>();
            },
            value);
        try {
            field.set(t, value);
        } catch (const std::invalid_argument&) {
        }
    }
    s.endGroup();
    return t;
}

void AppSettings::setTrainingSettings(const TrainingSettings& t) {
    QSettings s;
    s.beginGroup(QStringLiteral("training"));
    for (const SettingField& field : trainingSettingFields()) {
        std::visit(
            [&](const auto& value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, std::string>)
                    s.setValue(QLatin1String(field.key), QString::fromStdString(value));
                else if constexpr (std::is_same_v<T, std::uint64_t>)
                    s.setValue(QLatin1String(field.key), qulonglong(value));
                else
                    s.setValue(QLatin1String(field.key), value);
            },
            field.get(t));
    }
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

int AppSettings::blockFold() {
    return QSettings().value("run/blockFold", 0).toInt();
}
void AppSettings::setBlockFold(int fold) {
    QSettings().setValue("run/blockFold", fold);
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
    const QString root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                         QLatin1Char('/') + QString::fromLatin1(kRunsFolderName);
    QDir().mkpath(root);
    return root;
}

}  // namespace bridgelc
