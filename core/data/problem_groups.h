#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/data/validation_report.h"

namespace bridgelc {

/// The problems of one kind in one column (or not tied to a column): what `bridgelc inspect` prints and the
/// problems view shows as one expandable row, so a file with 80,000 bad cells reads as a dozen lines.
struct ProblemGroup {
    std::string kind;  ///< the report's key, e.g. "empty-cell"
    Severity severity = Severity::Info;
    int column = 0;          ///< 1-based file column; 0 when the problems are not tied to a column
    std::string columnName;  ///< empty when not tied to a column
    std::size_t count = 0;   ///< every occurrence, including those whose details were not kept
    std::size_t rows = 0;    ///< data rows of the file (the share's denominator); 0 when unknown
    /// Rows the group speaks of: its count for kinds reported once per row, Problem::rowsAffected for a
    /// summary; 0 when the group is not about rows (a column, a class).
    std::size_t rowsAffected = 0;
    /// A summary of a whole column or file (e.g. "mostly-missing-column"), not one problem per row.
    bool summary = false;
    /// One plain sentence: "Empty cells in column 'OC': 18,900 of 18,984 rows (99.6 %)"; for a single
    /// problem, its own text.
    std::string title;
    /// Short name for a list row, column first so a narrow list keeps it: "OC: mostly empty, not used",
    /// "P: not numbers", "Duplicate ids".
    std::string label;
    std::string action;  ///< what was done, from the first occurrence
    /// The occurrences whose details were kept, in file order (pointers into the report, which must outlive
    /// the group).
    std::vector<const Problem*> problems;

    /// rowsAffected / rows, or 0 when either is unknown.
    double share() const;
};

/// Groups of a report, most important first: fatal problems, then whole-column and whole-file summaries,
/// then warnings, then notes; within each, the most frequent first (then file order).
std::vector<ProblemGroup> groupProblems(const ValidationReport& report);

/// True for kinds that summarise a column or the whole file rather than report one row.
bool isSummaryKind(const std::string& kind);

/// "18,970": a count with thousands separators, as messages show them.
std::string countText(std::size_t count);
/// "99.9 %": part of whole with one decimal, never rounded to 0.0 % or 100.0 % unless exactly so.
std::string shareText(std::size_t part, std::size_t whole);

}  // namespace bridgelc
