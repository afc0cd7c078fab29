#include "core/data/lucas_legend.h"

#include <cctype>
#include <fstream>

#include "core/util/resources.h"

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

}  // namespace bridgelc
