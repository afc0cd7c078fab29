#include "core/io/run_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/geo/regions.h"
#include "core/io/applicability_json.h"
#include "core/io/atomic_file.h"
#include "core/io/checkpoint.h"
#include "core/io/dataset_fingerprint.h"
#include "core/io/history_csv.h"
#include "core/io/metrics_json.h"
#include "core/io/prediction_writer.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"

namespace bridgelc {

namespace fs = std::filesystem;

namespace {

constexpr int kRunFormatVersion = 1;

// Directory names stay portable: letters, digits, '-', '_' and '.' only.
std::string portableName(const std::string& text) {
    std::string name;
    for (unsigned char c : text)
        name += (std::isalnum(c) || c == '-' || c == '_' || c == '.') ? char(c) : '_';
    return name;
}

struct Timestamp {
    std::string iso;      // 2026-11-25T17:15:02.123Z
    std::string compact;  // 20261125-171502
};

// Milliseconds in the ISO form keep list() ordered for runs saved within one second.
Timestamp nowUtc() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char iso[32], compact[32];
    std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S", &utc);
    std::strftime(compact, sizeof compact, "%Y%m%d-%H%M%S", &utc);
    return {fmt::format("{}.{:03}Z", iso, millis), compact};
}

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

nlohmann::json readJson(const fs::path& path) {
    try {
        return nlohmann::json::parse(readText(path));
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path.string() + ": " + error.what());
    }
}

std::string confusionCsv(const ConfusionMatrix& confusion, const std::vector<std::string>& classNames) {
    auto quoted = [](const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s)
            q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    auto nameOf = [&](std::size_t c) { return c < classNames.size() ? classNames[c] : std::to_string(c); };
    std::string text = "true\\predicted";
    for (std::size_t p = 0; p < confusion.classes(); ++p)
        text += "," + quoted(nameOf(p));
    text += '\n';
    for (std::size_t t = 0; t < confusion.classes(); ++t) {
        text += quoted(nameOf(t));
        for (std::size_t p = 0; p < confusion.classes(); ++p)
            text += fmt::format(",{}", confusion.at(t, p));
        text += '\n';
    }
    return text;
}

nlohmann::json configJson(const RunResult& run, const Dataset& dataset, const LabelChoice& labels,
                          const std::string& id, const Timestamp& created) {
    nlohmann::json model = {{"name", run.modelName}};
    // A model this build does not know still gets saved under its name.
    if (const ModelInfo* info = findModel(run.modelName)) {
        model["displayName"] = info->displayName;
        model["description"] = info->description;
    }
    if (run.model) model["parameters"] = run.model->parameterCount();
    const auto& regions = biogeographicalRegions();
    const bool heldOut =
        run.heldOutRegion >= 0 && static_cast<std::size_t>(run.heldOutRegion) < regions.size();
    return {{"format", "bridgelc-run"},
            {"formatVersion", kRunFormatVersion},
            {"id", id},
            {"createdUtc", created.iso},
            {"status", runStatusName(run.status)},
            {"message", run.message},
            {"model", model},
            {"split",
             {{"name", run.splitName},
              {"scenario", run.scenario.name()},
              {"heldOutRegion", heldOut ? regions[static_cast<std::size_t>(run.heldOutRegion)].code : ""},
              {"testPoints", run.test.rows.size()}}},
            {"settings", run.settings},
            {"bestEpoch", run.bestEpoch},
            {"epochsRun", run.history.size()},
            {"trainSeconds", run.trainSeconds},
            {"classNames", run.classNames},
            {"labels", labels},
            {"dataset",
             {{"path", dataset.sourcePath},
              {"synthetic", dataset.synthetic},
              {"points", dataset.size()},
              {"features", dataset.featureCount()},
              {"featureNames", dataset.featureNames},
              {"classNames", dataset.classNames},
              {"fingerprint", datasetFingerprint(dataset)}}}};
}

