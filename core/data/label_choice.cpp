#include "core/data/label_choice.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/data/column_roles.h"
#include "core/data/lucas_legend.h"

namespace bridgelc {

namespace {
bool isCropCode(const std::string& code) {
    return !code.empty() && code[0] == 'B';
}
}  // namespace

std::string LabelChoice::description() const {
    if (level == 2) return "crop types";
    if (!labelColumn.empty()) return "labels of column '" + labelColumn + "'";
    return "land cover";
}

void to_json(nlohmann::json& json, const LabelChoice& choice) {
    json = {{"level", choice.level},
            {"labelColumn", choice.labelColumn},
            {"cropMinPoints", choice.cropMinPoints}};
}

void from_json(const nlohmann::json& json, LabelChoice& choice) {
    const LabelChoice defaults;
    choice.level = json.value("level", defaults.level);
    if (choice.level != 1 && choice.level != 2)
        throw std::runtime_error(
            fmt::format("label level {} is neither 1 (land cover) nor 2 (crop types)", choice.level));
    choice.labelColumn = json.value("labelColumn", defaults.labelColumn);
    choice.cropMinPoints = json.value("cropMinPoints", defaults.cropMinPoints);
}

LabelChoice labelChoiceOf(const nlohmann::json& metadata) {
    if (!metadata.is_object()) return {};
    const auto it = metadata.find("labels");
    if (it == metadata.end() || !it->is_object()) return {};
    try {
        return it->get<LabelChoice>();
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("the saved labels cannot be read: ") + error.what());
    }
}

std::vector<CropCodeCount> cropCodeCounts(const Dataset& dataset, std::size_t minPoints) {
    std::map<std::string, std::size_t> counts;  // ordered: codes come out sorted, as cropTypeSubset's classes
    for (const std::string& code : dataset.fineCode)
        if (isCropCode(code)) ++counts[code];
    const LucasLegend& legend = LucasLegend::builtIn();
    std::vector<CropCodeCount> out;
    for (const auto& [code, points] : counts)
        out.push_back({code, legend.displayName(code), points, points >= minPoints});
    return out;
}

Dataset datasetForLabels(const Dataset& dataset, const LabelChoice& choice) {
    if (choice.level == 1) return dataset;
    if (choice.level != 2)
        throw std::invalid_argument(
            fmt::format("label level {} is neither 1 (land cover) nor 2 (crop types)", choice.level));
    Dataset crops = cropTypeSubset(dataset, choice.cropMinPoints);
    if (crops.size() == 0) {
        const std::vector<CropCodeCount> codes = cropCodeCounts(dataset, choice.cropMinPoints);
        throw std::runtime_error(
            codes.empty()
                ? dataset.sourcePath +
                      ": crop types need Cropland points with LUCAS crop codes (B11, B12, ...) in an "
                      "lc1_code "
                      "or label column; the file has none"
                : fmt::format("{}: no crop code has {} points or more (the most is {}), so there is no crop "
                              "type to learn",
                              dataset.sourcePath, choice.cropMinPoints,
                              std::max_element(codes.begin(), codes.end(),
                                               [](const CropCodeCount& a, const CropCodeCount& b) {
                                                   return a.points < b.points;
                                               })
                                  ->points));
    }
    return crops;
}

Dataset cropTypePoints(const Dataset& dataset) {
    std::map<std::string, int> classOf;
    for (const CropCodeCount& code : cropCodeCounts(dataset, 0))
        classOf.emplace(code.code, 0);
    std::vector<std::string> names;
    const LucasLegend& legend = LucasLegend::builtIn();
    for (auto& [code, index] : classOf) {
        index = static_cast<int>(names.size());
        names.push_back(legend.displayName(code));
    }
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < dataset.size(); ++i) {
        const std::string code = i < dataset.fineCode.size() ? dataset.fineCode[i] : std::string();
        if (isCropCode(code) || (code.empty() && dataset.label[i] < 0))
            rows.push_back(static_cast<std::int64_t>(i));
    }
    Dataset out = dataset.subset(rows);
    out.classNames = names;
    out.labelsOptional = true;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::string code = i < out.fineCode.size() ? out.fineCode[i] : std::string();
        out.label[i] = isCropCode(code) ? classOf.at(code) : -1;
    }
    return out;
}

std::vector<std::string> otherLabelColumns(const ValidationReport& report) {
    std::vector<std::string> names;
    for (const Problem& problem : report.problems())
        if (problem.kind == "text-column" && !problem.columnName.empty() &&
            !ColumnRoles::isMetadataName(problem.columnName) &&
            std::find(names.begin(), names.end(), problem.columnName) == names.end())
            names.push_back(problem.columnName);
    return names;
}

}  // namespace bridgelc
