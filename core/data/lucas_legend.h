#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

/// The eight LUCAS level-1 classes in legend order (A..H): Artificial land, Cropland, Woodland, Shrubland,
/// Grassland, Bare land, Water, Wetland.
const std::vector<std::string>& lucasLevel1Classes();

/// Level-1 class index (0..7) of a LUCAS code or name: "B11" -> 1, "C" -> 2, "Cropland" -> 1,
/// "Wetlands" -> 7; -1 when it is neither. Labels of a file are mapped with this.
int lucasLevel1Index(const std::string& codeOrName);

/// Level-1 class index (0..7) of a class as a legend names it: a level-1 letter ("B"), a level-1 name
/// (as lucasLevel1Index) or a common synonym ("Forest", "Built-up", "Water bodies"); -1 for finer codes
/// ("B11", "B11 Common wheat") and anything else. Picks the conventional colour of a class; never maps
/// labels.
int lucasLevel1IndexOfClass(const std::string& className);

}  // namespace bridgelc