RunSummary summaryFrom(const fs::path& directory) {
    const nlohmann::json config = readJson(directory / "config.json");
    RunSummary s;
    s.id = directory.filename().string();
    s.directory = fs::absolute(directory).string();
    s.modelName = config.at("model").value("name", "");
    s.splitName = config.at("split").value("name", "");
    s.scenario = config.at("split").value("scenario", "");
    s.status = config.value("status", "");
    s.datasetPath = config.at("dataset").value("path", "");
    s.heldOutRegion = config.at("split").value("heldOutRegion", "");
    s.datasetFingerprint = config.at("dataset").value("fingerprint", "");
    s.datasetPoints = config.at("dataset").value("points", std::size_t{0});
    s.datasetSynthetic = config.at("dataset").value("synthetic", false);
    s.createdUtc = config.value("createdUtc", "");
    s.seed = config.at("settings").value("seed", std::uint64_t{0});
    s.epochs = config.value("epochsRun", 0);
    s.trainSeconds = config.value("trainSeconds", 0.0);
    s.labels = labelChoiceOf(config);
    if (fs::exists(directory / "metrics.json")) {
        const nlohmann::json metrics = readJson(directory / "metrics.json");
        const Metrics test = metrics.at("test").get<Metrics>();
        s.overallAccuracy = test.overallAccuracy;
        s.kappa = test.kappa;
        s.macroF1 = test.macroF1;
        s.weightedF1 = test.weightedF1;
    }
    return s;
}

// Writes every file of a run into `directory` (created; removed again if anything fails).
void writeRunFiles(const RunResult& run, const Dataset& dataset, const LabelChoice& labels,
                   const fs::path& directory, const std::string& id, const Timestamp& created) {
    std::error_code error;
    fs::remove_all(directory, error);
    if (!fs::create_directories(directory, error))
        throw std::runtime_error("cannot create " + directory.string() + ": " +
                                 saveFailureReason(error.value()));
    try {
        const std::vector<std::string>& classNames =
            run.classNames.empty() ? dataset.classNames : run.classNames;
        const nlohmann::json config = configJson(run, dataset, labels, id, created);
        writeFileAtomically((directory / "config.json").string(), config.dump(2) + "\n");
        writeFileAtomically((directory / "history.csv").string(), historyToCsv(run.history));
        const nlohmann::json test = metricsToJson(run.testMetrics, classNames);
        const nlohmann::json metrics = {{"classNames", classNames},
                                        {"test", test},
                                        {"perRegion", perRegionToJson(run.testMetricsPerRegion, classNames)},
                                        {"confusion", confusionToJson(run.testConfusion)},
                                        {kWarningsKey, run.warnings}};
        nlohmann::json metricsWithAoa = metrics;
        metricsWithAoa["applicability"] = applicabilityToJson(run, classNames);
        writeFileAtomically((directory / "metrics.json").string(), metricsWithAoa.dump(2) + "\n");
        writeFileAtomically((directory / "confusion.csv").string(),
                            confusionCsv(run.testConfusion, classNames));
        if (!run.test.rows.empty())
            writePredictions((directory / "predictions.csv").string(), PredictionFormat::Csv, dataset,
                             run.test, classNames);
        if (run.aoa) run.aoa->save(directory.string());
        if (run.model) {
            nlohmann::json extra = {
                {"run", {{"id", id}, {"split", config["split"]}, {"createdUtc", created.iso}}},
                {"metrics", test},
                {"dataFingerprint", config["dataset"]["fingerprint"]},
                {"datasetPath", dataset.sourcePath},
                {"labels", labels}};
            // The training matrix stays beside the checkpoint; the checkpoint names it so prediction needs
            // no training data. Runs saved without it have no "aoa" key and predict as before.
            if (run.aoa) extra["aoa"] = kAoaFileName;
            saveCheckpoint(*run.model, (directory / kCheckpointFileName).string(), extra);
        }
    } catch (...) {
        fs::remove_all(directory, error);
        throw;
    }
}

// Puts the complete run in `staging` where `target` is, with no moment in which `target` is missing or
// half-written: on Linux the two directories are exchanged in one step, and the old run, now under the
// hidden staging name that list() skips, is removed afterwards.
void replaceDirectory(const fs::path& staging, const fs::path& target) {
    std::error_code error;
    if (fs::exists(target, error)) {
        if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
            fs::remove_all(staging, error);
            return;
        }
        // A file system without exchange: move the old run aside under a hidden name first.
        const fs::path old = staging.string() + "-old";
        fs::rename(target, old, error);
        if (error) {
            fs::remove_all(staging, error);
            throw std::runtime_error("cannot replace the run in " + target.string() + ": " + error.message());
        }
        fs::rename(staging, target, error);
        if (error) {
            std::error_code ignored;
            fs::rename(old, target, ignored);  // put the previous run back
        } else {
            fs::remove_all(old, error);
        }
    } else {
        fs::rename(staging, target, error);
    }
    if (error) {
        fs::remove_all(staging, error);
        throw std::runtime_error("cannot write the run to " + target.string() + ": " + error.message());
    }
}

}  // namespace

