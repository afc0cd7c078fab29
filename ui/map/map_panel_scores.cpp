#include "ui/map/map_panel_scores.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <exception>
#include <map>

#include "core/geo/regions.h"
#include "core/io/run_store.h"
#include "core/model/model_registry.h"

namespace bridgelc {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("bridgelc::MapPanel", text);
}

// The EEA code of the region a LORO run held out, or empty.
QString heldOutCode(const RunSummary& run) {
    if (run.splitName.rfind("LORO-", 0) == 0) {
        const int index = regionIndex(run.splitName.substr(5));
        if (index >= 0) return QString::fromStdString(biogeographicalRegions()[std::size_t(index)].code);
    }
    QFile file(QString::fromStdString(run.directory) + QStringLiteral("/config.json"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QJsonObject split =
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("split")).toObject();
    const int index = regionIndex(split.value(QStringLiteral("heldOutRegion")).toString().toStdString());
    return index >= 0 ? QString::fromStdString(biogeographicalRegions()[std::size_t(index)].code) : QString();
}

}  // namespace

LoroScores loroRegionScores(const QString& runsRoot, const DatasetScope& dataset, const std::string& model) {
    LoroScores result;
    std::vector<RunSummary> runs;
    try {
        runs = RunStore(runsRoot.toStdString()).list();
    } catch (const std::exception& error) {
        result.note =
            tr("Cannot read the saved runs in %1: %2").arg(runsRoot, QString::fromStdString(error.what()));
        return result;
    }
    struct Sum {
        double total = 0;
        int runs = 0;
    };
    // model -> region -> sum, of this dataset's runs only: scores of other data would not be its scores.
    std::map<std::string, std::map<QString, Sum>> table;
    for (const RunSummary& run : runs) {
        if (run.scenario != "loro" || run.status != "completed") continue;
        const bool same = !run.datasetFingerprint.empty() && !dataset.fingerprint.empty()
                              ? run.datasetFingerprint == dataset.fingerprint
                              : !dataset.path.empty() && run.datasetPath == dataset.path;
        if (!same) continue;
        const QString code = heldOutCode(run);
        if (code.isEmpty()) continue;
        Sum& sum = table[run.modelName][code];
        sum.total += run.weightedF1;
        ++sum.runs;
    }
    const QString data = dataset.name.isEmpty() ? tr("this dataset") : dataset.name;
    auto displayName = [](const std::string& name) {
        const ModelInfo* info = findModel(name);
        return info ? QString::fromStdString(info->displayName) : QString::fromStdString(name);
    };
    auto chosen = table.end();
    if (!model.empty()) {
        chosen = table.find(model);  // the shown run's model, never another one
        if (chosen == table.end()) {
            result.note = tr("No completed leave-one-region-out runs of %1 on %2 are saved in %3.")
                              .arg(displayName(model), data, runsRoot);
            return result;
        }
    } else {
        for (auto it = table.begin(); it != table.end(); ++it)
            if (chosen == table.end() || it->second.size() > chosen->second.size()) chosen = it;
        if (chosen == table.end()) {
            result.note =
                tr("No completed leave-one-region-out runs on %1 are saved in %2.").arg(data, runsRoot);
            return result;
        }
    }
    int runCount = 0;
    for (const auto& [code, sum] : chosen->second) {
        result.scores.push_back({code, sum.total / sum.runs, sum.runs});
        runCount += sum.runs;
    }
    result.modelName = QString::fromStdString(chosen->first);
    const QString count = runCount == 1 ? tr("1 LORO run") : tr("%1 LORO runs").arg(runCount);
    result.title = tr("Held-out weighted F1 · %1 on %2 · %3").arg(displayName(chosen->first), data, count);
    return result;
}

}  // namespace bridgelc
