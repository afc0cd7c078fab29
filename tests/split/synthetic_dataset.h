#pragma once
// Datasets built in memory for split tests: only the columns splits read (lon, lat, label, region,
// fixedSplit).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/split/split.h"

namespace bridgelc::test {

/// n points in a box over central Europe, classes with shares 40/25/20/10/5 % plus one class of a single
/// point, regions drawn from `regionShares` (index = region, last entry = outside, -1).
inline Dataset syntheticDataset(std::size_t n, std::uint32_t seed, const std::vector<double>& regionShares) {
    Dataset dataset;
    dataset.classNames = {"A", "B", "C", "D", "E", "Single"};
    std::mt19937 engine(seed);
    std::uniform_real_distribution<double> lon(-5.0, 25.0), lat(40.0, 60.0), unit(0.0, 1.0);
    const double classShares[] = {0.40, 0.25, 0.20, 0.10, 0.05};
    for (std::size_t i = 0; i < n; ++i) {
        dataset.lon.push_back(lon(engine));
        dataset.lat.push_back(lat(engine));
        double u = unit(engine);
        int label = 0;
        while (label < 4 && u >= classShares[label])
            u -= classShares[label++];
        dataset.label.push_back(label);
        double v = unit(engine);
        int region = 0;
        while (region + 1 < static_cast<int>(regionShares.size()) && v >= regionShares[region])
            v -= regionShares[region++];
        dataset.region.push_back(region == static_cast<int>(regionShares.size()) - 1 ? -1 : region);
        dataset.ids.push_back(std::to_string(i));
    }
    dataset.label.back() = 5;  // the single-point class
    return dataset;
}

inline std::vector<std::int64_t> sortedUnion(const Split& split) {
    std::vector<std::int64_t> all = split.train;
    all.insert(all.end(), split.validation.begin(), split.validation.end());
    all.insert(all.end(), split.test.begin(), split.test.end());
    std::sort(all.begin(), all.end());
    return all;
}

/// True when the three parts are sorted, disjoint and together hold every row 0..n-1 exactly once.
inline ::testing::AssertionResult partitionsAllRows(const Split& split, std::size_t n) {
    for (const auto* part : {&split.train, &split.validation, &split.test})
        if (!std::is_sorted(part->begin(), part->end()))
            return ::testing::AssertionFailure() << split.name << ": a part is not sorted";
    const std::vector<std::int64_t> all = sortedUnion(split);
    if (all.size() != n)
        return ::testing::AssertionFailure()
               << split.name << ": parts hold " << all.size() << " rows, not " << n;
    for (std::size_t i = 0; i < n; ++i)
        if (all[i] != static_cast<std::int64_t>(i))
            return ::testing::AssertionFailure() << split.name << ": row " << i << " missing or repeated";
    return ::testing::AssertionSuccess();
}

inline std::vector<double> classShares(const Dataset& dataset, const std::vector<std::int64_t>& rows) {
    std::vector<double> shares(dataset.classNames.size(), 0.0);
    for (std::int64_t row : rows)
        shares[static_cast<std::size_t>(dataset.label[static_cast<std::size_t>(row)])] += 1.0;
    for (double& share : shares)
        share /= static_cast<double>(rows.size());
    return shares;
}

}  // namespace bridgelc::test
