#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include "core/data/dataset.h"

namespace bridgelc::split_detail {

/// The random source of every split. std::mt19937_64's output is fixed by the standard, but std::shuffle and
/// the std distributions are not, so shuffling and bounded draws are written out here: a seed gives the same
/// split with any standard library.
class SplitRandom {
public:
    /// `stream` separates independent uses of one user seed (EXTRAP, each LORO fold, block dealing...).
    SplitRandom(std::uint64_t seed, std::uint64_t stream);

    /// Uniform in [0, bound), bound > 0, by rejection (no modulo bias).
    std::uint64_t below(std::uint64_t bound);
    /// Fisher-Yates, from the back.
    void shuffle(std::vector<std::int64_t>& items);

private:
    std::mt19937_64 m_engine;
};

/// Rows of `pool` grouped by class label, groups in ascending label order, rows in pool order.
std::vector<std::vector<std::int64_t>> groupByClass(const Dataset& dataset,
                                                    const std::vector<std::int64_t>& pool);

/// Per class: shuffle, then round(trainFraction * n) rows to train, round(validationFraction * n) to
/// validation and the rest to test; a class with one point goes to train. When the fractions add up to 1 the
/// rounding remainder goes to train so that nothing lands in test. Appends to the three vectors.
void dealStratified(const Dataset& dataset, const std::vector<std::int64_t>& pool, double trainFraction,
                    double validationFraction, SplitRandom& random, std::vector<std::int64_t>& train,
                    std::vector<std::int64_t>& validation, std::vector<std::int64_t>& test);

/// Throws std::invalid_argument unless 0 <= fraction <= 1.
void checkFraction(double fraction, const char* what);

}  // namespace bridgelc::split_detail
