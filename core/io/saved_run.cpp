#include "core/io/saved_run.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "core/aoa/area_of_applicability.h"
#include "core/data/csv_reader.h"
#include "core/geo/regions.h"
#include "core/io/checkpoint.h"
#include "core/io/dataset_fingerprint.h"
#include "core/io/history_csv.h"
#include "core/io/metrics_json.h"
#include "core/io/prediction_writer.h"

namespace bridgelc {
namespace fs = std::filesystem;
namespace {

nlohmann::json readJsonFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path.string() + ": " + error.what());
    }
}

RunStatus statusFromName(const std::string& name) {
    for (RunStatus status : {RunStatus::Completed, RunStatus::Stopped, RunStatus::Failed})
        if (name == runStatusName(status)) return status;
    return RunStatus::Failed;
}

int classIndex(const std::vector<std::string>& names, std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<int>(i);
    return -1;
}

// The test predictions of predictions.csv: id, true and predicted class names, confidence and one p_ column
// per class in class order (the writer's layout; files of older versions name the truth column "true").
void readPredictions(const fs::path& path, SavedRun& run) {
    RawTable table;
    ValidationReport report;
    const auto keepText = [](RawTable& t) {
        for (const char* name :
             {"id", kTrueClassField, kLegacyTrueClassField, kPredictedClassField, kLegacyPredictedClassField})
            if (const int c = t.find(name); c >= 0) t.columns[static_cast<std::size_t>(c)].keepText = true;
    };
    if (!CsvReader::read(path.string(), table, report, keepText)) return;
    const int id = table.find("id");
    int truth = table.find(kTrueClassField);
    if (truth < 0) truth = table.find(kLegacyTrueClassField);
    int predicted = table.find(kPredictedClassField);
    if (predicted < 0) predicted = table.find(kLegacyPredictedClassField);
    const int confidence = table.find("confidence");
    if (id < 0 || predicted < 0) return;
    const auto& names = run.result.classNames;
    std::vector<int> probability;  // column of each class's probability, found right after "confidence"
    if (confidence >= 0)
        for (std::size_t c = 0; c < names.size(); ++c) {
            const std::size_t column = static_cast<std::size_t>(confidence) + 1 + c;
            probability.push_back(column < table.columns.size() &&
                                          table.columns[column].name.rfind("p_", 0) == 0
                                      ? static_cast<int>(column)
                                      : -1);
        }
    const bool withProbabilities =
        !probability.empty() && std::find(probability.begin(), probability.end(), -1) == probability.end();
    Predictions& test = run.result.test;
    test.classes = names.size();
    const std::size_t rows = table.rowCount();
    for (std::size_t r = 0; r < rows; ++r) {
        const int p = classIndex(names, table.columns[static_cast<std::size_t>(predicted)].texts[r]);
        if (p < 0) continue;  // a class this run does not know: not one of its predictions
        run.testIds.emplace_back(table.columns[static_cast<std::size_t>(id)].texts[r]);
        run.testTruth.push_back(
            truth >= 0 ? classIndex(names, table.columns[static_cast<std::size_t>(truth)].texts[r]) : -1);
        test.predicted.push_back(p);
        const double c = confidence >= 0 ? table.columns[static_cast<std::size_t>(confidence)].numbers[r] : 0;
        test.confidence.push_back(static_cast<float>(c));
        if (withProbabilities)
            for (int column : probability)
                test.probabilities.push_back(
                    static_cast<float>(table.columns[static_cast<std::size_t>(column)].numbers[r]));
    }
    if (!withProbabilities) test.probabilities.clear();
}

// The run's area of applicability (aoa.json beside its checkpoint) and its test scores inside and outside,
// as metrics.json saved them. A run saved before the AOA existed stays "no AOA"; a damaged aoa.json leaves
// the rest of the run readable and says which file is at fault.
void readApplicability(const fs::path& directory, const nlohmann::json& metrics, RunResult& run) {
    const nlohmann::json section = metrics.value("applicability", nlohmann::json::object());
    if (!fs::exists(directory / kAoaFileName)) {
        run.aoaMessage = section.is_object() && section.contains("message")
                             ? section.value("message", std::string("no AOA"))
                             : std::string("no AOA: the run was saved without an area of applicability");
        return;
    }
    try {
        run.aoa = AreaOfApplicability::load((directory / kAoaFileName).string());
    } catch (const std::exception& error) {
        run.aoaMessage = std::string("no area of applicability: ") + error.what();
        return;
    }
    if (!section.is_object() || !section.value("available", false)) return;
    try {
        ApplicabilityScores& scores = run.testApplicability;
        scores.inside = section.value("testInside", std::size_t{0});
        scores.outside = section.value("testOutside", std::size_t{0});
        scores.insideMetrics = section.at("inside").get<Metrics>();
        scores.outsideMetrics = section.at("outside").get<Metrics>();
        run.aoaSeconds = section.value("seconds", 0.0);
    } catch (const std::exception& error) {
        run.aoa.reset();
        run.testApplicability = {};
        run.aoaMessage = "no area of applicability: " + (directory / "metrics.json").string() +
                         ": its applicability section is damaged: " + error.what();
    }
}

}  // namespace

