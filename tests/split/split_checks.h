#pragma once
// Checks of split results, and the in-memory datasets split tests build them from.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/split/split.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::test {

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
