// DatasetBuilder, second half: the columns filled once the rows are known (features with imputation counts,
// regions, fixed split) and the checks over all rows (duplicate ids, classes of one point).
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "core/data/cell_text.h"
#include "core/data/dataset_builder.h"
#include "core/data/problem_groups.h"
#include "core/geo/region_lookup.h"
#include "core/geo/regions.h"

namespace bridgelc {

void DatasetBuilder::copyFeatures(Dataset& dataset, const std::vector<std::size_t>& rows) {
    const std::size_t d = m_roles.features.size();
    for (int column : m_roles.features)
        dataset.featureNames.push_back(m_table.columns[column].name);
    dataset.features.resize(rows.size() * d);
    std::vector<std::size_t> textCursor(d, 0);  // walks each column's text cells in row order
    std::vector<std::size_t> missing(d, 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::size_t row = rows[i];
        float* out = dataset.features.data() + i * d;
        for (std::size_t f = 0; f < d; ++f) {
            const int column = m_roles.features[f];
            const RawColumn& c = m_table.columns[column];
            out[f] = static_cast<float>(c.numbers[row]);
            const CellState state = c.states[row];
            if (state == CellState::Number) continue;
            ++missing[f];
            if (state == CellState::Empty) {
                note("empty-cell", Severity::Warning, row, column, "empty cell",
                     "left missing; imputed with the training mean");
            } else if (state == CellState::NonFinite) {
                note("non-finite", Severity::Warning, row, column, "value is NaN or infinite",
                     "left missing; imputed with the training mean");
            } else {
                while (c.textCells[textCursor[f]].first < row)
                    ++textCursor[f];
                note("non-numeric", Severity::Warning, row, column,
                     "non-numeric value " + shown(c.textCells[textCursor[f]].second),
                     "set to missing; imputed with the training mean");
            }
        }
    }
    for (std::size_t f = 0; f < d; ++f)
        if (missing[f] > 0)
            note("missing-values-summary", Severity::Info, m_table.rowCount(), m_roles.features[f],
                 fmt::format("{} of {} values missing ({}: empty, NaN, infinite or not a number)",
                             countText(missing[f]), countText(rows.size()),
                             shareText(missing[f], rows.size())),
                 "imputed with the training mean", missing[f]);
}

void DatasetBuilder::assignRegions(Dataset& dataset, const std::vector<std::size_t>& rows) {
    dataset.region.assign(rows.size(), -1);
    std::vector<std::size_t> lookup;  // dataset rows whose region comes from their coordinates
    if (m_roles.region >= 0 && !m_options.forceRegionLookup) {
        const RawColumn& column = m_table.columns[m_roles.region];
        std::unordered_map<std::string_view, int> known;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::string_view text = trimmedView(column.texts[rows[i]]);
            auto it = known.find(text);
            if (it == known.end()) it = known.emplace(text, regionIndex(std::string(text))).first;
            dataset.region[i] = it->second;
            if (it->second >= 0) continue;
            lookup.push_back(i);
            note(text.empty() ? "missing-region" : "unknown-region", Severity::Warning, rows[i],
                 m_roles.region, text.empty() ? std::string("no region") : "unknown region " + shown(text),
                 "region computed from the coordinates");
        }
    } else {
        for (std::size_t i = 0; i < rows.size(); ++i)
            lookup.push_back(i);
    }
    if (lookup.empty()) return;

    std::vector<double> lon(lookup.size()), lat(lookup.size());
    for (std::size_t k = 0; k < lookup.size(); ++k)
        lon[k] = dataset.lon[lookup[k]], lat[k] = dataset.lat[lookup[k]];
    std::vector<int> found(lookup.size(), -1);
    try {
        if (m_options.regionCellTable.empty()) {
            RegionLookup::builtIn().regionsAt(lon.data(), lat.data(), lookup.size(), found.data());
        } else {
            const RegionLookup table(m_options.regionCellTable);
            table.regionsAt(lon.data(), lat.data(), lookup.size(), found.data());
        }
    } catch (const std::exception& error) {
        note("region-lookup", Severity::Warning, m_table.rowCount(), -1,
             std::string("cannot compute regions: ") + error.what(), "points left without a region");
        return;
    }
    for (std::size_t k = 0; k < lookup.size(); ++k) {
        dataset.region[lookup[k]] = found[k];
        if (found[k] < 0)
            note("outside-regions", Severity::Warning, rows[lookup[k]], -1,
                 fmt::format("point (lon {}, lat {}) lies outside every biogeographical region", lon[k],
                             lat[k]),
                 "kept without a region (never held out by leave-one-region-out)");
    }
}

void DatasetBuilder::assignSplit(Dataset& dataset, const std::vector<std::size_t>& rows) {
    if (m_roles.split < 0) return;
    const RawColumn& column = m_table.columns[m_roles.split];
    dataset.fixedSplit.assign(rows.size(), -1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string value = lowered(trimmedView(column.texts[rows[i]]));
        if (value == "train" || value == "training")
            dataset.fixedSplit[i] = 0;
        else if (value == "test" || value == "testing")
            dataset.fixedSplit[i] = 1;
        else if (!value.empty())
            note("unknown-split", Severity::Warning, rows[i], m_roles.split,
                 "split value " + shown(trimmedView(column.texts[rows[i]])) + " is neither train nor test",
                 "left to the random split");
    }
}

void DatasetBuilder::checkIds(const std::vector<std::size_t>& rows) {
    if (m_roles.id < 0) return;
    const RawColumn& column = m_table.columns[m_roles.id];
    std::unordered_map<std::string_view, std::size_t> first;
    first.reserve(rows.size());
    for (std::size_t row : rows) {
        const std::string_view id = trimmedView(column.texts[row]);
        if (id.empty()) {
            note("missing-id", Severity::Warning, row, m_roles.id, "no id", "kept; the id is empty");
            continue;
        }
        const auto [it, inserted] = first.emplace(id, row);
        if (!inserted)
            note("duplicate-id", Severity::Warning, row, m_roles.id,
                 fmt::format("id {} already used on {} {}", shown(id), m_table.fromOgr ? "feature" : "line",
                             m_table.lines[it->second]),
                 "both rows kept; remove one if they are the same point, or the same point may land in both "
                 "training and test");
    }
}

void DatasetBuilder::checkClasses(const Dataset& dataset) {
    const std::vector<std::size_t> counts = dataset.classCounts();
    std::string empty;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (counts[k] == 1)
            note("small-class", Severity::Warning, m_table.rowCount(), m_roles.label,
                 fmt::format("class '{}' has only 1 point", dataset.classNames[k]),
                 "kept; it cannot be in both training and test, so its scores mean little");
        else if (counts[k] == 0)
            empty += (empty.empty() ? "'" : ", '") + dataset.classNames[k] + "'";
    }
    if (!empty.empty())
        note("empty-class", Severity::Info, m_table.rowCount(), m_roles.label, "no points of " + empty,
             "classes kept so class indices match other LUCAS files");
}

}  // namespace bridgelc
