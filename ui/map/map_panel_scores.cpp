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

LoroScores loroRegionScores(const QString& runsRoot, const std::string& datasetPath,
                            const std::string& preferredModel) {
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
    // model -> region -> sum; one table with the dataset's runs and one with every run.
    std::map<std::string, std::map<QString, Sum>> ofDataset, ofAll;
    for (const RunSummary& run : runs) {
        if (run.scenario != "loro" || run.status != "completed") continue;
        const QString code = heldOutCode(run);
        if (code.isEmpty()) continue;
        for (auto* table : {&ofAll, &ofDataset}) {
            if (table == &ofDataset && (datasetPath.empty() || run.datasetPath != datasetPath)) continue;
            Sum& sum = (*table)[run.modelName][code];
            sum.total += run.weightedF1;
            ++sum.runs;
        }
    }
    const auto& table = ofDataset.empty() ? ofAll : ofDataset;
    if (table.empty()) {
        result.note = tr("No completed leave-one-region-out runs are saved in %1.").arg(runsRoot);
        return result;
    }
    auto chosen = table.find(preferredModel);
    if (chosen == table.end()) {
        chosen = table.begin();
        for (auto it = table.begin(); it != table.end(); ++it)
            if (it->second.size() > chosen->second.size()) chosen = it;
    }
    int runCount = 0;
    for (const auto& [code, sum] : chosen->second) {
        result.scores.push_back({code, sum.total / sum.runs, sum.runs});
        runCount += sum.runs;
    }
    result.modelName = QString::fromStdString(chosen->first);
    const ModelInfo* info = findModel(chosen->first);
    const QString model = info ? QString::fromStdString(info->displayName) : result.modelName;
    result.title = tr("Weighted F1 of held-out regions · %1 · %2 LORO runs").arg(model).arg(runCount);
    return result;
}

}  // namespace bridgelc
