#include "core/experiment/applicability_tables.h"

#include <fmt/format.h>

#include <optional>

#include "core/geo/regions.h"

namespace bridgelc {

namespace {

std::optional<double> jobShareOutside(const JobResult& r) {
    return r.hasAoa && r.testInside + r.testOutside > 0 ? std::optional<double>(r.shareOutside())
                                                        : std::nullopt;
}
std::optional<double> jobF1Inside(const JobResult& r) {
    return r.hasAoa && r.testInside > 0 ? std::optional<double>(r.insideTest.weightedF1) : std::nullopt;
}
std::optional<double> jobF1Outside(const JobResult& r) {
    return r.hasAoa && r.testOutside > 0 ? std::optional<double>(r.outsideTest.weightedF1) : std::nullopt;
}

std::string percentCell(const Aggregate& a) {
    if (a.n == 0) return "–";
    if (a.n == 1) return fmt::format("{:.2f}", 100 * a.mean);
    return fmt::format("{:.2f} ± {:.2f}", 100 * a.mean, 100 * a.std);
}

std::string meanCell(const Aggregate& a) {
    return a.n ? fmt::format("{:.2f}", 100 * a.mean) : std::string("–");
}

std::string header(const std::vector<std::string>& columns) {
    std::string text = "| Model |", rule = "|:--|";
    for (const std::string& c : columns) {
        text += " " + c + " |";
        rule += "--:|";
    }
    return text + "\n" + rule + "\n";
}

}  // namespace

ApplicabilityCell ApplicabilityCell::of(const std::vector<JobResult>& results, const std::string& variant,
                                        Scenario scenario) {
    return {ExperimentTables::aggregateJobs(results, variant, scenario, jobShareOutside),
            ExperimentTables::aggregateJobs(results, variant, scenario, jobF1Inside),
            ExperimentTables::aggregateJobs(results, variant, scenario, jobF1Outside)};
}

ApplicabilityCell ApplicabilityCell::ofRegion(const std::vector<JobResult>& results,
                                              const std::string& variant, int region) {
    auto inRegion = [region](std::optional<double> (*value)(const JobResult&)) {
        return [region, value](const JobResult& r) {
            return r.job.heldOutRegion == region ? value(r) : std::nullopt;
        };
    };
    return {ExperimentTables::aggregateJobs(results, variant, Scenario::Loro, inRegion(jobShareOutside)),
            ExperimentTables::aggregateJobs(results, variant, Scenario::Loro, inRegion(jobF1Inside)),
            ExperimentTables::aggregateJobs(results, variant, Scenario::Loro, inRegion(jobF1Outside))};
}

nlohmann::json ApplicabilityCell::toJson() const {
    auto value = [](const Aggregate& a) {
        return nlohmann::json{{"mean", a.mean}, {"std", a.std}, {"n", a.n}};
    };
    return {{"shareOutside", value(shareOutside)},
            {"weightedF1Inside", value(f1Inside)},
            {"weightedF1Outside", value(f1Outside)}};
}

std::string ApplicabilityCell::csvHeader() {
    return ",share_outside_mean,share_outside_std,weighted_f1_inside_mean,weighted_f1_inside_std,"
           "weighted_f1_outside_mean,weighted_f1_outside_std";
}

std::string ApplicabilityCell::csvCells() const {
    std::string text;
    // An empty cell, not 0, where no job had points on that side: 0 would read as a score.
    for (const Aggregate* a : {&shareOutside, &f1Inside, &f1Outside})
        text += a->n ? fmt::format(",{:.6f},{:.6f}", a->mean, a->std) : std::string(",,");
    return text;
}

std::string applicabilityMarkdown(const std::vector<JobResult>& results,
                                  const std::vector<std::string>& variants,
                                  const std::vector<std::string>& rowNames,
                                  const std::vector<std::string>& scenarios,
                                  const std::vector<int>& loroRegions) {
    bool any = false;
    for (const JobResult& r : results)
        any = any || (r.succeeded() && r.hasAoa);
    if (!any) return {};

    std::string md =
        "\n## Area of applicability: test points outside (%), weighted F1 inside and outside\n\n"
        "A test point is outside the area of applicability when its predictors are less like the training "
        "data than the model's own cross-validation folds are like each other (dissimilarity index above "
        "the threshold; see the user guide, \"Where predictions can be trusted\"). Aggregated like the "
        "tables above; a score outside rests on few points when the share outside is small. – : no job "
        "with an area of applicability, or no test point on that side.\n\n";
    std::vector<std::string> columns;
    for (const std::string& s : scenarios)
        for (const char* what : {"outside %", "F1 inside", "F1 outside"})
            columns.push_back(std::string(Scenario(s).title()) + " " + what);
    md += header(columns);
    for (std::size_t v = 0; v < variants.size(); ++v) {
        md += "| " + rowNames[v] + " |";
        for (const std::string& scenario : scenarios) {
            const ApplicabilityCell cell = ApplicabilityCell::of(results, variants[v], scenario);
            md += " " + percentCell(cell.shareOutside) + " | " + percentCell(cell.f1Inside) + " | " +
                  percentCell(cell.f1Outside) + " |";
        }
        md += "\n";
    }
    if (loroRegions.empty()) return md;

    std::vector<std::string> regionColumns;
    for (int r : loroRegions)
        regionColumns.push_back(biogeographicalRegions()[static_cast<std::size_t>(r)].code);
    md += "\n## LORO: held-out test points outside the area of applicability (%)\n\n" + header(regionColumns);
    for (std::size_t v = 0; v < variants.size(); ++v) {
        md += "| " + rowNames[v] + " |";
        for (int r : loroRegions)
            md += " " + meanCell(ApplicabilityCell::ofRegion(results, variants[v], r).shareOutside) + " |";
        md += "\n";
    }
    md += "\n## LORO: weighted F1 inside / outside the area of applicability per held-out region\n\n" +
          header(regionColumns);
    for (std::size_t v = 0; v < variants.size(); ++v) {
        md += "| " + rowNames[v] + " |";
        for (int r : loroRegions) {
            const ApplicabilityCell cell = ApplicabilityCell::ofRegion(results, variants[v], r);
            md += " " + meanCell(cell.f1Inside) + " / " + meanCell(cell.f1Outside) + " |";
        }
        md += "\n";
    }
    return md;
}

}  // namespace bridgelc
