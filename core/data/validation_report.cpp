#include "core/data/validation_report.h"

#include <algorithm>

namespace bridgelc {

const char* severityName(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return "info";
        case Severity::Warning:
            return "warning";
        case Severity::Fatal:
            return "fatal";
    }
    return "?";
}

std::string Problem::toString() const {
    std::string text = file.empty() ? std::string("<input>") : file;
    const std::string quotedName = columnName.empty() ? std::string() : "'" + columnName + "'";
    if (lineIsFeature) {
        // Feature numbers are not text lines, so the compiler form would send an editor to the wrong place.
        std::string where;
        if (line > 0) where = "feature " + std::to_string(line);
        if (column > 0 || !quotedName.empty()) {
            if (!where.empty()) where += ", ";
            where += "field";
            if (column > 0) where += " " + std::to_string(column);
            if (!quotedName.empty()) where += column > 0 ? " (" + quotedName + ")" : " " + quotedName;
        }
        if (!where.empty()) text += ": " + where;
        text += ": ";
    } else {
        if (line > 0) text += ":" + std::to_string(line);
        if (line > 0 && column > 0) text += ":" + std::to_string(column);
        text += ": ";
    }
    text += severityName(severity);
    text += ": ";
    if (!lineIsFeature && !quotedName.empty()) text += "column " + quotedName + ": ";
    text += what;
    if (!action.empty()) text += " (" + action + ")";
    return text;
}

void ValidationReport::add(Problem problem) {
    add("other", std::move(problem));
}

void ValidationReport::add(const std::string& kind, Problem problem) {
    ++m_severityCounts[static_cast<int>(problem.severity)];
    problem.kind = kind;
    // Linear search: a load has a handful of kinds, and this runs once per problem, not per cell.
    auto it = std::find_if(m_kindCounts.begin(), m_kindCounts.end(),
                           [&](const auto& entry) { return entry.first == kind; });
    std::size_t kindIndex = static_cast<std::size_t>(it - m_kindCounts.begin());
    if (it == m_kindCounts.end()) {
        m_kindCounts.emplace_back(kind, 1);
        m_kindSeverity.push_back(problem.severity);
        m_kindKept.push_back(0);
    } else {
        ++it->second;
    }
    // Counted per column too, so a column with problems on its last rows is not hidden behind the first.
    const auto [group, added] =
        m_groupIndex.emplace(std::pair(kindIndex, problem.column), m_groupCounts.size());
    if (added) m_groupCounts.push_back({kind, problem.column, problem.columnName, problem.severity, 0});
    const std::size_t seenInColumn = m_groupCounts[group->second].count++;
    if (m_kindKept[kindIndex] < kMaxDetailsPerKindTotal && seenInColumn < kMaxDetailsPerKind) {
        ++m_kindKept[kindIndex];
        m_problems.push_back(std::move(problem));
    }
}

bool ValidationReport::hasFatal() const {
    return m_severityCounts[static_cast<int>(Severity::Fatal)] > 0;
}

std::size_t ValidationReport::count(Severity severity) const {
    return m_severityCounts[static_cast<int>(severity)];
}

Severity ValidationReport::kindSeverity(const std::string& kind) const {
    for (std::size_t i = 0; i < m_kindCounts.size(); ++i)
        if (m_kindCounts[i].first == kind) return m_kindSeverity[i];
    return Severity::Info;
}

std::string ValidationReport::fatalMessage() const {
    for (const Problem& problem : m_problems)
        if (problem.severity == Severity::Fatal) return problem.toString();
    return {};
}

}  // namespace bridgelc
