#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// What the user chose about the columns of a file; anything left empty is found by name (DESIGN section 3).
struct LoadOptions {
    std::string idColumn, lonColumn, latColumn, labelColumn, regionColumn, splitColumn;
    std::vector<std::string> includeFeatures;  ///< when non-empty, exactly these numeric columns are features
    std::vector<std::string> excludeFeatures;  ///< numeric columns never used as features (besides the defaults)
    bool forceRegionLookup = false;            ///< ignore a `region` column and compute regions from coordinates
    std::string regionCellTable;               ///< empty: resourcePath("regions/biogeoregions_10km_cells.csv")
    std::string layer;                         ///< OGR layer name; empty: the first point layer
};

/// A load's outcome: the dataset unless a fatal problem stopped it, and every problem found either way.
struct LoadResult {
    std::optional<Dataset> dataset;
    ValidationReport report;
};

/// Reads a CSV/TSV (by content) or any OGR point source (GeoPackage, GeoJSON, Shapefile, by extension).
/// Never throws for bad content: problems go into the report; I/O errors become fatal problems.
LoadResult loadPoints(const std::string& path, const LoadOptions& options = {});

/// The built-in synthetic EU-27 sample shipped in resources/sample/.
LoadResult loadBuiltInSample();

}  // namespace bridgelc