RunStore::RunStore(std::string root) : m_root(std::move(root)) {}

RunSummary RunStore::save(const RunResult& run, const Dataset& dataset, const LabelChoice& labels) {
    std::error_code error;
    fs::create_directories(m_root, error);
    if (error) throw std::runtime_error("cannot create the run directory " + m_root + ": " + error.message());

    const Timestamp created = nowUtc();
    const std::string baseId = portableName(
        fmt::format("{}-{}-{}-s{}", created.compact, run.modelName, run.splitName, run.settings.seed));
    // The run is written into a hidden directory and renamed whole, so list() never sees half a run.
    const fs::path staging = fs::path(m_root) / fmt::format(".partial-{}-{}", baseId, ::getpid());
    writeRunFiles(run, dataset, labels, staging, baseId, created);

    std::string id = baseId;
    for (int k = 2;; ++k) {
        fs::rename(staging, fs::path(m_root) / id, error);
        if (!error) break;
        if (!fs::exists(fs::path(m_root) / id) || k > 1000) {
            fs::remove_all(staging, error);
            throw std::runtime_error("cannot store the run in " + m_root + ": " + error.message());
        }
        id = baseId + "-" + std::to_string(k);
    }
    if (id != baseId) {  // the id inside config.json follows the directory name
        nlohmann::json config = readJson(fs::path(m_root) / id / "config.json");
        config["id"] = id;
        writeFileAtomically((fs::path(m_root) / id / "config.json").string(), config.dump(2) + "\n");
    }
    return summaryFrom(fs::path(m_root) / id);
}

RunSummary RunStore::saveTo(const RunResult& run, const Dataset& dataset, const std::string& directory,
                            const LabelChoice& labels) {
    const fs::path target = fs::absolute(directory);
    std::error_code error;
    if (fs::exists(target, error)) {
        if (!fs::is_directory(target) || (!fs::is_empty(target) && !fs::exists(target / "config.json")))
            throw std::runtime_error("refusing to write a run into " + target.string() +
                                     ": it exists and is not a run directory");
    }
    fs::create_directories(target.parent_path(), error);
    const fs::path staging =
        target.parent_path() / fmt::format(".partial-{}-{}", target.filename().string(), ::getpid());
    writeRunFiles(run, dataset, labels, staging, target.filename().string(), nowUtc());
    replaceDirectory(staging, target);
    return summaryFrom(target);
}

std::vector<RunSummary> RunStore::list() const {
    std::vector<RunSummary> runs;
    std::error_code error;
    if (!fs::is_directory(m_root, error)) return runs;
    for (const auto& entry : fs::directory_iterator(m_root, error)) {
        if (!entry.is_directory() || entry.path().filename().string().rfind('.', 0) == 0) continue;
        if (!fs::exists(entry.path() / "config.json")) continue;
        try {
            runs.push_back(summaryFrom(entry.path()));
        } catch (const std::exception&) {
            // an unreadable run is skipped; the rest are still listed
        }
    }
    std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) {
        return a.createdUtc != b.createdUtc ? a.createdUtc > b.createdUtc : a.id > b.id;
    });
    return runs;
}

RunSummary RunStore::summaryOf(const std::string& directory) {
    return summaryFrom(fs::path(directory));
}

std::vector<EpochReport> RunStore::history(const std::string& id) const {
    const fs::path path = fs::path(m_root) / id / "history.csv";
    return historyFromCsv(readText(path), path.string());
}

Metrics RunStore::testMetrics(const std::string& id, std::vector<std::string>* classNames) const {
    const nlohmann::json metrics = readJson(fs::path(m_root) / id / "metrics.json");
    try {
        if (classNames) *classNames = metrics.value("classNames", std::vector<std::string>{});
        return metrics.at("test").get<Metrics>();
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error((fs::path(m_root) / id / "metrics.json").string() + ": " + error.what());
    }
}

bool RunStore::remove(const std::string& id) {
    // Only a direct child of the root can be removed, never a path that climbs out of it.
    if (id.empty() || id == "." || id == ".." || id.find('/') != std::string::npos) return false;
    const fs::path directory = fs::path(m_root) / id;
    std::error_code error;
    if (!fs::is_directory(directory, error)) return false;
    fs::remove_all(directory, error);
    if (error) throw std::runtime_error("cannot remove " + directory.string() + ": " + error.message());
    return true;
}

}  // namespace bridgelc
