#include "core/geo/regions.h"

#include <algorithm>
#include <cctype>

namespace bridgelc {

const std::vector<RegionInfo>& biogeographicalRegions() {
    static const std::vector<RegionInfo> regions = {
        {"ALP", "Alpine"},        {"ANA", "Anatolian"}, {"ARC", "Arctic"},      {"ATL", "Atlantic"},
        {"BLS", "Black Sea"},     {"BOR", "Boreal"},    {"CON", "Continental"}, {"MAC", "Macaronesian"},
        {"MED", "Mediterranean"}, {"PAN", "Pannonian"}, {"STE", "Steppic"},
    };
    return regions;
}

namespace {
std::string folded(const std::string& text) {
    std::string out;
    for (unsigned char c : text)
        if (std::isalnum(c)) out.push_back(static_cast<char>(std::tolower(c)));
    return out;
}
}  // namespace

int regionIndex(const std::string& codeOrName) {
    const std::string key = folded(codeOrName);
    if (key.empty()) return -1;
    const auto& regions = biogeographicalRegions();
    for (std::size_t i = 0; i < regions.size(); ++i)
        if (key == folded(regions[i].code) || key == folded(regions[i].name)) return static_cast<int>(i);
    return -1;
}

}  // namespace bridgelc
