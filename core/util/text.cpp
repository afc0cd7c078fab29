#include "core/util/text.h"

#include <cctype>

namespace bridgelc {

std::string foldedForMatching(const std::string& text) {
    std::string out;
    for (unsigned char c : text)
        if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    return out;
}

}  // namespace bridgelc
