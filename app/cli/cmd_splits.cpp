// `bridgelc splits`: loads a point file and prints how a scenario divides it — points and class counts of the
// train, validation and test part of every fold — so a user can check a split before training on it.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "core/data/point_reader.h"
#include "core/geo/regions.h"
#include "core/run/sanity_checks.h"
#include "core/split/split.h"

namespace bridgelc::cli {
namespace {

struct SplitsArgs {
    std::string file;
    bool sample = false;
    std::string scenario = "extrap";
    std::uint64_t seed = 0;
    bool json = false;
    double trainFraction = ScenarioOptions().trainFraction;
    double validationFraction = ScenarioOptions().validationFraction;
    std::size_t minTestPoints = ScenarioOptions().minTestPoints;
    int folds = ScenarioOptions().blockFolds;
    double blockKm = ScenarioOptions().blockMeters / 1000.0;
    LoadOptions options;
    int level = 0;
};

std::vector<Split> makeSplits(const Dataset& dataset, const SplitsArgs& args,
                              std::vector<std::string>& notes) {
    ScenarioOptions options;
    options.scenario = args.scenario;
    options.seed = args.seed;
    options.trainFraction = args.trainFraction;
    options.validationFraction = args.validationFraction;
    options.minTestPoints = args.minTestPoints;
    options.blockFolds = args.folds;
    options.blockMeters = args.blockKm * 1000.0;
    if (options.scenario == Scenario::Extrap &&
        std::count(dataset.fixedSplit.begin(), dataset.fixedSplit.end(), 1) > 0)
        notes.push_back("test set = rows marked test in the file's split column");
    return scenarioSplits(dataset, options, &notes);
}

nlohmann::json partJson(std::size_t points, const std::vector<std::size_t>& counts) {
    return {{"points", points}, {"classCounts", counts}};
}

void printJson(const Dataset& dataset, const SplitsArgs& args, const std::vector<Split>& splits,
               const std::vector<std::string>& notes) {
    nlohmann::json doc;
    doc["file"] = dataset.sourcePath;
    doc["scenario"] = args.scenario;
    doc["seed"] = args.seed;
    doc["points"] = dataset.size();
    doc["classes"] = dataset.classNames;
    doc["notes"] = notes;
    nlohmann::json list = nlohmann::json::array();
    for (const Split& split : splits) {
        const SplitSummary summary = summarize(dataset, split);
        nlohmann::json entry = {
            {"name", summary.name},
            {"train", partJson(summary.trainPoints, summary.trainClassCounts)},
            {"validation", partJson(summary.validationPoints, summary.validationClassCounts)},
            {"test", partJson(summary.testPoints, summary.testClassCounts)}};
        if (split.heldOutRegion >= 0)
            entry["heldOutRegion"] =
                biogeographicalRegions()[static_cast<std::size_t>(split.heldOutRegion)].code;
        list.push_back(entry);
    }
    doc["splits"] = list;
    std::cout << doc.dump(2) << "\n";
}

void printText(const Dataset& dataset, const SplitsArgs& args, const std::vector<Split>& splits,
               const std::vector<std::string>& notes) {
    std::cout << fmt::format("{}: {} points, {} classes; scenario {}, seed {}, {} split{}\n",
                             dataset.sourcePath, dataset.size(), dataset.classNames.size(), args.scenario,
                             args.seed, splits.size(), splits.size() == 1 ? "" : "s");
    for (const std::string& note : notes)
        std::cout << "note: " << note << "\n";
    std::size_t nameWidth = 5;
    for (const std::string& name : dataset.classNames)
        nameWidth = std::max(nameWidth, name.size());
    for (const Split& split : splits) {
        const SplitSummary s = summarize(dataset, split);
        std::cout << fmt::format("\n{}: train {}, validation {}, test {}\n", s.name, s.trainPoints,
                                 s.validationPoints, s.testPoints);
        std::cout << fmt::format("  {:<{}} {:>9} {:>11} {:>9}\n", "class", nameWidth, "train", "validation",
                                 "test");
        for (std::size_t c = 0; c < s.trainClassCounts.size(); ++c) {
            const std::string name =
                c < dataset.classNames.size() ? dataset.classNames[c] : std::to_string(c);
            std::cout << fmt::format("  {:<{}} {:>9} {:>11} {:>9}\n", name, nameWidth, s.trainClassCounts[c],
                                     s.validationClassCounts[c], s.testClassCounts[c]);
        }
    }
}

int run(const SplitsArgs& args) {
    if (args.file.empty() && !args.sample) {
        std::cerr << "bridgelc splits: give a FILE or --sample\n";
        return 2;
    }
    if (!args.sample) requireFile(args.file, "the point file");
    const LoadResult result = args.sample ? loadBuiltInSample() : loadPoints(args.file, args.options);
    if (!result.dataset) {
        std::cerr << "bridgelc splits: " << result.report.fatalMessage() << "\n";
        return 1;
    }
    if (const std::size_t warnings = result.report.count(Severity::Warning); warnings > 0)
        std::cerr << fmt::format("{} warning{} while loading; `bridgelc inspect` lists them\n", warnings,
                                 warnings == 1 ? "" : "s");
    // The split of a level is the split `train --level` and `experiment --level` make of the same points.
    const std::optional<Dataset> chosen =
        dataForLabels(*result.dataset, labelChoiceFrom(args.level, args.options));
    if (!chosen) return 1;
    const Dataset& dataset = *chosen;
    std::vector<std::string> notes;
    const std::vector<Split> splits = makeSplits(dataset, args, notes);
    for (const Split& split : splits)
        printWarnings(splitWarnings(dataset, split));
    if (args.json)
        printJson(dataset, args, splits, notes);
    else
        printText(dataset, args, splits, notes);
    return 0;
}

const CommandRegistration registration{Command{
    "splits", "Show how a scenario splits a point file: points and class counts per part of every fold",
    [](CLI::App& app) -> std::function<int()> {
        auto args = std::make_shared<SplitsArgs>();
        app.add_option("file", args->file, "Point file (CSV/TSV, GeoPackage, GeoJSON, Shapefile)");
        app.add_flag("--sample", args->sample, "Use the built-in synthetic EU-27 sample instead of a file");
        app.add_option("--label-column,--label", args->options.labelColumn,
                       "Column with the label (default: found by name)");
        addLevelOption(app, args->level);
        app.add_option("--scenario", args->scenario, "extrap, loro or blocks")
            ->check(CLI::IsMember(Scenario::names()))
            ->capture_default_str();
        app.add_option("--seed", args->seed, "Random seed of the split")
            ->check(wholeNumberAtLeast(0))
            ->capture_default_str();
        app.add_flag("--json", args->json, "Print one JSON document");
        app.add_option("--train", args->trainFraction, "EXTRAP: training fraction")
            ->check(CLI::Range(0.0, 1.0))
            ->capture_default_str();
        app.add_option("--validation", args->validationFraction, "Validation fraction")
            ->check(CLI::Range(0.0, 1.0))
            ->capture_default_str();
        app.add_option("--min-test-points", args->minTestPoints, "LORO: skip regions with fewer points")
            ->capture_default_str();
        app.add_option("--folds", args->folds, "blocks: number of folds")
            ->check(CLI::Range(2, 1000))
            ->capture_default_str();
        app.add_option("--block-km", args->blockKm, "blocks: block side in km (EPSG:3035)")
            ->check(CLI::PositiveNumber)
            ->capture_default_str();
        return [args] { return run(*args); };
    }}};

}  // namespace
}  // namespace bridgelc::cli
