// `bridgelc train`: one model on one split, with a live progress line; the run is saved like the desktop
// application saves it (config, history, metrics, confusion, predictions, checkpoint) and its scores printed.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "app/cli/aoa_options.h"
#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "app/cli/terminal_progress.h"
#include "core/eval/metrics_format.h"
#include "core/geo/regions.h"
#include "core/io/run_store.h"
#include "core/model/model_presets.h"
#include "core/model/model_registry.h"
#include "core/run/sanity_checks.h"
#include "core/run/training_run.h"
#include "core/split/split.h"

namespace bridgelc::cli {
namespace {

struct TrainArgs {
    InputArgs input;
    SettingsArgs settings;
    std::string model = "bridgelc";
    std::string scenario = "extrap";
    std::string region;
    int fold = 1;
    int blockFolds = ScenarioOptions().blockFolds;
    double blockKm = ScenarioOptions().blockMeters / 1000;
    std::uint64_t seed = 0;
    std::string runs;
    std::string out;
    bool noSave = false;
    int level = 0;
};

/// Region codes and point counts present in the data, e.g. "ATL 1512, BOR 402".
std::string regionsPresent(const Dataset& data) {
    const std::vector<std::size_t> counts = data.regionCounts();
    const auto& regions = biogeographicalRegions();
    std::string list;
    for (std::size_t r = 0; r < regions.size() && r < counts.size(); ++r)
        if (counts[r] > 0)
            list += fmt::format("{}{} {}", list.empty() ? "" : ", ", regions[r].code, counts[r]);
    return list.empty() ? "none" : list;
}

Split makeSplit(const Dataset& data, const TrainArgs& args) {
    ScenarioOptions options;
    options.scenario = args.scenario;
    options.seed = args.seed;
    options.blockFolds = args.blockFolds;
    options.blockMeters = args.blockKm * 1000;
    if (options.scenario == Scenario::Loro) {
        if (args.region.empty())
            throw UsageError(
                "--scenario loro needs --held-out-region CODE (or --region CODE); regions in the data: " +
                regionsPresent(data));
        const int region = regionIndex(args.region);
        if (region < 0)
            throw UsageError("unknown region '" + args.region +
                             "'; regions in the data: " + regionsPresent(data));
        const std::vector<std::size_t> counts = data.regionCounts();
        if (static_cast<std::size_t>(region) >= counts.size() ||
            counts[static_cast<std::size_t>(region)] == 0)
            throw UsageError(
                fmt::format("no point of the data lies in region {}, so there is nothing to hold "
                            "out; regions in the data: {}",
                            args.region, regionsPresent(data)));
        options.heldOutRegion = region;
    } else if (!args.region.empty()) {
        throw UsageError(
            fmt::format("--held-out-region is for --scenario loro; --scenario {} tests on points "
                        "of every region",
                        args.scenario));
    }
    std::vector<Split> splits = scenarioSplits(data, options);
    if (options.scenario != Scenario::Blocks) return splits.front();
    if (args.fold < 1 || args.fold > static_cast<int>(splits.size()))
        throw UsageError(fmt::format("--fold must be a whole number from 1 to {}", splits.size()));
    return splits[static_cast<std::size_t>(args.fold - 1)];
}

void printResults(const RunResult& run, const Dataset& data) {
    std::cout << fmt::format("{} on {} (seed {}): {}\n", run.modelName, run.splitName, run.settings.seed,
                             formatHeadline(run.testMetrics));
    std::cout << formatClassTable(run.testMetrics, run.classNames);
    const auto& regions = biogeographicalRegions();
    std::string perRegion;
    for (std::size_t r = 0; r < run.testMetricsPerRegion.size() && r < regions.size(); ++r) {
        const Metrics& m = run.testMetricsPerRegion[r];
        if (m.points > 0)
            perRegion += fmt::format("  {:<4} weighted F1 {:.4f}  OA {:.4f}  (n = {})\n", regions[r].code,
                                     m.weightedF1, m.overallAccuracy, m.points);
    }
    if (!perRegion.empty()) std::cout << "per region:\n" << perRegion;
    std::cout << formatRunApplicability(run);
    (void)data;
}

std::function<int()> setupTrain(CLI::App& app) {
    auto args = std::make_shared<TrainArgs>();
    addInputOptions(app, args->input);
    addLevelOption(app, args->level);
    CLI::Option* modelOption =
        app.add_option("--model", args->model,
                       "Model name (see `bridgelc models`; default bridgelc, or a model preset's model)");
    app.add_option("--scenario", args->scenario, "extrap (random stratified), loro (held-out region), blocks")
        ->check(CLI::IsMember(Scenario::names()));
    app.add_option("--held-out-region,--region", args->region,
                   "Held-out region for --scenario loro (EEA code, e.g. ATL; default: none)");
    app.add_option("--fold", args->fold, "Fold (1-based) for --scenario blocks")
        ->check(wholeNumberAtLeast(1));
    app.add_option("--block-folds", args->blockFolds, "Number of spatial block folds")
        ->check(wholeNumberAtLeast(2));
    app.add_option("--block-km", args->blockKm, "Spatial block size in km")->check(numberAbove(0));
    app.add_option("--seed", args->seed, "Seed of the split and the training")->check(wholeNumberAtLeast(0));
    addSettingsOptions(app, args->settings);
    app.add_option("--runs", args->runs, "Directory of saved runs (default: the desktop application's)");
    app.add_option("--out", args->out, "Write the run to exactly this directory instead (default: none)");
    app.add_flag("--no-save", args->noSave, "Do not save the run");
    return [args, modelOption]() -> int {
        if (const ModelPreset* preset = findModelPreset(args->settings.preset)) {
            if (modelOption->count() > 0 && args->model != preset->model)
                throw UsageError(
                    fmt::format("--preset {} trains {}; leave out --model {} or choose another preset",
                                preset->name, preset->model, args->model));
            args->model = preset->model;
        }
        try {
            modelInfo(args->model);  // an unknown name fails before the data is read, listing the valid ones
        } catch (const std::exception& error) {
            throw UsageError(error.what());
        }
        if (!args->out.empty()) requireParentFolder(args->out);
        const std::optional<Dataset> loaded = loadInput(args->input);
        if (!loaded) return kExitFailure;
        const LabelChoice labels = labelChoiceFrom(args->level, args->input.options);
        const std::optional<Dataset> data = dataForLabels(*loaded, labels);
        if (!data) return kExitFailure;
        TrainingSettings settings = makeSettings(args->settings);
        settings.seed = args->seed;
        const Split split = makeSplit(*data, *args);
        std::cerr << fmt::format("{}: {} train, {} validation, {} test points\n", split.name,
                                 split.train.size(), split.validation.size(), split.test.size());
        // Said before training, so a user can stop a run that cannot mean anything.
        const std::vector<std::string> before = splitWarnings(*data, split);
        printWarnings(before);

        installInterruptHandler();
        TerminalProgress progress;
        progress.setContext(args->model + " " + split.name);
        const RunResult run = trainAndEvaluate(*data, split, args->model, settings, progress);
        progress.finishLine();

        if (run.status == RunStatus::Failed && !run.model) {
            std::cerr << "bridgelc train: training failed: " << run.message << "\n";
            return kExitFailure;
        }
        if (run.status == RunStatus::Stopped) std::cerr << "stopped; keeping the best model so far\n";
        if (run.status == RunStatus::Failed) std::cerr << "training failed: " << run.message << "\n";
        printResults(run, *data);
        // The run carries the dataset's warnings too; they were printed when the data was read.
        std::vector<std::string> said = datasetWarnings(*data);
        said.insert(said.end(), before.begin(), before.end());
        std::vector<std::string> after;
        for (const std::string& warning : run.warnings)
            if (std::find(said.begin(), said.end(), warning) == said.end()) after.push_back(warning);
        printWarnings(after);
        if (!args->noSave) {
            const RunSummary saved = args->out.empty()
                                         ? RunStore(args->runs.empty() ? defaultRunsDirectory() : args->runs)
                                               .save(run, *data, labels)
                                         : RunStore::saveTo(run, *data, args->out, labels);
            std::cout << "saved run " << saved.id << " in " << saved.directory << "\n";
        }
        return run.status == RunStatus::Completed ? kExitSuccess
               : run.status == RunStatus::Stopped ? kExitInterrupted
                                                  : kExitFailure;
    };
}

const CommandRegistration registration{
    {"train", "Train one model on one split, print its test scores and save the run", setupTrain}};

}  // namespace
}  // namespace bridgelc::cli
