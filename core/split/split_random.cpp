#include "core/split/split_random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

namespace bridgelc::split_detail {

namespace {
// SplitMix64 finaliser: spreads nearby seeds (0, 1, 2...) and streams over the whole engine state.
std::uint64_t mixed(std::uint64_t value) {
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}
}  // namespace

SplitRandom::SplitRandom(std::uint64_t seed, std::uint64_t stream) : m_engine(mixed(seed ^ mixed(stream))) {}

std::uint64_t SplitRandom::below(std::uint64_t bound) {
    // Values below `threshold` would make some residues more likely than others; 2^64 mod bound of them
    // exist.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t value = m_engine();
        if (value >= threshold) return value % bound;
    }
}

void SplitRandom::shuffle(std::vector<std::int64_t>& items) {
    for (std::size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[below(i)]);
}

std::vector<std::vector<std::int64_t>> groupByClass(const Dataset& dataset,
                                                    const std::vector<std::int64_t>& pool) {
    std::map<int, std::vector<std::int64_t>> groups;
    for (std::int64_t row : pool)
        groups[dataset.label[static_cast<std::size_t>(row)]].push_back(row);
    std::vector<std::vector<std::int64_t>> out;
    out.reserve(groups.size());
    for (auto& entry : groups)
        out.push_back(std::move(entry.second));
    return out;
}

void dealStratified(const Dataset& dataset, const std::vector<std::int64_t>& pool, double trainFraction,
                    double validationFraction, SplitRandom& random, std::vector<std::int64_t>& train,
                    std::vector<std::int64_t>& validation, std::vector<std::int64_t>& test) {
    const bool noTest = trainFraction + validationFraction >= 1.0 - 1e-9;
    for (std::vector<std::int64_t>& rows : groupByClass(dataset, pool)) {
        const std::size_t n = rows.size();
        if (n == 1) {
            train.push_back(rows.front());
            continue;
        }
        random.shuffle(rows);
        auto nTrain = static_cast<std::size_t>(std::llround(trainFraction * static_cast<double>(n)));
        auto nValidation =
            static_cast<std::size_t>(std::llround(validationFraction * static_cast<double>(n)));
        nTrain = std::min(nTrain, n);
        nValidation = std::min(nValidation, n - nTrain);
        if (noTest) nTrain = n - nValidation;
        train.insert(train.end(), rows.begin(), rows.begin() + nTrain);
        validation.insert(validation.end(), rows.begin() + nTrain, rows.begin() + nTrain + nValidation);
        test.insert(test.end(), rows.begin() + nTrain + nValidation, rows.end());
    }
}

void checkFraction(double fraction, const char* what) {
    if (!(fraction >= 0.0 && fraction <= 1.0))
        throw std::invalid_argument(std::string(what) + " must be between 0 and 1, got " +
                                    std::to_string(fraction));
}

}  // namespace bridgelc::split_detail
