#include "app/cli/cli_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/option_checks.h"
#include "core/data/problem_groups.h"
#include "core/data/raw_table.h"
#include "core/io/dataset_fingerprint.h"
#include "core/model/model.h"
#include "core/model/model_presets.h"
#include "core/run/sanity_checks.h"
#include "core/train/compute_threads.h"
#include "core/train/setting_fields.h"
#include "core/util/product.h"

namespace bridgelc::cli {

void addInputOptions(CLI::App& app, InputArgs& args) {
    app.add_option("file", args.file, "Point file: CSV, GeoPackage, GeoJSON or Shapefile");
    app.add_flag("--sample", args.sample, "Use the built-in synthetic EU-27 sample instead of a file");
    addColumnOptions(app, args.options);
    addKeepMostlyEmptyOption(app, args.options);
}

void addColumnOptions(CLI::App& app, LoadOptions& options, bool regionAlias) {
    // --label/--lon/--lat/--id/--split as well: the reader's messages and older scripts use the short names.
    const char* found = " (default: found by name)";
    app.add_option("--label-column,--label", options.labelColumn,
                   std::string("Column with the land-cover label") + found);
    app.add_option("--lon-column,--lon", options.lonColumn,
                   std::string("Column with longitude (WGS84 degrees)") + found);
    app.add_option("--lat-column,--lat", options.latColumn,
                   std::string("Column with latitude (WGS84 degrees)") + found);
    app.add_option("--id-column,--id", options.idColumn, std::string("Column with the point id") + found);
    app.add_option(regionAlias ? "--region-column,--region" : "--region-column", options.regionColumn,
                   "Column with the biogeographical region (default: a column named region, else computed "
                   "from the coordinates)");
    app.add_option("--split-column,--split", options.splitColumn,
                   "Column with a fixed train/test split (default: a column named split)");
    app.add_option("--layer", options.layer,
                   "Layer of a GeoPackage or other multi-layer source (default: the first)");
}

void requireFile(const std::string& path, const std::string& what) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) throw std::runtime_error(what + " " + path + " does not exist");
    if (std::filesystem::is_directory(status))
        throw std::runtime_error(what + " " + path + " is a folder, not a file");
}

void requireParentFolder(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!parent.empty() && !std::filesystem::is_directory(parent, error))
        throw std::runtime_error("cannot write " + path + ": the folder " + parent.string() +
                                 " does not exist");
}

LoadedCheckpoint loadCheckpointFile(const std::string& path) {
    requireFile(path, "the checkpoint");
    return loadCheckpoint(path);
}

void addLevelOption(CLI::App& app, int& level, bool fromCheckpoint) {
    app.add_option("--level", level,
                   fromCheckpoint
                       ? "Labels: 1 land cover, 2 crop types of Cropland points (default: the "
                         "saved model's)"
                       : fmt::format("Labels: 1 land cover, 2 crop types of Cropland points (LUCAS "
                                     "crop codes with at least {} points; default 1)",
                                     kCropTypeMinPoints))
        ->check(CLI::IsMember({1, 2}));
}

LabelChoice labelChoiceFrom(int level, const LoadOptions& options) {
    LabelChoice choice;
    choice.level = level > 0 ? level : 1;
    choice.labelColumn = options.labelColumn;
    return choice;
}

std::optional<Dataset> dataForLabels(const Dataset& data, const LabelChoice& choice) {
    try {
        Dataset chosen = datasetForLabels(data, choice);
        if (choice.level == 2) {
            std::string dropped;
            for (const CropCodeCount& code : cropCodeCounts(data, choice.cropMinPoints))
                if (!code.kept)
                    dropped += fmt::format("{}{} ({})", dropped.empty() ? "" : ", ", code.code, code.points);
            std::cerr << fmt::format("crop types: {} Cropland points in {} crop types", chosen.size(),
                                     chosen.classNames.size());
            if (!dropped.empty())
                std::cerr << fmt::format("; dropped for fewer than {} points: {}", choice.cropMinPoints,
                                         dropped);
            std::cerr << "\n";
        }
        return chosen;
    } catch (const std::exception& error) {
        std::cerr << "bridgelc: " << error.what() << "\n";
        return std::nullopt;
    }
}

