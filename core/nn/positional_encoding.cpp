#include "core/nn/positional_encoding.h"

#include <array>
#include <cmath>

namespace bridgelc {
namespace {

constexpr std::size_t kFrequencies = kPositionalEncodingDims / 4;

const std::array<double, kFrequencies>& frequencies() {
    static const std::array<double, kFrequencies> table = [] {
        std::array<double, kFrequencies> f{};
        for (std::size_t i = 0; i < kFrequencies; ++i)
            f[i] = 1.0 / std::pow(10000.0, 2.0 * static_cast<double>(i) / kPositionalEncodingDims);
        return f;
    }();
    return table;
}

}  // namespace

void fixedPositionalEncoding(double lon, double lat, float* out) {
    const auto& freq = frequencies();
    constexpr std::size_t half = kPositionalEncodingDims / 2;
    for (std::size_t i = 0; i < kFrequencies; ++i) {
        out[2 * i] = static_cast<float>(std::sin(lon * freq[i]));
        out[2 * i + 1] = static_cast<float>(std::cos(lon * freq[i]));
        out[half + 2 * i] = static_cast<float>(std::sin(lat * freq[i]));
        out[half + 2 * i + 1] = static_cast<float>(std::cos(lat * freq[i]));
    }
}

void fixedPositionalEncoding(const double* lon, const double* lat, std::size_t n, float* out) {
    for (std::size_t i = 0; i < n; ++i)
        fixedPositionalEncoding(lon[i], lat[i], out + i * kPositionalEncodingDims);
}

}  // namespace bridgelc
