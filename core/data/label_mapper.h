#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bridgelc {

/// Turns label cells into class indices. Files labelled with LUCAS level-1 names or LC1 codes map onto the
/// eight level-1 classes (lucasLevel1Classes(), so indices mean the same in every LUCAS file); any other
/// labelling keeps the file's own classes, its distinct labels sorted.
class LabelMapper {
public:
    /// How one label was understood.
    enum class Outcome {
        Ok,            ///< mapped
        Empty,         ///< no label: the row cannot be used
        UnknownCode,   ///< shaped like a LUCAS code but no such level-1 letter (e.g. "Z99")
        UnknownLabel,  ///< in a LUCAS file, neither a level-1 name nor a code
        NotInLegend    ///< a code with a valid letter that the LC1 legend does not list; mapped by its letter
    };

    /// Looks at every label once to choose between LUCAS classes and the file's own. The views must stay
    /// valid while the mapper is used.
    void decide(const std::vector<std::string_view>& labels);

    bool isLucas() const { return m_lucas; }
    const std::vector<std::string>& classNames() const { return m_classNames; }

    /// Class index (or -1 when the row cannot be used); `fineCode` is set to the LUCAS level-3 code when the
    /// label is one ("B11"), else cleared.
    int map(std::string_view label, std::string& fineCode, Outcome& outcome);

private:
    struct Entry {
        int index = -1;
        Outcome outcome = Outcome::Ok;
        std::string fineCode;
    };
    Entry understand(std::string_view label) const;

    bool m_lucas = false;
    std::vector<std::string> m_classNames;
    std::unordered_map<std::string_view, Entry> m_cache;  // few distinct labels, many rows
    std::unordered_map<std::string, int> m_ownIndex;
};

}  // namespace bridgelc
