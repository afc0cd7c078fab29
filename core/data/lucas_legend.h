#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

namespace bridgelc {

/// The LUCAS LC1 legend: level-3 codes (A11..H23) and their names, read from
/// resources/legend/lucas_lc1_names.csv
/// (`code;name`). Empty when the resource cannot be found, so callers degrade to bare codes.
class LucasLegend {
public:
    /// The legend shipped in resources/ (read once, thread-safe).
    static const LucasLegend& builtIn();
    /// Reads a `code;name` file; leaves the legend empty when it cannot be read.
    explicit LucasLegend(const std::string& path);

    bool empty() const { return m_names.empty(); }
    bool contains(std::string_view code) const;
    /// Name of a code ("B11" -> "Common wheat"), or an empty string.
    std::string name(std::string_view code) const;
    /// "B11 Common wheat", or the bare code when it is not in the legend.
    std::string displayName(std::string_view code) const;

    /// True for text shaped like a LUCAS code at any level: a letter optionally followed by one or two digits
    /// or 'x' ("C", "B1", "B11", "Bx1", "Z99"). Says nothing about whether the code exists.
    static bool looksLikeCode(std::string_view text);
    /// Trims, upper-cases the letter and lower-cases an 'x' as LUCAS writes it: " b11" -> "B11", "BX1" ->
    /// "Bx1".
    static std::string normalizedCode(std::string_view text);

private:
    std::unordered_map<std::string, std::string> m_names;
};

}  // namespace bridgelc
