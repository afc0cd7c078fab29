#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bridgelc {

/// How bad a problem found while reading a point file is.
enum class Severity {
    Info,     ///< worth knowing, nothing was changed (e.g. a text column ignored)
    Warning,  ///< a value was repaired or a row dropped; the load goes on
    Fatal     ///< the file cannot be used; the load stops
};

/// "info", "warning" or "fatal".
const char* severityName(Severity severity);

/// One problem in an input file, located as precisely as the format allows.
struct Problem {
    Severity severity = Severity::Warning;
    std::string file;
    std::int64_t line = 0;   ///< 1-based line (CSV) or feature number (OGR); 0 when not tied to a row
    int column = 0;          ///< 1-based column; 0 when not tied to a column
    std::string columnName;  ///< header name of the column, when known
    std::string what;        ///< what was found, e.g. "non-numeric value '< LOD'"
    std::string action;      ///< what was done, e.g. "imputed with the training mean"
    // Added after the original five fields so existing brace initialisers keep their meaning.
    bool lineIsFeature = false;  ///< `line` counts features of an OGR layer, not text lines
    std::string kind;            ///< set by ValidationReport::add: the key its occurrences are counted under
    std::size_t rowsAffected = 0;  ///< for a summary of a column or file: how many rows it speaks of

    /// "file:line:column: severity: column 'name': what (action)" — the form compilers use, so editors can
    /// jump to it; for OGR sources "file: feature N, field C ('name'): severity: what (action)".
    std::string toString() const;
};

/// How many problems of one kind one column had (column 0 / empty name: not tied to a column).
struct KindColumnCount {
    std::string kind;
    int column = 0;  ///< 1-based file column, as Problem::column
    std::string columnName;
    Severity severity = Severity::Info;  ///< of the first occurrence
    std::size_t count = 0;               ///< every occurrence, including those whose details were not kept
};

/// Every problem found in one load. Repetitive problems are all counted, per kind and per (kind, column);
/// details are kept for the first `kMaxDetailsPerKind` of each kind in each column (and at most
/// `kMaxDetailsPerKindTotal` of a kind) so a file with a million empty cells stays readable while every
/// column still shows where its problems are.
class ValidationReport {
public:
    static constexpr std::size_t kMaxDetailsPerKind = 200;
    static constexpr std::size_t kMaxDetailsPerKindTotal = 5000;

    void add(Problem problem);
    /// Adds a problem of `kind` (a short stable key, e.g. "empty-cell") and counts it; keeps details while
    /// below the cap.
    void add(const std::string& kind, Problem problem);

    const std::vector<Problem>& problems() const { return m_problems; }
    bool hasFatal() const;
    std::size_t count(Severity severity) const;
    /// Total occurrences of each kind, including those whose details were not kept.
    const std::vector<std::pair<std::string, std::size_t>>& kindCounts() const { return m_kindCounts; }
    /// Severity of a kind (of its first occurrence); Info when the kind is unknown.
    Severity kindSeverity(const std::string& kind) const;
    /// The first fatal problem's text, or an empty string.
    std::string fatalMessage() const;
    /// Occurrences per (kind, column), in the order first met.
    const std::vector<KindColumnCount>& kindColumnCounts() const { return m_groupCounts; }
    /// Data rows the file had (the denominator of "N of M rows"); 0 when the load stopped before the rows.
    std::size_t rowCount() const { return m_rowCount; }
    void setRowCount(std::size_t rows) { m_rowCount = rows; }

private:
    std::vector<Problem> m_problems;
    std::vector<KindColumnCount> m_groupCounts;
    std::map<std::pair<std::size_t, int>, std::size_t> m_groupIndex;  ///< (kind index, column) -> group
    std::size_t m_rowCount = 0;
    std::vector<std::pair<std::string, std::size_t>> m_kindCounts;
    std::vector<Severity> m_kindSeverity;  ///< parallel to m_kindCounts
    std::vector<std::size_t> m_kindKept;   ///< details kept per kind, parallel to m_kindCounts
    std::size_t m_severityCounts[3] = {0, 0, 0};
};

}  // namespace bridgelc
