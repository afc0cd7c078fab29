#include "core/geo/regions.h"

#include <algorithm>

#include "core/util/text.h"

namespace bridgelc {

const std::vector<RegionInfo>& biogeographicalRegions() {
    static const std::vector<RegionInfo> regions = {
        {"ALP", "Alpine"},        {"ANA", "Anatolian"}, {"ARC", "Arctic"},      {"ATL", "Atlantic"},
        {"BLS", "Black Sea"},     {"BOR", "Boreal"},    {"CON", "Continental"}, {"MAC", "Macaronesian"},
        {"MED", "Mediterranean"}, {"PAN", "Pannonian"}, {"STE", "Steppic"},
    };
    return regions;
}

int regionIndex(const std::string& codeOrName) {
    const std::string key = foldedForMatching(codeOrName);
    if (key.empty()) return -1;
    const auto& regions = biogeographicalRegions();
    for (std::size_t i = 0; i < regions.size(); ++i)
        if (key == foldedForMatching(regions[i].code) || key == foldedForMatching(regions[i].name))
            return static_cast<int>(i);
    return -1;
}

}  // namespace bridgelc
