#include "core/embed/sample_rows.h"

#include <algorithm>
#include <random>

namespace bridgelc {

std::vector<std::int64_t> sampleRows(const std::vector<std::int64_t>& rows, std::size_t limit,
                                     std::uint64_t seed) {
    std::vector<std::int64_t> sample = rows;
    if (sample.size() > limit) {
        // A seeded shuffle's prefix: the same run always shows the same points.
        std::mt19937_64 engine(seed);
        for (std::size_t i = 0; i < limit; ++i) {
            std::uniform_int_distribution<std::size_t> pick(i, sample.size() - 1);
            std::swap(sample[i], sample[pick(engine)]);
        }
        sample.resize(limit);
    }
    std::sort(sample.begin(), sample.end());
    return sample;
}

}  // namespace bridgelc
