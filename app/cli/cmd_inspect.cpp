// `bridgelc inspect`: loads a point file (or the built-in sample) and prints what was found — points,
// features, classes, regions — and every problem grouped by kind and column (core/data/problem_groups.h, as
// the desktop application's problems view), most important first, as text or as one JSON document.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "core/data/point_reader.h"
#include "core/data/problem_groups.h"
#include "core/geo/regions.h"
#include "core/run/sanity_checks.h"

namespace bridgelc::cli {
namespace {

struct InspectArgs {
    std::string file;
    bool sample = false;
    bool json = false;
    std::size_t details = 5;
    LoadOptions options;
    int level = 0;
};

/// The crop codes the crop-type task leaves out for too few points.
std::vector<CropCodeCount> droppedCodes(const std::vector<CropCodeCount>& codes) {
    std::vector<CropCodeCount> dropped;
    for (const CropCodeCount& code : codes)
        if (!code.kept) dropped.push_back(code);
    return dropped;
}

nlohmann::json problemJson(const Problem& p) {
    return {{"severity", severityName(p.severity)},
            {"file", p.file},
            {p.lineIsFeature ? "feature" : "line", p.line},
            {"column", p.column},
            {"columnName", p.columnName},
            {"what", p.what},
            {"action", p.action},
            {"text", p.toString()}};
}

nlohmann::json reportJson(const LoadResult& result, const std::string& file, std::size_t details,
                          const LabelChoice& labels, const std::vector<CropCodeCount>& codes) {
    nlohmann::json doc;
    doc["file"] = file;
    doc["labels"] = labels;
    if (labels.level == 2) {
        nlohmann::json dropped = nlohmann::json::array();
        for (const CropCodeCount& code : droppedCodes(codes))
            dropped.push_back({{"code", code.code}, {"name", code.displayName}, {"count", code.points}});
        doc["droppedCropCodes"] = dropped;
    }
    doc["ok"] = result.dataset.has_value();
    if (result.report.hasFatal()) doc["fatal"] = result.report.fatalMessage();
    if (const auto& d = result.dataset) {
        doc["synthetic"] = d->synthetic;
        doc["points"] = d->size();
        doc["features"] = d->featureNames;
        const auto counts = d->classCounts();
        nlohmann::json classes = nlohmann::json::array();
        for (std::size_t k = 0; k < counts.size(); ++k)
            classes.push_back({{"name", d->classNames[k]}, {"count", counts[k]}});
        doc["classes"] = classes;
        const auto regionCounts = d->regionCounts();
        const auto& regions = biogeographicalRegions();
        nlohmann::json regionList = nlohmann::json::array();
        for (std::size_t r = 0; r < regions.size(); ++r)
            if (regionCounts[r] > 0)
                regionList.push_back(
                    {{"code", regions[r].code}, {"name", regions[r].name}, {"count", regionCounts[r]}});
        doc["regions"] = regionList;
        doc["outsideRegions"] = regionCounts.back();
        doc["warnings"] = datasetWarnings(*d);
    }
    nlohmann::json problems;
    problems["fatal"] = result.report.count(Severity::Fatal);
    problems["warning"] = result.report.count(Severity::Warning);
    problems["info"] = result.report.count(Severity::Info);
    const std::vector<ProblemGroup> groups = groupProblems(result.report);
    // "kinds": one entry per kind (kept for scripts written against it); "groups": per kind and column, most
    // important first, as the desktop application's problems view shows them.
    nlohmann::json kinds = nlohmann::json::array();
    for (const auto& [kind, count] : result.report.kindCounts()) {
        nlohmann::json examples = nlohmann::json::array();
        for (const Problem& problem : result.report.problems())
            if (problem.kind == kind && examples.size() < details) examples.push_back(problemJson(problem));
        kinds.push_back({{"kind", kind},
                         {"severity", severityName(result.report.kindSeverity(kind))},
                         {"count", count},
                         {"examples", examples}});
    }
    nlohmann::json groupList = nlohmann::json::array();
    for (const ProblemGroup& group : groups) {
        nlohmann::json examples = nlohmann::json::array();
        for (std::size_t i = 0; i < group.problems.size() && i < details; ++i)
            examples.push_back(problemJson(*group.problems[i]));
        groupList.push_back({{"kind", group.kind},
                             {"severity", severityName(group.severity)},
                             {"column", group.column},
                             {"columnName", group.columnName},
                             {"count", group.count},
                             {"rows", group.rows},
                             {"rowsAffected", group.rowsAffected},
                             {"share", group.share()},
                             {"summary", group.summary},
                             {"label", group.label},
                             {"title", group.title},
                             {"action", group.action},
                             {"examples", examples}});
    }
    problems["groups"] = groupList;
    problems["kinds"] = kinds;
    doc["problems"] = problems;
    return doc;
}

void printText(const LoadResult& result, const std::string& file, std::size_t details,
               const LabelChoice& labels, const std::vector<CropCodeCount>& codes) {
    std::cout << "File:      " << file << "\n";
    if (const auto& d = result.dataset) {
        if (d->synthetic)
            std::cout << "           (synthetic sample: real LUCAS locations, simulated features)\n";
        std::cout << "Points:    " << d->size() << "\n";
        std::cout << "Features:  " << d->featureCount() << ":";
        for (const std::string& name : d->featureNames)
            std::cout << " " << name;
        std::cout << "\nClasses:   " << d->classNames.size() << " (" << labels.description() << ")\n";
        const auto counts = d->classCounts();
        for (std::size_t k = 0; k < counts.size(); ++k)
            std::cout << fmt::format("  {:<28} {:>9}\n", d->classNames[k], counts[k]);
        const std::vector<CropCodeCount> dropped = droppedCodes(codes);
        if (!dropped.empty())
            std::cout << fmt::format("Dropped:   {} crop code(s) with fewer than {} points\n", dropped.size(),
                                     labels.cropMinPoints);
        for (const CropCodeCount& code : dropped)
            std::cout << fmt::format("  {:<28} {:>9}\n", code.displayName, code.points);
        std::cout << "Regions:\n";
        const auto regionCounts = d->regionCounts();
        const auto& regions = biogeographicalRegions();
        for (std::size_t r = 0; r < regions.size(); ++r)
            if (regionCounts[r] > 0)
                std::cout << fmt::format("  {} {:<24} {:>9}\n", regions[r].code, regions[r].name,
                                         regionCounts[r]);
        if (regionCounts.back() > 0)
            std::cout << fmt::format("  {:<28} {:>9}\n", "outside", regionCounts.back());
    }
    if (const auto& d = result.dataset) {
        const std::vector<std::string> warnings = datasetWarnings(*d);
        if (!warnings.empty()) std::cout << "Warnings:\n";
        for (const std::string& warning : warnings)
            std::cout << "  " << warning << "\n";
    }
    const ValidationReport& report = result.report;
    std::cout << fmt::format("Problems:  {} fatal, {} warnings, {} notes\n", report.count(Severity::Fatal),
                             report.count(Severity::Warning), report.count(Severity::Info));
    for (const ProblemGroup& group : groupProblems(report)) {
        std::cout << fmt::format("  {}: {}{}\n", severityName(group.severity), group.title,
                                 group.action.empty() ? "" : " (" + group.action + ")");
        const std::size_t shown = std::min(details, group.problems.size());
        if (group.count == 1 && group.problems.size() == 1 && group.problems.front()->line == 0) continue;
        for (std::size_t i = 0; i < shown; ++i)
            std::cout << "    " << group.problems[i]->toString() << "\n";
        if (group.count > shown)
            std::cout << fmt::format("    ... {} more\n", countText(group.count - shown));
    }
}

const CommandRegistration registration{Command{
    "inspect",
    "Load a point file (CSV, GeoPackage, GeoJSON, Shapefile) and report what it holds and every problem",
    [](CLI::App& app) -> std::function<int()> {
        auto args = std::make_shared<InspectArgs>();
        app.add_option("file", args->file, "point file to inspect");
        app.add_flag("--sample", args->sample, "inspect the built-in synthetic EU-27 sample");
        app.add_flag("--json", args->json, "print one JSON document instead of text");
        app.add_flag("--force-regions", args->options.forceRegionLookup,
                     "compute regions from the coordinates even when the file has a region column");
        app.add_option("--include", args->options.includeFeatures, "use exactly these columns as features")
            ->delimiter(',')
            ->allow_extra_args(false);
        app.add_option("--exclude", args->options.excludeFeatures, "never use these columns as features")
            ->delimiter(',')
            ->allow_extra_args(false);
        addColumnOptions(app, args->options, true);
        addLevelOption(app, args->level);
        app.add_option("--details", args->details, "problems shown per group (default 5)")
            ->check(wholeNumberAtLeast(0));
        addKeepMostlyEmptyOption(app, args->options);
        return [args]() {
            if (args->sample == !args->file.empty())
                throw UsageError("give a FILE or --sample (one of them)");
            if (!args->sample) requireFile(args->file, "the point file");
            LoadResult result = args->sample ? loadBuiltInSample() : loadPoints(args->file, args->options);
            const LabelChoice labels = labelChoiceFrom(args->level, args->options);
            std::vector<CropCodeCount> codes;
            if (result.dataset && labels.level == 2) {
                codes = cropCodeCounts(*result.dataset, labels.cropMinPoints);
                try {
                    result.dataset = datasetForLabels(*result.dataset, labels);
                } catch (const std::exception& error) {
                    std::cerr << "bridgelc inspect: " << error.what() << "\n";
                    return kExitFailure;
                }
            }
            const std::string file =
                args->sample ? (result.dataset ? result.dataset->sourcePath : std::string("built-in sample"))
                             : args->file;
            if (args->json)
                std::cout << reportJson(result, file, args->details, labels, codes).dump(2) << "\n";
            else
                printText(result, file, args->details, labels, codes);
            if (result.report.hasFatal()) {
                // The text report above already shows the fatal problem; JSON on stdout gets it on stderr.
                if (args->json) std::cerr << "bridgelc inspect: " << result.report.fatalMessage() << "\n";
                return kExitFailure;
            }
            return kExitSuccess;
        };
    }}};

}  // namespace
}  // namespace bridgelc::cli
