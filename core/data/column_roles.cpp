#include "core/data/column_roles.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/data/cell_text.h"
#include "core/data/problem_groups.h"

namespace bridgelc {

namespace {
bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string columnList(const RawTable& table) {
    std::string list;
    for (const RawColumn& column : table.columns)
        list += (list.empty() ? "" : ", ") + column.name;
    return list;
}

int firstOf(const RawTable& table, const std::vector<std::string>& aliases) {
    for (const std::string& alias : aliases)
        if (const int found = table.find(alias); found >= 0) return found;
    return -1;
}

/// "no number in 18,970 of 18,984 rows (99.9 %): 18,900 empty, 70 not numbers such as '< LOD'".
std::string missingText(const RawColumn& column, std::size_t rows) {
    const std::size_t missing = rows - column.numberCount;
    std::string what = fmt::format("no number in {} of {} rows ({})", countText(missing), countText(rows),
                                   shareText(missing, rows));
    std::vector<std::string> parts;
    if (column.emptyCount > 0) parts.push_back(countText(column.emptyCount) + " empty");
    if (column.nonFiniteCount > 0) parts.push_back(countText(column.nonFiniteCount) + " NaN or infinite");
    if (column.textCount() > 0)
        parts.push_back(countText(column.textCount()) + " not numbers such as " +
                        shown(column.textCells.front().second));
    if (!parts.empty()) what += ": " + fmt::format("{}", fmt::join(parts, ", "));
    return what;
}

std::string aliasList(const std::vector<std::string>& aliases) {
    std::string list;
    for (const std::string& alias : aliases)
        list += (list.empty() ? "" : ", ") + alias;
    return list;
}
}  // namespace

const std::vector<std::string>& ColumnRoles::idAliases() {
    static const std::vector<std::string> names = {"POINT_ID", "id"};
    return names;
}
const std::vector<std::string>& ColumnRoles::lonAliases() {
    static const std::vector<std::string> names = {"lon", "longitude", "TH_LONG", "GPS_LONG", "x"};
    return names;
}
const std::vector<std::string>& ColumnRoles::latAliases() {
    static const std::vector<std::string> names = {"lat", "latitude", "TH_LAT", "GPS_LAT", "y"};
    return names;
}
const std::vector<std::string>& ColumnRoles::labelAliases() {
    static const std::vector<std::string> names = {"lc1_name", "LC1", "LC", "label", "class"};
    return names;
}

bool ColumnRoles::isMetadataName(const std::string& name) {
    static const std::vector<std::string> exact = {"votes",   "source",   "country", "nuts0",    "nuts1",
                                                   "nuts2",   "nuts3",    "year",    "date",     "fid",
                                                   "ogc_fid", "objectid", "id",      "lc1_code", "lc1_perc"};
    const std::string n = lowered(name);
    if (std::find(exact.begin(), exact.end(), n) != exact.end()) return true;
    return endsWith(n, "_id") || endsWith(n, "_date") || endsWith(n, "_year");
}

ColumnRoles ColumnRoles::find(const RawTable& table, const LoadOptions& options, ValidationReport& report) {
    ColumnRoles roles;
    auto fatal = [&](std::string what, std::string action) {
        report.add(
            "missing-column",
            Problem{
                Severity::Fatal, table.path, 0, 0, {}, std::move(what), std::move(action), table.fromOgr});
    };
    // A column the user named must exist: silently falling back to another column would train on the wrong
    // data.
    auto chosen = [&](const std::string& given, const std::vector<std::string>& aliases, const char* role) {
        if (given.empty()) return firstOf(table, aliases);
        const int found = table.find(given);
        if (found < 0)
            fatal(fmt::format("column '{}' given for the {} does not exist", given, role),
                  "load stopped; the columns are: " + columnList(table));
        return found;
    };

    roles.id = chosen(options.idColumn, idAliases(), "point id");
    roles.lon = chosen(options.lonColumn, lonAliases(), "longitude");
    roles.lat = chosen(options.latColumn, latAliases(), "latitude");
    roles.label = chosen(options.labelColumn, labelAliases(), "label");
    roles.region = chosen(options.regionColumn, {"region"}, "region");
    roles.split = chosen(options.splitColumn, {"split"}, "split");
    if (const int code = table.find("lc1_code"); code >= 0 && code != roles.label) roles.fineCode = code;

    const bool coordinatesGiven = !options.lonColumn.empty() || !options.latColumn.empty();
    if (table.hasGeometry && !coordinatesGiven) {
        roles.coordinatesFromGeometry = true;
    } else if (options.lonColumn.empty() != options.latColumn.empty()) {
        fatal("only one of the longitude and latitude columns was given",
              "load stopped; give both --lon and --lat");
    } else if (coordinatesGiven) {
        // chosen() has reported a named column that does not exist
    } else if (roles.lon < 0 && roles.lat < 0) {
        fatal("no coordinate columns (looked for " + aliasList(lonAliases()) + " and " +
                  aliasList(latAliases()) + ")",
              "load stopped; name them with --lon and --lat");
    } else if (roles.lon < 0) {
        fatal("a latitude column '" + table.columns[roles.lat].name +
                  "' but no longitude column (looked for " + aliasList(lonAliases()) + ")",
              "load stopped; name it with --lon");
    } else if (roles.lat < 0) {
        fatal("a longitude column '" + table.columns[roles.lon].name +
                  "' but no latitude column (looked for " + aliasList(latAliases()) + ")",
              "load stopped; name it with --lat");
    }
    if (roles.label < 0 && options.labelColumn.empty()) {
        const std::string what = "no label column (looked for " + aliasList(labelAliases()) + ")";
        if (options.requireLabel)
            fatal(what, "load stopped; name it with --label");
        else
            report.add("no-label-column",
                       Problem{Severity::Info,
                               table.path,
                               0,
                               0,
                               {},
                               what,
                               "points read without labels: they can be predicted, not trained on or scored",
                               table.fromOgr});
    }
    if (options.forceRegionLookup && roles.region >= 0) {
        report.add("region-recomputed",
                   Problem{Severity::Info, table.path, 0, table.columns[roles.region].fileColumn,
                           table.columns[roles.region].name, "the file's region column is not used",
                           "regions computed from the coordinates as asked", table.fromOgr});
    }
    return roles;
}

void ColumnRoles::markTextColumns(RawTable& table) const {
    for (int column : {id, lon, lat, label, region, split, fineCode})
        if (column >= 0) table.columns[column].keepText = true;
}

bool ColumnRoles::isRole(int column) const {
    return column >= 0 && (column == id || column == lon || column == lat || column == label ||
                           column == region || column == split || column == fineCode);
}

bool ColumnRoles::chooseFeatures(const RawTable& table, const LoadOptions& options,
                                 ValidationReport& report) {
    features.clear();
    auto note = [&](const char* kind, Severity severity, const RawColumn& column, std::string what,
                    std::string action) {
        Problem problem{severity,          table.path,   0, column.fileColumn, column.name, std::move(what),
                        std::move(action), table.fromOgr};
        // Summaries of a column's cells say how many rows they cover, for the share in grouped views.
        if (std::string(kind).rfind("mostly-missing", 0) == 0)
            problem.rowsAffected = table.rowCount() - column.numberCount;
        report.add(kind, std::move(problem));
    };
    for (const std::string& name : options.excludeFeatures)
        if (table.find(name) < 0)
            report.add("unknown-exclude", Problem{Severity::Warning,
                                                  table.path,
                                                  0,
                                                  0,
                                                  {},
                                                  "column '" + name + "' given to exclude does not exist",
                                                  "nothing excluded for it",
                                                  table.fromOgr});

    if (!options.includeFeatures.empty()) {
        // One problem naming every missing column: a model's feature list applied to another file can miss
        // dozens, and one line per column would repeat the file's whole column list each time.
        std::vector<std::string> missing;
        for (const std::string& name : options.includeFeatures)
            if (table.find(name) < 0) missing.push_back(name);
        if (!missing.empty()) {
            std::string names;
            for (const std::string& name : missing)
                names += (names.empty() ? "'" : ", '") + name + "'";
            report.add("unknown-include",
                       Problem{Severity::Fatal,
                               table.path,
                               0,
                               0,
                               {},
                               missing.size() == 1
                                   ? "column " + names + " given as a feature does not exist"
                                   : fmt::format("{} of the {} columns given as features do not exist: {}",
                                                 missing.size(), options.includeFeatures.size(), names),
                               "load stopped; the columns are: " + columnList(table),
                               table.fromOgr});
        }
        for (const std::string& name : options.includeFeatures) {
            const int index = table.find(name);
            if (index < 0) continue;
            const RawColumn& column = table.columns[index];
            if (isRole(index))
                note("include-role", Severity::Warning, column,
                     "a role column (id, coordinates, label...) cannot be a feature",
                     "not used as a feature");
            else if (!column.isNumeric())
                report.add("include-text", Problem{Severity::Fatal, table.path, 0, column.fileColumn,
                                                   column.name, "column given as a feature is not numeric",
                                                   "load stopped", table.fromOgr});
            else if (std::find(features.begin(), features.end(), index) == features.end()) {
                features.push_back(index);
                if (static_cast<double>(table.rowCount() - column.numberCount) >
                    kMostlyMissingShare * static_cast<double>(table.rowCount()))
                    note(
                        "mostly-missing-kept", Severity::Warning, column,
                        missingText(column, table.rowCount()),
                        "kept as a feature because it was asked for; the missing values are imputed with the "
                        "training mean");
            }
        }
        std::sort(features.begin(), features.end());
    } else {
        std::size_t mostlyMissing = 0;
        for (std::size_t j = 0; j < table.columns.size(); ++j) {
            const RawColumn& column = table.columns[j];
            const int index = static_cast<int>(j);
            if (isRole(index)) continue;
            const bool excluded =
                std::any_of(options.excludeFeatures.begin(), options.excludeFeatures.end(),
                            [&](const std::string& name) { return sameName(name, column.name); });
            if (excluded) continue;
            // A column of numbers with many "< LOD"-style markers is a sparse measurement, not a text column.
            const bool sparseNumeric = !column.isNumeric() && column.numberCount > 0 &&
                                       column.numberCount * 10 >= column.textCount();
            if (column.numberCount == 0 && column.textCount() == 0) {
                note("empty-column", Severity::Info, column, "the column has no values", "ignored");
            } else if (!column.isNumeric() && !sparseNumeric) {
                note("text-column", Severity::Info, column, "text column",
                     "ignored; only numeric columns are features");
            } else if (isMetadataName(column.name)) {
                note("metadata-column", Severity::Info, column, "numeric metadata column, not a measurement",
                     "not used as a feature; include it explicitly to use it");
            } else if (const std::size_t missing = table.rowCount() - column.numberCount;
                       static_cast<double>(missing) >
                       kMostlyMissingShare * static_cast<double>(table.rowCount())) {
                ++mostlyMissing;
                const bool keep = options.keepMostlyMissingColumns;
                note(keep ? "mostly-missing-kept" : "mostly-missing-column", Severity::Warning, column,
                     missingText(column, table.rowCount()),
                     keep
                         ? "kept as a feature as asked; the missing values are imputed with the training mean"
                         : fmt::format("not used as a feature (over {:.0f} % missing); to use it anyway: "
                                       "--keep-mostly-empty-columns, or \"Use mostly-empty columns as "
                                       "features\" in the "
                                       "Dataset panel",
                                       kMostlyMissingShare * 100));
                if (keep) features.push_back(index);
            } else {
                features.push_back(index);
            }
        }
        if (features.empty() && mostlyMissing > 0 && !report.hasFatal())
            report.add("no-features",
                       Problem{Severity::Fatal,
                               table.path,
                               0,
                               0,
                               {},
                               fmt::format("no usable feature columns: the {} numeric column(s) that are not "
                                           "roles or metadata are mostly missing",
                                           mostlyMissing),
                               "load stopped; to use them anyway: --keep-mostly-empty-columns, or \"Use "
                               "mostly-empty columns as features\" in the Dataset panel",
                               table.fromOgr});
    }
    if (features.empty() && !report.hasFatal())
        report.add("no-features",
                   Problem{Severity::Fatal,
                           table.path,
                           0,
                           0,
                           {},
                           "no numeric feature columns (every column is a role, metadata or text)",
                           "load stopped",
                           table.fromOgr});
    return !features.empty() && !report.hasFatal();
}

}  // namespace bridgelc
