#pragma once
#include <string>
#include <vector>

namespace bridgelc {

/// One EEA biogeographical region.
struct RegionInfo {
    std::string code;  ///< EEA code, e.g. "ATL"
    std::string name;  ///< e.g. "Atlantic"
};

/// The 11 EEA biogeographical regions in a fixed order (ALP, ANA, ARC, ATL, BLS, BOR, CON, MAC, MED, PAN, STE);
/// Dataset::region indexes this list.
const std::vector<RegionInfo>& biogeographicalRegions();

/// Index of a region given by code ("BLS") or name ("Black Sea", "BlackSea"), case-insensitive; -1 if unknown.
int regionIndex(const std::string& codeOrName);

}  // namespace bridgelc
