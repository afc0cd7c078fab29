#pragma once
#include <string>

namespace bridgelc {

/// Letters and digits of `text` in lower case, everything else dropped: "Bare land", "bare_land" and
/// "BARELAND" match, as names in users' files are spelt in all these ways.
std::string foldedForMatching(const std::string& text);

}  // namespace bridgelc