void addKeepMostlyEmptyOption(CLI::App& app, LoadOptions& options) {
    app.add_flag("--keep-mostly-empty-columns", options.keepMostlyMissingColumns,
                 fmt::format("Use feature columns that are missing in over {:.0f} % of the rows (left out by "
                             "default; their missing values are imputed with the training mean)",
                             kMostlyMissingShare * 100));
}

void printWarnings(const std::vector<std::string>& warnings) {
    for (const std::string& warning : warnings)
        std::cerr << "warning: " << warning << "\n";
}

std::optional<Dataset> loadInput(const InputArgs& args) {
    if (args.file.empty() && !args.sample) {
        std::cerr << "bridgelc: give a point file or --sample\n";
        return std::nullopt;
    }
    if (!args.file.empty() && args.sample) {
        std::cerr << "bridgelc: give either a point file or --sample, not both\n";
        return std::nullopt;
    }
    if (!args.sample) {
        try {
            requireFile(args.file, "the point file");
        } catch (const std::exception& error) {
            std::cerr << "bridgelc: " << error.what() << "\n";
            return std::nullopt;
        }
    }
    LoadResult result = args.sample ? loadBuiltInSample() : loadPoints(args.file, args.options);
    const std::string name = args.sample ? std::string("built-in sample") : args.file;
    if (!result.dataset) {
        for (const Problem& problem : result.report.problems())
            if (problem.severity == Severity::Fatal) std::cerr << problem.toString() << "\n";
        if (result.report.fatalMessage().empty()) std::cerr << "bridgelc: cannot load " << name << "\n";
        return std::nullopt;
    }
    const Dataset& d = *result.dataset;
    const std::size_t warnings = result.report.count(Severity::Warning);
    const auto unlabelled = std::count(d.label.begin(), d.label.end(), -1);
    if (d.classNames.empty() && d.labelsOptional)
        std::cerr << fmt::format("{}: {} points, {} features, no labels", name, d.size(), d.featureCount());
    else
        std::cerr << fmt::format("{}: {} points, {} features, {} classes{}", name, d.size(), d.featureCount(),
                                 d.classNames.size(), d.synthetic ? " (synthetic)" : "");
    if (unlabelled > 0 && !d.classNames.empty())
        std::cerr << fmt::format(", {} point(s) without a usable label", unlabelled);
    if (warnings > 0)
        std::cerr << fmt::format("; {} warning(s), see `bridgelc inspect {}`", warnings,
                                 args.sample ? "--sample" : args.file);
    std::cerr << "\n";
    // Whole-column summaries say what was left out of the features; the per-row details stay in `inspect`.
    for (const ProblemGroup& group : groupProblems(result.report))
        if (group.summary && group.severity == Severity::Warning)
            std::cerr << "warning: " << group.title << (group.action.empty() ? "" : " (" + group.action + ")")
                      << "\n";
    printWarnings(datasetWarnings(d));
    return std::move(result.dataset);
}

