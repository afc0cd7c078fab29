#include "core/data/problem_groups.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace bridgelc {

namespace {

/// Kinds reported once per row, with the words a group title uses for them. Only these get a share of rows:
/// a count of other kinds (columns, classes) over the rows would be a meaningless percentage.
const std::map<std::string, std::string>& rowKindNames() {
    static const std::map<std::string, std::string> names = {
        {"empty-cell", "empty cells"},
        {"non-finite", "NaN or infinite values"},
        {"non-numeric", "values that are not numbers"},
        {"bad-coordinate", "coordinates that are not numbers"},
        {"missing-coordinate", "missing coordinates"},
        {"coordinate-range", "coordinates out of range"},
        {"missing-geometry", "features without a point geometry"},
        {"outside-europe", "points outside Europe"},
        {"swapped-coordinates", "longitude and latitude swapped"},
        {"missing-label", "rows without a label"},
        {"unknown-label", "unknown labels"},
        {"label-not-in-classes", "labels not among the given classes"},
        {"code-not-in-legend", "LUCAS codes not in the legend"},
        {"bad-fine-code", "invalid LUCAS LC1 codes"},
        {"fine-code-mismatch", "LC1 codes that disagree with the label"},
        {"missing-id", "rows without an id"},
        {"duplicate-id", "duplicate ids"},
        {"missing-region", "rows without a region"},
        {"unknown-region", "unknown regions"},
        {"outside-regions", "points outside every biogeographical region"},
        {"unknown-split", "split values neither train nor test"},
    };
    return names;
}

/// Short names for list rows, where a dock's width allows about 25 characters; unknown kinds show their key.
const std::map<std::string, std::string>& shortKindNames() {
    static const std::map<std::string, std::string> names = {
        {"non-finite", "NaN or infinite"},
        {"non-numeric", "not numbers"},
        {"bad-coordinate", "coordinates not numbers"},
        {"coordinate-range", "coordinates out of range"},
        {"missing-geometry", "no point geometry"},
        {"swapped-coordinates", "lon/lat swapped"},
        {"label-not-in-classes", "labels not in the classes"},
        {"code-not-in-legend", "codes not in the legend"},
        {"bad-fine-code", "invalid LC1 codes"},
        {"fine-code-mismatch", "LC1 code disagrees"},
        {"outside-regions", "outside every region"},
        {"unknown-split", "split neither train nor test"},
        {"mostly-missing-column", "mostly empty, not used"},
        {"mostly-missing-kept", "mostly empty, kept"},
        {"missing-values-summary", "missing values"},
        {"coordinates-summary", "coordinates"},
        {"unlabelled-summary", "points without a label"},
        {"rows-dropped", "rows dropped"},
        {"no-usable-rows", "no usable rows"},
        {"text-column", "text column, ignored"},
        {"metadata-column", "metadata column, not a feature"},
        {"empty-column", "empty column, ignored"},
        {"small-class", "class with one point"},
        {"empty-class", "classes without points"},
        {"no-id-column", "no id column"},
        {"own-classes", "classes taken from the file"},
        {"missing-column", "missing column"},
        {"no-features", "no feature columns"},
        {"ragged-row", "row with a wrong number of cells"},
    };
    return names;
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string labelOf(const ProblemGroup& group) {
    const auto& rowNames = rowKindNames();
    const auto& shortNames = shortKindNames();
    std::string name = group.kind;
    if (const auto it = shortNames.find(group.kind); it != shortNames.end())
        name = it->second;
    else if (const auto row = rowNames.find(group.kind); row != rowNames.end())
        name = row->second;
    return group.columnName.empty() ? capitalised(name) : group.columnName + ": " + name;
}

int rank(const ProblemGroup& group) {
    if (group.severity == Severity::Fatal) return 0;
    if (group.summary) return 1;
    return group.severity == Severity::Warning ? 2 : 3;
}

std::string titleOf(const ProblemGroup& group) {
    const auto& names = rowKindNames();
    const auto name = names.find(group.kind);
    if (group.count == 1 && !group.problems.empty()) {
        // One problem: its own words say more than a count of one.
        const Problem& p = *group.problems.front();
        return group.columnName.empty() ? p.what : "Column '" + group.columnName + "': " + p.what;
    }
    std::string title = capitalised(name != names.end() ? name->second : group.kind);
    if (!group.columnName.empty()) title += " in column '" + group.columnName + "'";
    if (group.rows > 0 && name != names.end())
        title += fmt::format(": {} of {} rows ({})", countText(group.count), countText(group.rows),
                             shareText(group.count, group.rows));
    else
        title += fmt::format(": {} times", countText(group.count));
    if (name == names.end() && !group.problems.empty()) title += ", e.g. " + group.problems.front()->what;
    return title;
}

}  // namespace

double ProblemGroup::share() const {
    if (rows == 0) return 0;
    return static_cast<double>(rowsAffected) / static_cast<double>(rows);
}

bool isSummaryKind(const std::string& kind) {
    static const char* const kinds[] = {"mostly-missing-column",  "mostly-missing-kept",
                                        "missing-values-summary", "coordinates-summary",
                                        "unlabelled-summary",     "rows-dropped"};
    return std::find(std::begin(kinds), std::end(kinds), kind) != std::end(kinds);
}

std::vector<ProblemGroup> groupProblems(const ValidationReport& report) {
    std::vector<ProblemGroup> groups;
    std::map<std::pair<std::string, int>, std::size_t> index;
    for (const KindColumnCount& counted : report.kindColumnCounts()) {
        index.emplace(std::pair(counted.kind, counted.column), groups.size());
        ProblemGroup group;
        group.kind = counted.kind;
        group.severity = counted.severity;
        group.column = counted.column;
        group.columnName = counted.columnName;
        group.count = counted.count;
        group.rows = report.rowCount();
        group.summary = isSummaryKind(counted.kind);
        groups.push_back(std::move(group));
    }
    for (const Problem& problem : report.problems()) {
        const auto it = index.find(std::pair(problem.kind, problem.column));
        if (it == index.end()) continue;  // a report filled without add(kind, ...) has no counts to match
        ProblemGroup& group = groups[it->second];
        group.problems.push_back(&problem);
        if (group.action.empty()) group.action = problem.action;
        if (problem.severity > group.severity) group.severity = problem.severity;
    }
    for (ProblemGroup& group : groups) {
        group.title = titleOf(group);
        group.label = labelOf(group);
        if (rowKindNames().count(group.kind))
            group.rowsAffected = group.count;
        else if (group.summary && !group.problems.empty())
            group.rowsAffected = group.problems.front()->rowsAffected;
    }
    std::stable_sort(groups.begin(), groups.end(), [](const ProblemGroup& a, const ProblemGroup& b) {
        const int ra = rank(a), rb = rank(b);
        // Within a rank, the group that touches the most rows first (a summary counts once but speaks of
        // many rows).
        const std::size_t wa = std::max(a.rowsAffected, a.count), wb = std::max(b.rowsAffected, b.count);
        return ra != rb ? ra < rb : wa > wb;
    });
    return groups;
}

std::string countText(std::size_t count) {
    std::string digits = std::to_string(count);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

std::string shareText(std::size_t part, std::size_t whole) {
    if (whole == 0) return "–";
    const double percent = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    // 18,983 of 18,984 is not "100.0 %", and 1 of 100,000 is not "0.0 %": the share must not hide the rest.
    if (part > 0 && part < whole && percent < 0.05) return "< 0.1 %";
    if (part < whole && percent >= 99.95) return "> 99.9 %";
    return fmt::format("{:.1f} %", percent);
}

}  // namespace bridgelc
