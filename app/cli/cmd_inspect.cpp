// `bridgelc inspect`: loads a point file (or the built-in sample) and prints what was found — points,
// features, classes, regions — and every problem grouped by kind, as text or as one JSON document.
#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/cli/command_registry.h"
#include "core/data/point_reader.h"
#include "core/geo/regions.h"

namespace bridgelc::cli {
namespace {

struct InspectArgs {
    std::string file;
    bool sample = false;
    bool json = false;
    std::size_t details = 5;
    LoadOptions options;
};

/// Kinds in the order they were first met, with their kept problems.
std::vector<std::pair<std::string, std::vector<const Problem*>>> groupedProblems(
    const ValidationReport& report) {
    std::vector<std::pair<std::string, std::vector<const Problem*>>> groups;
    for (const auto& [kind, count] : report.kindCounts())
        groups.emplace_back(kind, std::vector<const Problem*>{});
    for (const Problem& problem : report.problems())
        for (auto& [kind, list] : groups)
            if (kind == problem.kind) list.push_back(&problem);
    return groups;
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

nlohmann::json reportJson(const LoadResult& result, const std::string& file, std::size_t details) {
    nlohmann::json doc;
    doc["file"] = file;
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
    }
    nlohmann::json problems;
    problems["fatal"] = result.report.count(Severity::Fatal);
    problems["warning"] = result.report.count(Severity::Warning);
    problems["info"] = result.report.count(Severity::Info);
    nlohmann::json kinds = nlohmann::json::array();
    for (const auto& [kind, list] : groupedProblems(result.report)) {
        nlohmann::json examples = nlohmann::json::array();
        for (std::size_t i = 0; i < list.size() && i < details; ++i)
            examples.push_back(problemJson(*list[i]));
        std::size_t count = 0;
        for (const auto& [name, n] : result.report.kindCounts())
            if (name == kind) count = n;
        kinds.push_back({{"kind", kind},
                         {"severity", severityName(result.report.kindSeverity(kind))},
                         {"count", count},
                         {"examples", examples}});
    }
    problems["kinds"] = kinds;
    doc["problems"] = problems;
    return doc;
}

void printText(const LoadResult& result, const std::string& file, std::size_t details) {
    std::cout << "File:      " << file << "\n";
    if (const auto& d = result.dataset) {
        if (d->synthetic)
            std::cout << "           (synthetic sample: real LUCAS locations, simulated features)\n";
        std::cout << "Points:    " << d->size() << "\n";
        std::cout << "Features:  " << d->featureCount() << ":";
        for (const std::string& name : d->featureNames)
            std::cout << " " << name;
        std::cout << "\nClasses:   " << d->classNames.size() << "\n";
        const auto counts = d->classCounts();
        for (std::size_t k = 0; k < counts.size(); ++k)
            std::cout << fmt::format("  {:<28} {:>9}\n", d->classNames[k], counts[k]);
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
    const ValidationReport& report = result.report;
    std::cout << fmt::format("Problems:  {} fatal, {} warnings, {} notes\n", report.count(Severity::Fatal),
                             report.count(Severity::Warning), report.count(Severity::Info));
    for (const auto& [kind, list] : groupedProblems(report)) {
        std::size_t count = 0;
        for (const auto& [name, n] : report.kindCounts())
            if (name == kind) count = n;
        std::cout << fmt::format("  {} {} x {}\n", severityName(report.kindSeverity(kind)), kind, count);
        for (std::size_t i = 0; i < list.size() && i < details; ++i)
            std::cout << "    " << list[i]->toString() << "\n";
        if (count > std::min(details, list.size()))
            std::cout << fmt::format("    ... {} more\n", count - std::min(details, list.size()));
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
        app.add_option("--id", args->options.idColumn, "column holding the point id");
        app.add_option("--lon", args->options.lonColumn, "column holding the longitude");
        app.add_option("--lat", args->options.latColumn, "column holding the latitude");
        app.add_option("--label", args->options.labelColumn, "column holding the class label");
        app.add_option("--region", args->options.regionColumn, "column holding the biogeographical region");
        app.add_option("--split", args->options.splitColumn, "column holding a fixed train/test split");
        app.add_option("--layer", args->options.layer, "layer of a GeoPackage or other multi-layer source");
        app.add_option("--details", args->details, "problems shown per kind (default 5)");
        return [args]() {
            if (args->sample == !args->file.empty()) {
                std::cerr << "bridgelc inspect: give a FILE or --sample (one of them)\n";
                return 2;
            }
            const LoadResult result =
                args->sample ? loadBuiltInSample() : loadPoints(args->file, args->options);
            const std::string file =
                args->sample ? (result.dataset ? result.dataset->sourcePath : std::string("built-in sample"))
                             : args->file;
            if (args->json)
                std::cout << reportJson(result, file, args->details).dump(2) << "\n";
            else
                printText(result, file, args->details);
            if (result.report.hasFatal()) {
                std::cerr << "bridgelc inspect: " << result.report.fatalMessage() << "\n";
                return 2;
            }
            return 0;
        };
    }}};

}  // namespace
}  // namespace bridgelc::cli
