#pragma once
#include <string>

namespace bridgelc {

/// Absolute path of a file under resources/ (e.g. "regions/biogeoregions_10km_cells.csv").
/// Looks in $BRIDGELC_RESOURCES, then next to the installed executable (../share/bridgelc-explorer/resources),
/// then in the source tree the program was built from. Throws std::runtime_error naming every place tried.
std::string resourcePath(const std::string& relative);

}  // namespace bridgelc