SavedRun loadSavedRun(const std::string& directoryName) {
    const fs::path directory(directoryName);
    const nlohmann::json config = readJsonFile(directory / "config.json");
    const nlohmann::json metrics = readJsonFile(directory / "metrics.json");
    SavedRun saved;
    saved.summary = RunStore::summaryOf(directory.string());
    RunResult& run = saved.result;
    try {
        run.status = statusFromName(config.value("status", "failed"));
        run.message = config.value("message", "");
        run.modelName = config.at("model").value("name", "");
        const nlohmann::json& split = config.at("split");
        run.splitName = split.value("name", "");
        run.scenario = Scenario::fromName(split.value("scenario", "extrap")).value_or(Scenario::Extrap);
        run.heldOutRegion = regionIndex(split.value("heldOutRegion", ""));
        if (config.contains("settings")) run.settings = config.at("settings").get<TrainingSettings>();
        run.bestEpoch = config.value("bestEpoch", 0);
        run.trainSeconds = config.value("trainSeconds", 0.0);
        run.classNames = metrics.value("classNames", config.value("classNames", std::vector<std::string>{}));
        const nlohmann::json& dataset = config.at("dataset");
        saved.datasetFingerprint = dataset.value("fingerprint", "");
        saved.datasetPoints = dataset.value("points", std::size_t{0});
        run.testMetrics = metrics.at("test").get<Metrics>();
        run.warnings = warningsFromJson(metrics);
        run.testConfusion = confusionFromJson(metrics.at("confusion"));
        run.testMetricsPerRegion.assign(biogeographicalRegions().size(), Metrics{});
        const nlohmann::json perRegion = metrics.value("perRegion", nlohmann::json::object());
        for (const auto& [code, regionMetrics] : perRegion.items())
            if (const int r = regionIndex(code); r >= 0)
                run.testMetricsPerRegion[static_cast<std::size_t>(r)] = regionMetrics.get<Metrics>();
    } catch (const std::exception& error) {  // nlohmann's type and key errors, bad confusion tables
        throw std::runtime_error(directory.string() + ": " + error.what());
    }
    readApplicability(directory, metrics, run);
    try {
        std::ifstream in(directory / "history.csv", std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (in) run.history = historyFromCsv(text.str(), (directory / "history.csv").string());
    } catch (const std::exception&) {
        run.history.clear();  // the scores still stand without the curves
    }
    if (fs::exists(directory / "predictions.csv")) readPredictions(directory / "predictions.csv", saved);
    const fs::path checkpoint = directory / kCheckpointFileName;
    if (fs::exists(checkpoint)) {
        try {
            run.model = loadCheckpoint(checkpoint.string()).model;
        } catch (const std::exception& error) {
            saved.modelProblem = error.what();
        }
    }
    return saved;
}

bool bindToDataset(SavedRun& run, const Dataset& dataset) {
    run.result.test.rows.clear();
    if (run.datasetFingerprint.empty() || run.datasetFingerprint != datasetFingerprint(dataset)) return false;
    std::unordered_map<std::string_view, std::int64_t> rowOfId;
    rowOfId.reserve(dataset.size());
    if (!dataset.ids.empty())
        for (std::size_t row = 0; row < dataset.ids.size(); ++row)
            rowOfId.emplace(dataset.ids[row], static_cast<std::int64_t>(row));
    std::vector<std::int64_t> rows;
    rows.reserve(run.testIds.size());
    for (const std::string& id : run.testIds) {
        std::int64_t row = -1;
        if (dataset.ids.empty()) {
            try {  // the writer numbers points by row when the file had no ids
                row = std::stoll(id);
            } catch (const std::exception&) {
                return false;
            }
        } else if (const auto found = rowOfId.find(id); found != rowOfId.end()) {
            row = found->second;
        }
        if (row < 0 || static_cast<std::size_t>(row) >= dataset.size()) return false;
        rows.push_back(row);
    }
    run.result.test.rows = std::move(rows);
    return true;
}

}  // namespace bridgelc
