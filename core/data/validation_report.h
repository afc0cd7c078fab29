#pragma once
#include <cstdint>
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
    std::int64_t line = 0;       ///< 1-based line (CSV) or feature number (OGR); 0 when not tied to a row
    int column = 0;              ///< 1-based column; 0 when not tied to a column
    std::string columnName;      ///< header name of the column, when known
    std::string what;            ///< what was found, e.g. "non-numeric value '< LOD'"
    std::string action;          ///< what was done, e.g. "imputed with the training mean"
    // Added after the original five fields so existing brace initialisers keep their meaning.
    bool lineIsFeature = false;  ///< `line` counts features of an OGR layer, not text lines
    std::string kind;            ///< set by ValidationReport::add: the key its occurrences are counted under

    /// "file:line:column: severity: column 'name': what (action)" — the form compilers use, so editors can
    /// jump to it; for OGR sources "file: feature N, field C ('name'): severity: what (action)".
    std::string toString() const;
};

/// Every problem found in one load. Repetitive problems are all counted; details are kept for the first
/// `kMaxDetailsPerKind` of each kind so a file with a million empty cells stays readable.
class ValidationReport {
public:
    static constexpr std::size_t kMaxDetailsPerKind = 200;

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

private:
    std::vector<Problem> m_problems;
    std::vector<std::pair<std::string, std::size_t>> m_kindCounts;
    std::vector<Severity> m_kindSeverity;  ///< parallel to m_kindCounts
    std::size_t m_severityCounts[3] = {0, 0, 0};
};

}  // namespace bridgelc
