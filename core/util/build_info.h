#pragma once
#include <string>

namespace bridgelc {

/// Which build this is, fixed when it was compiled.
struct BuildInfo {
    std::string version;    ///< project version, e.g. "0.1.0"
    std::string revision;   ///< git commit (short hash, "+dirty" with local changes), or "unknown"
    std::string buildType;  ///< CMake build type, e.g. "RelWithDebInfo"
};

const BuildInfo& buildInfo();

/// What `bridgelc --version` prints and the About dialog shows: the version line, the method's citation and
/// the attributions of the data the program ships, as plain-text paragraphs separated by blank lines.
std::string aboutText();

}  // namespace bridgelc
