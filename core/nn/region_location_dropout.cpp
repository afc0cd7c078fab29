#include "core/nn/region_location_dropout.h"

#include <set>

namespace bridgelc {

RegionLocationDropout::RegionLocationDropout(double probability, std::uint64_t seed, LocationInput location,
                                             float lonFill, float latFill)
    : m_probability(probability),
      m_location(location),
      m_lonFill(lonFill),
      m_latFill(latFill),
      m_random(seed ^ 0x5ca1ab1e0dd5eedULL) {}

std::int64_t RegionLocationDropout::apply(torch::Tensor& features, torch::Tensor& encoding,
                                          const torch::Tensor& groups) {
    if (!active() || !groups.defined()) return -1;
    // The draws happen whatever the batch holds, so one batch's content does not shift later batches' draws.
    const bool drop = std::uniform_real_distribution<double>(0.0, 1.0)(m_random) < m_probability;
    const std::uint64_t pick = m_random();
    if (!drop) return -1;
    const torch::Tensor g = groups.contiguous();
    const std::int64_t* values = g.data_ptr<std::int64_t>();
    std::set<std::int64_t> present;
    for (std::int64_t i = 0; i < g.numel(); ++i)
        if (values[i] >= 0) present.insert(values[i]);
    if (present.empty()) return -1;
    auto chosen = present.begin();
    std::advance(chosen, static_cast<std::ptrdiff_t>(pick % present.size()));
    const torch::Tensor rows = g.eq(*chosen).nonzero().squeeze(1);
    torch::NoGradGuard noGrad;
    if (m_location == LocationInput::LatLon) {
        const std::int64_t columns = features.size(1);
        features.narrow(1, columns - 2, 1).index_fill_(0, rows, m_lonFill);
        features.narrow(1, columns - 1, 1).index_fill_(0, rows, m_latFill);
    }
    if (encoding.defined() &&
        (m_location == LocationInput::FixedEncoding || m_location == LocationInput::LearnedEncoding))
        encoding.index_fill_(0, rows, 0);
    return *chosen;
}

}  // namespace bridgelc
