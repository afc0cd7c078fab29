#pragma once
// What several `bridgelc` commands share: loading a point file or the built-in sample, and training settings
// given as options on top of a preset.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/data/dataset.h"
#include "core/data/label_choice.h"
#include "core/data/point_reader.h"
#include "core/io/checkpoint.h"
#include "core/train/training_settings.h"

namespace bridgelc::cli {

/// The input of a command: a file, or --sample for the built-in synthetic sample, plus column choices.
struct InputArgs {
    std::string file;
    bool sample = false;
    LoadOptions options;
};

/// Adds FILE (positional), --sample and the column options (--label-column, --lon-column, ...,
/// --keep-mostly-empty-columns).
void addInputOptions(CLI::App& app, InputArgs& args);

/// Adds the column options every command that reads points shares: --label-column, --lon-column,
/// --lat-column, --id-column, --region-column, --split-column, --layer (the short spellings --label, --lon,
/// --lat, --id and --split stay as aliases; `regionAlias` adds --region for --region-column, the spelling
/// `inspect` had, where no held-out region can be meant).
void addColumnOptions(CLI::App& app, LoadOptions& options, bool regionAlias = false);

/// Throws when `path` names no readable regular file (missing, a folder): "<what> <path> does not exist".
void requireFile(const std::string& path, const std::string& what);

/// Throws when the folder an output file would go to does not exist: nothing is created on the way.
void requireParentFolder(const std::string& path);

/// loadCheckpoint() after requireFile(), so a folder or a missing file gets a sentence, not a stream error.
LoadedCheckpoint loadCheckpointFile(const std::string& path);

/// Adds --level: 1 land cover, 2 crop types of Cropland points; `fromCheckpoint` says in the help that the
/// default is the saved model's level. `level` stays 0 when not given.
void addLevelOption(CLI::App& app, int& level, bool fromCheckpoint = false);

/// The labels of a command: --level (1 when not given) and --label-column.
LabelChoice labelChoiceFrom(int level, const LoadOptions& options);

/// The points and classes of `choice` (datasetForLabels), telling stderr at level 2 how many Cropland points
/// and crop types there are and which crop codes were dropped for too few points; prints why and gives
/// nullopt when the level cannot be made from the data.
std::optional<Dataset> dataForLabels(const Dataset& data, const LabelChoice& choice);

/// Adds --keep-mostly-empty-columns: feature columns missing in over half the rows are used anyway.
void addKeepMostlyEmptyOption(CLI::App& app, LoadOptions& options);

/// Prints each warning as "warning: <sentence>" on its own line to stderr.
void printWarnings(const std::vector<std::string>& warnings);

/// Loads the input and tells stderr what was found (points, features, classes, how many problems), the
/// whole-column summaries (e.g. mostly-missing columns left out) and the dataset's sanity warnings. Fatal
/// problems are printed as file:line:column messages and give nullopt; so does a missing input.
std::optional<Dataset> loadInput(const InputArgs& args);

/// A saved model and a point file read with exactly the model's feature columns, in the model's order.
struct ModelAndData {
    LoadedCheckpoint checkpoint;
    Dataset data;
    /// A sentence when the input is the file the model was trained on (same path) but its content changed
    /// since (another fingerprint); empty otherwise. Already printed as a warning.
    std::string dataChanged;
    LabelChoice labels;  ///< the checkpoint's
};

/// The sentence of ModelAndData::dataChanged for a checkpoint's metadata ("datasetPath", "dataFingerprint")
/// and the data read from `inputPath`; empty when the paths differ, either is unknown, or nothing changed.
std::string changedDataWarning(const nlohmann::json& metadata, const std::string& inputPath,
                               const Dataset& data);

/// Loads the checkpoint, then the input restricted to the model's features; prints what is wrong (missing
/// columns, unreadable checkpoint) to stderr and gives nullopt. `level` (0: not given) must agree with the
/// checkpoint's labels, which decide: a crop-type model gets the file's Cropland and unlabelled points
/// labelled by crop code (cropTypePoints). The checkpoint's label column is used unless one is given.
std::optional<ModelAndData> loadModelAndInput(const std::string& checkpointPath, InputArgs input,
                                              int level = 0);

/// Training settings from the command line; zero / empty values keep the preset's.
struct SettingsArgs {
    std::string preset = "laptop";
    int epochs = 0;
    int batch = 0;
    double learningRate = 0;
    int threads = 0;
    int patience = 0;
    int trees = 0;
    std::string classWeighting;  ///< "inverse" or "none"
    bool noEarlyStopping = false;
    std::string settingsFile;  ///< --settings: every setting from a JSON file instead of the preset
};

/// Adds --preset, --epochs, --batch, --lr, --threads, --patience, --trees, --class-weighting,
/// --no-early-stopping.
void addSettingsOptions(CLI::App& app, SettingsArgs& args, bool withClassWeighting = true);

/// The preset (or the --settings file) with the given overrides; throws std::invalid_argument for an unknown
/// preset or weighting and std::runtime_error naming the file, line and column of a bad settings file.
TrainingSettings makeSettings(const SettingsArgs& args);

/// Training settings from a JSON file: a saved run's config.json (its "settings") or that object alone;
/// settings it does not name keep the laptop preset's values. Throws std::runtime_error naming the file, and
/// the line and column of a syntax error.
TrainingSettings readSettingsFile(const std::string& path);

/// "inverse" / "inverse-frequency" / "none" -> the weighting; throws std::invalid_argument otherwise.
ClassWeighting parseClassWeighting(const std::string& text);

/// Where runs go without --runs: the desktop application's run folder, $XDG_DATA_HOME (or ~/.local/share) +
/// "/BRIDGE-LC/BRIDGE-LC Explorer/runs", so the GUI lists runs trained on the command line.
std::string defaultRunsDirectory();

}  // namespace bridgelc::cli
