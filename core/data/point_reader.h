#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// A feature column with more than this share of its rows missing (empty, NaN or not a number) is not used as
/// a feature unless LoadOptions::keepMostlyMissingColumns: imputing most of a column with one mean gives the
/// model a constant, and a raw survey table's lab columns (e.g. soil chemistry measured on a tenth of the
/// points) would otherwise enter training silently. Half is where the imputed values outnumber the measured.
inline constexpr double kMostlyMissingShare = 0.5;

/// What the user chose about the columns of a file; anything left empty is found by name (DESIGN section 3).
struct LoadOptions {
    std::string idColumn, lonColumn, latColumn, labelColumn, regionColumn, splitColumn;
    std::vector<std::string> includeFeatures;  ///< when non-empty, exactly these numeric columns are features
    /// Numeric columns never used as features (besides the defaults).
    std::vector<std::string> excludeFeatures;
    bool forceRegionLookup = false;  ///< ignore a `region` column and compute regions from coordinates
    std::string regionCellTable;     ///< empty: resourcePath("regions/biogeoregions_10km_cells.csv")
    std::string layer;               ///< OGR layer name; empty: the first point layer
    /// False to read points that have no label (mapping new points with a trained model): a file without a
    /// label column is not fatal and every row gets label -1; in a labelled file, rows whose label is empty
    /// or unknown are kept with label -1 instead of dropped. The dataset then has labelsOptional set.
    bool requireLabel = true;
    /// When non-empty, the classes the labels are mapped onto, by name (e.g. a saved model's classes): the
    /// dataset's classNames are exactly these. A label that is none of them is an unknown label (row dropped,
    /// or kept with label -1 when requireLabel is false).
    std::vector<std::string> classNames;
    /// Keep feature columns that are mostly missing (over kMostlyMissingShare) as features; by default they
    /// are left out with a "mostly-missing-column" problem naming the column and its share.
    bool keepMostlyMissingColumns = false;
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