std::optional<ModelAndData> loadModelAndInput(const std::string& checkpointPath, InputArgs input, int level) {
    ModelAndData result;
    try {
        result.checkpoint = loadCheckpointFile(checkpointPath);
        result.labels = labelChoiceOf(result.checkpoint.metadata);
    } catch (const std::exception& error) {
        std::cerr << "bridgelc: " << error.what() << "\n";
        return std::nullopt;
    }
    if (level > 0 && level != result.labels.level)
        throw UsageError(fmt::format("--level {}: {} holds a model of {} (level {})", level, checkpointPath,
                                     result.labels.description(), result.labels.level));
    if (input.options.labelColumn.empty() && input.options.requireLabel)
        input.options.labelColumn = result.labels.labelColumn;
    const Model& model = *result.checkpoint.model;
    const std::vector<std::string>& names = model.meta().featureNames;
    // Only the model's columns are read, so extra columns in the file do no harm.
    if (!input.sample) input.options.includeFeatures = names;
    std::optional<Dataset> data = loadInput(input);
    if (!data) return std::nullopt;

    // The reader keeps file order and the file's spelling (columns are found case-insensitively); the model
    // wants its own order.
    if (data->featureNames != names && data->featureNames.size() == names.size()) {
        std::vector<std::size_t> source;
        for (const std::string& name : names) {
            const auto it = std::find_if(data->featureNames.begin(), data->featureNames.end(),
                                         [&](const std::string& found) { return sameName(found, name); });
            if (it == data->featureNames.end()) break;
            source.push_back(static_cast<std::size_t>(it - data->featureNames.begin()));
        }
        if (source.size() == names.size()) {
            const std::size_t d = names.size();
            std::vector<float> reordered(data->features.size());
            for (std::size_t i = 0; i < data->size(); ++i)
                for (std::size_t j = 0; j < d; ++j)
                    reordered[i * d + j] = data->features[i * d + source[j]];
            data->features = std::move(reordered);
            data->featureNames = names;
        }
    }
    if (const std::string problem = checkCompatible(model, *data); !problem.empty()) {
        std::cerr << "bridgelc: " << checkpointPath << " does not fit "
                  << (input.sample ? "the sample" : input.file) << ": " << problem << "\n";
        return std::nullopt;
    }
    if (!input.sample) {
        // The fingerprint was taken of the points the model trained on: at level 2 the kept crop types.
        const Dataset& trained = *data;
        if (result.labels.level == 2) {
            try {
                result.dataChanged = changedDataWarning(result.checkpoint.metadata, input.file,
                                                        datasetForLabels(trained, result.labels));
            } catch (const std::exception&) {
                // no crop type left: the file cannot be the one the model was trained on
            }
        } else {
            result.dataChanged = changedDataWarning(result.checkpoint.metadata, input.file, trained);
        }
        if (!result.dataChanged.empty()) printWarnings({result.dataChanged});
    }
    if (result.labels.level == 2) {
        result.data = cropTypePoints(*data);
        std::cerr << fmt::format("crop types: {} Cropland or unlabelled points of {}\n", result.data.size(),
                                 data->size());
    } else {
        result.data = std::move(*data);
    }
    return result;
}

std::string changedDataWarning(const nlohmann::json& metadata, const std::string& inputPath,
                               const Dataset& data) {
    const auto text = [&](const char* key) {
        const auto it = metadata.find(key);
        return it != metadata.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string trainedPath = text("datasetPath"), trainedFingerprint = text("dataFingerprint");
    if (trainedPath.empty() || trainedFingerprint.empty() || inputPath.empty()) return {};
    // Same file by location: a copy elsewhere is another dataset, and its difference is no surprise.
    std::error_code error;
    const auto canonical = [&](const std::string& path) {
        const std::filesystem::path p = std::filesystem::weakly_canonical(path, error);
        return error ? std::filesystem::absolute(path, error).lexically_normal() : p;
    };
    if (canonical(trainedPath) != canonical(inputPath)) return {};
    const std::string now = datasetFingerprint(data);
    if (now == trainedFingerprint) return {};
    return fmt::format(
        "{} has changed since the model was trained on it (fingerprint {} then, {} now): the "
        "model saw the file as it was",
        inputPath, trainedFingerprint.substr(0, 8), now.substr(0, 8));
}

namespace {

// 1-based line and column of byte `offset` of `text` (nlohmann's parse errors give the byte).
std::string lineAndColumn(const std::string& text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return fmt::format("line {}, column {}", line, column);
}

}  // namespace

TrainingSettings readSettingsFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the settings file " + path);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        // The byte nlohmann reports is one past the offending character.
        throw std::runtime_error(fmt::format("{}: {}: not valid JSON", path,
                                             lineAndColumn(text, error.byte > 0 ? error.byte - 1 : 0)));
    }
    if (json.is_object() && json.contains("settings") && json["settings"].is_object())
        json = json["settings"];
    if (!json.is_object()) throw std::runtime_error(path + ": expected a JSON object of training settings");
    TrainingSettings settings = TrainingSettings::laptop();
    try {
        json.get_to(settings);
    } catch (const std::exception& error) {  // a value of the wrong type, or a name outside the choices
        throw std::runtime_error(path + ": " + error.what());
    }
    // The ranges the settings dialog offers; a misspelt name would silently keep a default, so it is refused.
    for (const auto& [key, value] : json.items()) {
        const SettingField* field = nullptr;
        for (const SettingField& f : trainingSettingFields())
            if (key == f.key) field = &f;
        if (!field) throw std::runtime_error(path + ": unknown setting \"" + key + "\"");
        if (field->minimum == field->maximum || !value.is_number()) continue;
        const double number = value.get<double>();
        if (number < field->minimum || number > field->maximum)
            throw std::runtime_error(fmt::format("{}: setting \"{}\" is {}, outside {} to {}", path, key,
                                                 value.dump(), field->minimum, field->maximum));
    }
    return settings;
}

