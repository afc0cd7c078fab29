#include "core/util/build_info.h"

#include "bridgelc_revision.h"  // generated at build time: BRIDGELC_GIT_REVISION

#ifndef BRIDGELC_VERSION_STRING
#define BRIDGELC_VERSION_STRING "unknown"
#endif
#ifndef BRIDGELC_BUILD_TYPE
#define BRIDGELC_BUILD_TYPE "unknown"
#endif

namespace bridgelc {

const BuildInfo& buildInfo() {
    static const BuildInfo info{BRIDGELC_VERSION_STRING, BRIDGELC_GIT_REVISION, BRIDGELC_BUILD_TYPE};
    return info;
}

// Paragraphs stay on one line each: a terminal and the About dialog wrap them to their own width.
constexpr const char* kAbout =
    R"(Trains and compares land-cover classifiers on LUCAS points with Sentinel-1/2 features. Method: BRIDGE-LC (Bi-level Representation Integration for Disentangled GEospatial Land Cover): Ghassemi, Fraga-Dantas, Gaetano, Ienco, Ghorbanzadeh, Izquierdo-Verdiguier and Vuolo, "Geographical Context Matters", arXiv:2504.12368 (2025), https://arxiv.org/abs/2504.12368

Data shipped with the program:
- Basemap: Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (public domain).
- Biogeographical regions: (c) European Environment Agency (EEA), Biogeographical regions, re-used with attribution.
- Built-in sample: point locations and land-cover labels from Eurostat LUCAS 2018 (Land Use/Cover Area frame Survey), (c) European Union, Eurostat, re-used with attribution. Its Sentinel-1/2 features are synthetic, drawn from statistics fitted on real data.
- LUCAS land-cover legend: lbrodsky/LUCAS_representativeness, MIT licence.

License: MIT.)";

std::string aboutText() {
    const BuildInfo& info = buildInfo();
    return "BRIDGE-LC Explorer " + info.version + " (git " + info.revision + ", " + info.buildType +
           " build)\n\n" + kAbout;
}

}  // namespace bridgelc
