#include "core/data/dataset_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/data/cell_text.h"
#include "core/data/lucas_legend.h"
#include "core/geo/region_lookup.h"
#include "core/geo/regions.h"

namespace bridgelc {

namespace {
// The window of the map of Europe (basemap clip): mainland, islands, Canaries, Cyprus and Iceland all fit.
constexpr double kEuropeLonMin = -32, kEuropeLonMax = 45, kEuropeLatMin = 27, kEuropeLatMax = 72;

bool inEurope(double lon, double lat) {
    return lon >= kEuropeLonMin && lon <= kEuropeLonMax && lat >= kEuropeLatMin && lat <= kEuropeLatMax;
}

}  // namespace

DatasetBuilder::DatasetBuilder(const RawTable& table, const ColumnRoles& roles, const LoadOptions& options,
                               ValidationReport& report)
    : m_table(table), m_roles(roles), m_options(options), m_report(report) {}

void DatasetBuilder::note(const char* kind, Severity severity, std::size_t row, int column, std::string what,
                          std::string action, std::size_t rowsAffected) {
    Problem problem{severity,
                    m_table.path,
                    row < m_table.rowCount() ? m_table.lines[row] : 0,
                    0,
                    {},
                    std::move(what),
                    std::move(action),
                    m_table.fromOgr};
    problem.rowsAffected = rowsAffected;
    if (column >= 0) {
        problem.column = m_table.columns[column].fileColumn;
        problem.columnName = m_table.columns[column].name;
    }
    m_report.add(kind, std::move(problem));
}

bool DatasetBuilder::readCoordinate(std::size_t row, int column, const char* what, double& value) {
    const RawColumn& c = m_table.columns[column];
    switch (c.states[row]) {
        case CellState::Number:
            value = c.numbers[row];
            return true;
        case CellState::Empty:
            note("missing-coordinate", Severity::Warning, row, column, fmt::format("no {}", what),
                 "row dropped");
            return false;
        case CellState::NonFinite:
            note("bad-coordinate", Severity::Warning, row, column, fmt::format("{} is NaN or infinite", what),
                 "row dropped");
            return false;
        case CellState::Text:
            note("bad-coordinate", Severity::Warning, row, column,
                 fmt::format("{} {} is not a number", what, shown(c.texts[row])), "row dropped");
            return false;
    }
    return false;
}

bool DatasetBuilder::readCoordinates(std::size_t row, double& lon, double& lat) {
    if (m_roles.coordinatesFromGeometry) {
        lon = m_table.geometryLon[row];
        lat = m_table.geometryLat[row];
        if (std::isnan(lon) || std::isnan(lat)) {
            note("missing-geometry", Severity::Warning, row, -1, "the feature has no point geometry",
                 "feature dropped");
            return false;
        }
    } else if (!readCoordinate(row, m_roles.lon, "longitude", lon) ||
               !readCoordinate(row, m_roles.lat, "latitude", lat)) {
        return false;
    }
    const int lonColumn = m_roles.coordinatesFromGeometry ? -1 : m_roles.lon;
    const int latColumn = m_roles.coordinatesFromGeometry ? -1 : m_roles.lat;
    const bool latBad = lat < -90 || lat > 90, lonBad = lon < -180 || lon > 180;
    if (latBad || lonBad) {
        // Both out of range is what projected metres look like; one alone is a bad value or the wrong column.
        ++(latBad && lonBad ? m_bothOutOfRange : latBad ? m_latOutOfRange : m_lonOutOfRange);
        note("coordinate-range", Severity::Warning, row, latBad ? latColumn : lonColumn,
             latBad && lonBad
                 ? fmt::format("longitude {} and latitude {} are outside -180..180 and -90..90", lon, lat)
             : latBad ? fmt::format("latitude {} is outside -90..90 (its longitude {} is valid)", lat, lon)
                      : fmt::format("longitude {} is outside -180..180 (its latitude {} is valid)", lon, lat),
             "row dropped");
        return false;
    }
    if (!inEurope(lon, lat)) {
        const bool swapped = inEurope(lat, lon);
        m_swapped += swapped ? 1 : 0;
        note(swapped ? "swapped-coordinates" : "outside-europe", Severity::Warning, row, latColumn,
             fmt::format("point (lon {}, lat {}) lies outside Europe (lon {}..{}, lat {}..{}){}", lon, lat,
                         kEuropeLonMin, kEuropeLonMax, kEuropeLatMin, kEuropeLatMax,
                         swapped ? "; longitude and latitude look swapped (check which column is which, "
                                   "--lon/--lat)"
                                 : ""),
             "row dropped");
        return false;
    }
    return true;
}

std::string DatasetBuilder::rangeHint(std::size_t rows) const {
    // Valid degrees in the other column rule out projected metres: name the column that holds bad values.
    const bool lat = m_latOutOfRange >= m_lonOutOfRange;
    const int column = m_roles.coordinatesFromGeometry ? -1 : lat ? m_roles.lat : m_roles.lon;
    const std::string where = column < 0 ? std::string(lat ? "the latitudes" : "the longitudes")
                                         : fmt::format("column {} '{}'", m_table.columns[column].fileColumn,
                                                       m_table.columns[column].name);
    return fmt::format(
        "{} of {} rows have a {} outside {} while their {} are valid degrees: {} holds values that "
        "are not {} (mistyped, or another column); fix those rows or name the right column "
        "with {}",
        lat ? m_latOutOfRange : m_lonOutOfRange, rows, lat ? "latitude" : "longitude",
        lat ? "-90..90" : "-180..180", lat ? "longitudes" : "latitudes", where,
        lat ? "latitudes" : "longitudes", lat ? "--lat" : "--lon");
}

bool DatasetBuilder::unusableLabel(std::size_t row, const char* kind, std::string what, int& label,
                                   std::string& fineCode) {
    // Points to be predicted need no label, so a bad one only loses the label; training data loses the row.
    const bool keep = !m_options.requireLabel;
    const bool empty = std::string(kind) == "missing-label";
    note(kind, keep && empty ? Severity::Info : Severity::Warning, row, m_roles.label, std::move(what),
         keep ? "kept without a label" : "row dropped");
    label = -1;
    fineCode.clear();
    return keep;
}

void DatasetBuilder::readFineCode(std::size_t row, int label, std::string& fineCode) {
    if (m_roles.fineCode < 0) return;
    const std::string_view codeText = trimmedView(m_table.columns[m_roles.fineCode].texts[row]);
    if (codeText.empty()) return;
    const std::string code = LucasLegend::normalizedCode(codeText);
    const int level1 = lucasLevel1Index(code);
    if (!LucasLegend::looksLikeCode(code) || level1 < 0) {
        note("bad-fine-code", Severity::Warning, row, m_roles.fineCode,
             fmt::format("{} is not a LUCAS LC1 code", shown(codeText)), "fine code left empty");
    } else if (label >= 0 && m_labels.isLucas() && level1 != label) {
        note("fine-code-mismatch", Severity::Warning, row, m_roles.fineCode,
             fmt::format("code {} ({}) disagrees with the label {}", code, lucasLevel1Classes()[level1],
                         shown(trimmedView(m_table.columns[m_roles.label].texts[row]))),
             "label kept, fine code left empty");
    } else {
        fineCode = code;
    }
}

bool DatasetBuilder::readLabel(std::size_t row, int& label, std::string& fineCode) {
    if (m_roles.label < 0) {  // a file of points to predict (LoadOptions::requireLabel false)
        label = -1;
        fineCode.clear();
        readFineCode(row, label, fineCode);
        return true;
    }
    const std::string_view text = m_table.columns[m_roles.label].texts[row];
    LabelMapper::Outcome outcome;
    label = m_labels.map(text, fineCode, outcome);
    switch (outcome) {
        case LabelMapper::Outcome::Ok:
            break;
        case LabelMapper::Outcome::Empty:
            return unusableLabel(row, "missing-label", "no label", label, fineCode);
        case LabelMapper::Outcome::UnknownCode:
            return unusableLabel(
                row, "unknown-label",
                fmt::format("unknown LUCAS code {} (level-1 letters are A..H)", shown(trimmedView(text))),
                label, fineCode);
        case LabelMapper::Outcome::UnknownLabel:
            return unusableLabel(row, "unknown-label",
                                 fmt::format("unknown label {}: neither a LUCAS level-1 name nor an LC1 code",
                                             shown(trimmedView(text))),
                                 label, fineCode);
        case LabelMapper::Outcome::NotInLegend:
            note("code-not-in-legend", Severity::Warning, row, m_roles.label,
                 fmt::format("LUCAS code {} is not in the LC1 legend", shown(trimmedView(text))),
                 "level-1 class taken from its letter");
            break;
    }
    readFineCode(row, label, fineCode);
    if (m_options.classNames.empty()) return true;
    const int given =
        label >= 0 && static_cast<std::size_t>(label) < m_toGiven.size() ? m_toGiven[label] : -1;
    if (given < 0)
        return unusableLabel(
            row, "label-not-in-classes",
            fmt::format("label {} is not one of the {} given classes ({})", shown(trimmedView(text)),
                        m_options.classNames.size(), fmt::join(m_options.classNames, ", ")),
            label, fineCode);
    label = given;
    return true;
}

std::vector<std::string> DatasetBuilder::decideClasses() {
    if (m_roles.label < 0) return m_options.classNames;
    m_labels.decide(m_table.columns[m_roles.label].texts);
    if (m_options.classNames.empty()) {
        if (!m_labels.isLucas())
            note("own-classes", Severity::Info, m_table.rowCount(), m_roles.label,
                 fmt::format("labels are not LUCAS level-1 names or codes; {} classes taken from the file",
                             m_labels.classNames().size()),
                 "classes sorted by name");
        return m_labels.classNames();
    }
    // Matched by name, so a model's classes read the same whatever order or subset the file has.
    const std::vector<std::string>& found = m_labels.classNames();
    m_toGiven.assign(found.size(), -1);
    for (std::size_t c = 0; c < found.size(); ++c)
        for (std::size_t k = 0; k < m_options.classNames.size(); ++k)
            if (found[c] == m_options.classNames[k]) m_toGiven[c] = static_cast<int>(k);
    return m_options.classNames;
}

std::optional<Dataset> DatasetBuilder::build() {
    const std::size_t rows = m_table.rowCount();
    Dataset dataset;
    dataset.sourcePath = m_table.path;
    dataset.labelsOptional = !m_options.requireLabel;
    dataset.classNames = decideClasses();
    std::vector<std::size_t> kept;
    kept.reserve(rows);
    std::string fineCode;
    for (std::size_t row = 0; row < rows; ++row) {
        double lon = 0, lat = 0;
        int label = -1;
        if (!readCoordinates(row, lon, lat) || !readLabel(row, label, fineCode)) continue;
        kept.push_back(row);
        dataset.lon.push_back(lon);
        dataset.lat.push_back(lat);
        dataset.label.push_back(label);
        dataset.fineCode.push_back(fineCode);
        if (m_roles.id >= 0)
            dataset.ids.emplace_back(trimmedView(m_table.columns[m_roles.id].texts[row]));
        else
            dataset.ids.push_back(std::to_string(m_table.lines[row]));
    }
    if (m_roles.id < 0)
        note("no-id-column", Severity::Info, rows, -1,
             m_table.fromOgr ? "no id column" : "no id column (looked for POINT_ID, id)",
             m_table.fromOgr ? "feature numbers used as ids" : "line numbers used as ids");

    // Whole-file hints: when most rows fail the same way the cause is the columns, not the rows.
    std::string hint;
    if (m_swapped > 0 && m_swapped * 2 >= rows)
        hint = fmt::format(
            "{} of {} rows look like longitude and latitude are swapped: check which column is which",
            m_swapped, rows);
    else if (m_bothOutOfRange > 0 && m_bothOutOfRange * 2 >= rows)
        hint = fmt::format(
            "{} of {} rows have both coordinates beyond +-90/180: they look projected (metres), not "
            "WGS84 degrees; convert them, or give a GeoPackage that declares its coordinate system",
            m_bothOutOfRange, rows);
    else if (m_latOutOfRange + m_lonOutOfRange > 0 && (m_latOutOfRange + m_lonOutOfRange) * 2 >= rows)
        hint = rangeHint(rows);
    if (kept.empty()) {
        note("no-usable-rows", Severity::Fatal, rows, -1,
             fmt::format("no usable rows: all {} rows were dropped{}", rows, hint.empty() ? "" : "; " + hint),
             "load stopped; see the warnings for each row");
        return std::nullopt;
    }
    if (!hint.empty())
        note("coordinates-summary", Severity::Warning, rows, -1, hint, "those rows dropped",
             m_bothOutOfRange + m_latOutOfRange + m_lonOutOfRange + m_swapped);

    copyFeatures(dataset, kept);
    assignRegions(dataset, kept);
    assignSplit(dataset, kept);
    checkIds(kept);
    if (m_roles.label >= 0) checkClasses(dataset);
    const auto unlabelled =
        static_cast<std::size_t>(std::count(dataset.label.begin(), dataset.label.end(), -1));
    if (unlabelled > 0 && m_roles.label >= 0)
        note("unlabelled-summary", Severity::Info, rows, m_roles.label,
             fmt::format("{} of {} points have no usable label", unlabelled, kept.size()),
             "kept without a label: predicted, not scored", unlabelled);
    if (kept.size() < rows)
        note("rows-dropped", Severity::Warning, rows, -1,
             fmt::format("{} of {} rows dropped", rows - kept.size(), rows), "see the warnings for each row",
             rows - kept.size());
    dataset.checkConsistent();
    return dataset;
}

}  // namespace bridgelc
