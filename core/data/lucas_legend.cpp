#include "core/data/lucas_legend.h"

#include <cctype>
#include <fstream>
#include <map>

#include "core/util/resources.h"
#include "core/util/text.h"

namespace bridgelc {

namespace {
std::string trimmed(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])))
        --end;
    return std::string(text.substr(begin, end - begin));
}
}  // namespace

const LucasLegend& LucasLegend::builtIn() {
    static const LucasLegend legend = [] {
        try {
            return LucasLegend(resourcePath("legend/lucas_lc1_names.csv"));
        } catch (const std::exception&) {
            return LucasLegend(std::string());
        }
    }();
    return legend;
}

LucasLegend::LucasLegend(const std::string& path) {
    if (path.empty()) return;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t sep = line.find(';');
        if (sep == std::string::npos) continue;
        const std::string code = trimmed(std::string_view(line).substr(0, sep));
        if (!looksLikeCode(code)) continue;  // the header and "-1;Not relevant"
        m_names[normalizedCode(code)] = trimmed(std::string_view(line).substr(sep + 1));
    }
}

bool LucasLegend::contains(std::string_view code) const {
    return m_names.count(normalizedCode(code)) > 0;
}

std::string LucasLegend::name(std::string_view code) const {
    const auto it = m_names.find(normalizedCode(code));
    return it == m_names.end() ? std::string() : it->second;
}

std::string LucasLegend::displayName(std::string_view code) const {
    const std::string normalized = normalizedCode(code);
    const std::string text = name(normalized);
    return text.empty() ? normalized : normalized + " " + text;
}

bool LucasLegend::looksLikeCode(std::string_view text) {
    if (text.empty() || text.size() > 3) return false;
    if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (!std::isdigit(static_cast<unsigned char>(c)) && c != 'x' && c != 'X') return false;
    }
    return true;
}

std::string LucasLegend::normalizedCode(std::string_view text) {
    std::string code = trimmed(text);
    if (!code.empty()) code[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(code[0])));
    for (std::size_t i = 1; i < code.size(); ++i)
        if (code[i] == 'X') code[i] = 'x';
    return code;
}

const std::vector<std::string>& lucasLevel1Classes() {
    static const std::vector<std::string> classes = {"Artificial land", "Cropland",  "Woodland", "Shrubland",
                                                     "Grassland",       "Bare land", "Water",    "Wetland"};
    return classes;
}

namespace {

// The one table of level-1 spellings, as folded keys (foldedForMatching). Strict ones (the ELC10 spellings,
// plurals, the official LUCAS titles) map labels; the synonyms only pick colours, since a file's "Forest"
// is not necessarily LUCAS Woodland.
struct Level1Names {
    std::map<std::string, int> strict, synonyms;
};

const Level1Names& level1Names() {
    static const Level1Names names = [] {
        Level1Names n;
        const auto& classes = lucasLevel1Classes();
        for (std::size_t i = 0; i < classes.size(); ++i) {
            n.strict[foldedForMatching(classes[i])] = static_cast<int>(i);
            n.strict[foldedForMatching(classes[i]) + "s"] = static_cast<int>(i);
        }
        n.strict["barelandandlichensmoss"] = 5;
        n.strict["waterareas"] = 6;
        n.synonyms = {{"artificial", 0}, {"artificialsurfaces", 0},
                      {"builtup", 0},    {"crop", 1},
                      {"forest", 2},     {"shrub", 3},
                      {"grass", 4},      {"bare", 5},
                      {"waterbodies", 6}};
        return n;
    }();
    return names;
}

int find(const std::map<std::string, int>& names, const std::string& key) {
    const auto it = names.find(key);
    return it == names.end() ? -1 : it->second;
}

}  // namespace

int lucasLevel1Index(const std::string& codeOrName) {
    const std::string code = LucasLegend::normalizedCode(codeOrName);
    if (LucasLegend::looksLikeCode(code)) {
        const char letter = code[0];
        return letter >= 'A' && letter <= 'H' ? letter - 'A' : -1;
    }
    return find(level1Names().strict, foldedForMatching(codeOrName));
}

int lucasLevel1IndexOfClass(const std::string& className) {
    const std::string code = LucasLegend::normalizedCode(className);
    if (code.size() == 1) return code[0] >= 'A' && code[0] <= 'H' ? code[0] - 'A' : -1;
    const std::string key = foldedForMatching(className);
    const int strict = find(level1Names().strict, key);
    return strict >= 0 ? strict : find(level1Names().synonyms, key);
}

}  // namespace bridgelc
