#pragma once
#include <string>
#include <vector>

#include "core/data/point_reader.h"
#include "core/data/raw_table.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// Which column of a RawTable plays which part (DESIGN section 3): found from LoadOptions first, else by the
/// usual names, case-insensitively. Indices are RawTable columns; -1 where there is none.
struct ColumnRoles {
    int id = -1, lon = -1, lat = -1, label = -1, region = -1, split = -1, fineCode = -1;
    bool coordinatesFromGeometry =
        false;                  ///< OGR point geometry gives lon/lat (lon/lat columns then ignored)
    std::vector<int> features;  ///< chosen by chooseFeatures(), in file order

    /// Finds the roles from the header alone; reports a fatal problem for each required role that is missing.
    static ColumnRoles find(const RawTable& table, const LoadOptions& options, ValidationReport& report);
    /// Marks the role columns whose text is needed as written (ids, labels, regions...).
    void markTextColumns(RawTable& table) const;
    /// Picks the feature columns once every cell is classified: numeric columns that are neither roles nor
    /// metadata, or exactly options.includeFeatures. False (with a fatal problem) when none is left.
    bool chooseFeatures(const RawTable& table, const LoadOptions& options, ValidationReport& report);

    bool isRole(int column) const;
    /// Numeric columns that describe a point rather than measure it (votes, ids, dates): not features unless
    /// the user includes them.
    static bool isMetadataName(const std::string& name);

    static const std::vector<std::string>& idAliases();
    static const std::vector<std::string>& lonAliases();
    static const std::vector<std::string>& latAliases();
    static const std::vector<std::string>& labelAliases();
};

}  // namespace bridgelc
