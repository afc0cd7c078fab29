#pragma once
// How the loaders quote cells in messages. Internal to core/data.
#include <cctype>
#include <string>
#include <string_view>

namespace bridgelc {

/// A cell's text for a message: quoted, and cut short so a 1 MB cell does not make a 1 MB message.
inline std::string shown(std::string_view text) {
    constexpr std::size_t kMax = 60;
    if (text.size() <= kMax) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, kMax)) + "...' (" + std::to_string(text.size()) + " characters)";
}

/// Lower-cased ASCII copy, for comparing keywords such as "train"/"test".
inline std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace bridgelc
