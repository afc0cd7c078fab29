#include "core/data/dataset.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/data/lucas_legend.h"
#include "core/geo/regions.h"
#include "core/util/text.h"

namespace bridgelc {

std::vector<std::size_t> Dataset::classCounts() const {
    std::vector<std::size_t> counts(classNames.size(), 0);
    for (int l : label)
        if (l >= 0 && static_cast<std::size_t>(l) < counts.size()) ++counts[l];
    return counts;
}

std::vector<std::size_t> Dataset::regionCounts() const {
    const std::size_t regions = biogeographicalRegions().size();
    std::vector<std::size_t> counts(regions + 1, 0);
    for (int r : region) {
        if (r >= 0 && static_cast<std::size_t>(r) < regions)
            ++counts[r];
        else
            ++counts[regions];
    }
    return counts;
}

namespace {
template <typename T>
std::vector<T> gathered(const std::vector<T>& column, const std::vector<std::int64_t>& rows) {
    if (column.empty()) return {};
    std::vector<T> out;
    out.reserve(rows.size());
    for (std::int64_t r : rows)
        out.push_back(column[static_cast<std::size_t>(r)]);
    return out;
}
}  // namespace

Dataset Dataset::subset(const std::vector<std::int64_t>& rows) const {
    const std::size_t n = size();
    for (std::int64_t r : rows)
        if (r < 0 || static_cast<std::size_t>(r) >= n)
            throw std::out_of_range("Dataset::subset: row " + std::to_string(r) + " of " + std::to_string(n));

    Dataset out;
    out.sourcePath = sourcePath;
    out.synthetic = synthetic;
    out.labelsOptional = labelsOptional;
    out.featureNames = featureNames;
    out.classNames = classNames;
    const std::size_t d = featureCount();
    out.features.resize(rows.size() * d);
    for (std::size_t i = 0; i < rows.size(); ++i)
        std::copy_n(row(static_cast<std::size_t>(rows[i])), d, out.features.begin() + i * d);
    out.lon = gathered(lon, rows);
    out.lat = gathered(lat, rows);
    out.ids = gathered(ids, rows);
    out.label = gathered(label, rows);
    out.fineCode = gathered(fineCode, rows);
    out.region = gathered(region, rows);
    out.fixedSplit = gathered(fixedSplit, rows);
    return out;
}

void Dataset::checkConsistent() const {
    const std::size_t n = size();
    auto fail = [](const std::string& what) { throw std::logic_error("inconsistent dataset: " + what); };
    auto sized = [&](std::size_t actual, const char* name, bool optional) {
        if (actual == n || (optional && actual == 0)) return;
        fail(std::string(name) + " has " + std::to_string(actual) + " entries for " + std::to_string(n) +
             " points");
    };
    sized(lat.size(), "lat", false);
    sized(label.size(), "label", false);
    // Datasets built by hand (tests, synthetic tasks) may leave the optional columns empty.
    sized(ids.size(), "ids", true);
    sized(fineCode.size(), "fineCode", true);
    sized(region.size(), "region", true);
    sized(fixedSplit.size(), "fixedSplit", true);
    if (features.size() != n * featureCount())
        fail("features has " + std::to_string(features.size()) + " values, expected " + std::to_string(n) +
             " x " + std::to_string(featureCount()));
    for (std::size_t i = 0; i < n; ++i) {
        const bool unlabelled = label[i] == -1 && labelsOptional;
        if (!unlabelled && (label[i] < 0 || static_cast<std::size_t>(label[i]) >= classNames.size()))
            fail("label " + std::to_string(label[i]) + " of point " + std::to_string(i) + " outside 0.." +
                 std::to_string(static_cast<long>(classNames.size()) - 1) + (labelsOptional ? " or -1" : ""));
    }
    const int regions = static_cast<int>(biogeographicalRegions().size());
    for (std::size_t i = 0; i < region.size(); ++i)
        if (region[i] < -1 || region[i] >= regions)
            fail("region " + std::to_string(region[i]) + " of point " + std::to_string(i) + " out of range");
    for (std::size_t i = 0; i < fixedSplit.size(); ++i)
        if (fixedSplit[i] < -1 || fixedSplit[i] > 1)
            fail("fixedSplit of point " + std::to_string(i) + " is " + std::to_string(fixedSplit[i]));
}

Dataset cropTypeSubset(const Dataset& dataset, std::size_t minPoints) {
    std::map<std::string, std::size_t> counts;  // ordered, so classes come out sorted by code
    for (const std::string& code : dataset.fineCode)
        if (!code.empty() && code[0] == 'B') ++counts[code];
    std::map<std::string, int> classOf;
    std::vector<std::string> names;
    const LucasLegend& legend = LucasLegend::builtIn();
    for (const auto& [code, count] : counts) {
        if (count < minPoints) continue;
        classOf[code] = static_cast<int>(names.size());
        names.push_back(legend.displayName(code));
    }
    std::vector<std::int64_t> rows;
    for (std::size_t i = 0; i < dataset.fineCode.size(); ++i)
        if (classOf.count(dataset.fineCode[i])) rows.push_back(static_cast<std::int64_t>(i));
    Dataset out = dataset.subset(rows);
    out.classNames = names;
    for (std::size_t i = 0; i < out.size(); ++i)
        out.label[i] = classOf.at(out.fineCode[i]);
    return out;
}

}  // namespace bridgelc
