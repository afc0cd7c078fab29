#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bridgelc {

/// Up to `limit` of `rows`, drawn reproducibly with `seed` (all of them when there are fewer), ascending: the
/// points the Embeddings tab and `bridgelc probe` look at.
std::vector<std::int64_t> sampleRows(const std::vector<std::int64_t>& rows, std::size_t limit,
                                     std::uint64_t seed);

}  // namespace bridgelc