void addSettingsOptions(CLI::App& app, SettingsArgs& args, bool withClassWeighting) {
    std::vector<std::string> presets{"laptop", "paper"};
    for (const ModelPreset& modelPreset : modelPresets())
        presets.push_back(modelPreset.name);
    CLI::Option* preset =
        app.add_option("--preset", args.preset,
                       "Settings preset: laptop (minutes, early stopping), paper (500 epochs), or a model "
                       "preset of `bridgelc models` (its settings; with `train` its model too)")
            ->check(CLI::IsMember(presets));
    app.add_option("--settings", args.settingsFile,
                   "Every training setting from a JSON file instead of a preset: the \"settings\" of a saved "
                   "run's config.json, or that object alone; the options below still override it (default: "
                   "none, the preset's settings)")
        ->excludes(preset);
    const TrainingSettings laptop = TrainingSettings::laptop(), paper = TrainingSettings::paper();
    app.add_option(
           "--epochs", args.epochs,
           fmt::format("Epochs (default: the preset's; laptop {}, paper {})", laptop.epochs, paper.epochs))
        ->check(wholeNumberAtLeast(1));
    app.add_option("--batch", args.batch, fmt::format("Mini-batch size (default {})", laptop.batchSize))
        ->check(wholeNumberAtLeast(1));
    app.add_option("--lr", args.learningRate,
                   "Learning rate (default: the preset's; laptop 1e-3, paper 1e-4)")
        ->check(numberAbove(0));
    app.add_option("--threads", args.threads,
                   fmt::format("Compute threads (default: every core, {} here; results do not depend on it)",
                               machineCores()))
        ->check(wholeNumberAtLeast(1));
    app.add_option("--patience", args.patience,
                   fmt::format("Early-stopping patience in epochs (default {})", laptop.patience))
        ->check(wholeNumberAtLeast(1));
    app.add_option("--trees", args.trees,
                   fmt::format("Trees of the random forest (default {})", laptop.trees))
        ->check(wholeNumberAtLeast(1));
    app.add_flag("--no-early-stopping", args.noEarlyStopping, "Train every epoch");
    if (withClassWeighting)
        app.add_option("--class-weighting", args.classWeighting,
                       "Cross-entropy class weights: none or inverse (default: the preset's; laptop none, "
                       "paper inverse)")
            ->check(CLI::IsMember({"none", "inverse", "inverse-frequency"}));
}

ClassWeighting parseClassWeighting(const std::string& text) {
    if (text == "inverse" || text == "inverse-frequency") return ClassWeighting::InverseFrequency;
    if (text == "none") return ClassWeighting::None;
    throw std::invalid_argument("unknown class weighting '" + text + "' (inverse, none)");
}

TrainingSettings makeSettings(const SettingsArgs& args) {
    TrainingSettings s;
    if (!args.settingsFile.empty())
        s = readSettingsFile(args.settingsFile);
    else if (args.preset == "paper")
        s = TrainingSettings::paper();
    else if (args.preset == "laptop")
        s = TrainingSettings::laptop();
    else if (const ModelPreset* modelPreset = findModelPreset(args.preset))
        s = modelPreset->settings;
    else
        throw std::invalid_argument("unknown preset '" + args.preset + "' (laptop, paper or a model preset)");
    if (args.epochs > 0) s.epochs = args.epochs;
    if (args.batch > 0) s.batchSize = args.batch;
    if (args.learningRate > 0) s.learningRate = args.learningRate;
    // Headless runs have the machine to themselves; the desktop app keeps one thread so its window stays
    // smooth.
    s.threads = args.threads > 0 ? args.threads : machineCores();
    if (args.patience > 0) s.patience = args.patience;
    if (args.trees > 0) s.trees = args.trees;
    if (args.noEarlyStopping) s.earlyStopping = false;
    if (!args.classWeighting.empty()) s.classWeighting = parseClassWeighting(args.classWeighting);
    return s;
}

std::string defaultRunsDirectory() {
    // The desktop application's QStandardPaths::AppDataLocation on Linux, so both list the same runs.
    const std::string app =
        std::string("/") + kOrganizationName + "/" + kApplicationName + "/" + kRunsFolderName;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + app;
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share" + app;
    return "bridgelc-runs";
}

}  // namespace bridgelc::cli
