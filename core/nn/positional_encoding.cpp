#include "core/nn/positional_encoding.h"

#include <array>
#include <cmath>

#include <torch/torch.h>

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
    // The batch form computes every encoding, so that a point's encoding never depends on how it was asked
    // for.
    fixedPositionalEncoding(&lon, &lat, 1, out);
}

namespace {

/// Each angle of the encoding reduced to [-pi, pi], into out; see fixedPositionalEncoding. One copy for AVX2
/// machines (4 doubles a vector, no FMA contraction: the same results), one for the x86-64 baseline (2).
__attribute__((target_clones("avx2", "default"))) void reducedAngles(const double* lon, const double* lat,
                                                                     std::size_t n, float* out) {
    // Each angle is reduced to [-pi, pi] in double (cos as sin of angle + pi/2), and only then rounded to
    // float, so the float angle is within 2e-7 rad of the exact one; LibTorch's float sin (SLEEF, 1 ulp,
    // vectorised for the CPU it runs on) then finishes every value in one pass. An encoding differs from the
    // double-precision formula by at most 3e-7, below the float32 network's resolution; glibc's scalar
    // sincos, 64 calls per point, took a tenth of BRIDGE-LC's inference time.
    constexpr double pi = 3.14159265358979323846, twoPi = 2 * pi, halfPi = pi / 2;
    constexpr double roundingShift = 6755399441055744.0;
    const auto& freq = frequencies();
    constexpr std::size_t half = kPositionalEncodingDims / 2;
    for (std::size_t i = 0; i < n; ++i) {
        float* row = out + i * kPositionalEncodingDims;
        const double coordinates[2] = {lon[i], lat[i]};
        for (std::size_t c = 0; c < 2; ++c) {
            for (std::size_t f = 0; f < kFrequencies; ++f) {
                const double angle = coordinates[c] * freq[f];
                // Adding and taking away 1.5 * 2^52 rounds to the nearest integer in plain double
                // arithmetic, which the compiler vectorises (a conversion to integer it would not).
                const double wholeTurns = (angle * (1 / twoPi) + roundingShift) - roundingShift;
                const double reduced = angle - twoPi * wholeTurns;
                const double shifted = reduced + halfPi;
                row[c * half + 2 * f] = static_cast<float>(reduced);
                row[c * half + 2 * f + 1] = static_cast<float>(shifted > pi ? shifted - twoPi : shifted);
            }
        }
    }
}

}  // namespace

void fixedPositionalEncoding(const double* lon, const double* lat, std::size_t n, float* out) {
    reducedAngles(lon, lat, n, out);
    c10::InferenceMode inference;
    torch::from_blob(out, {static_cast<std::int64_t>(n * kPositionalEncodingDims)}, torch::kFloat).sin_();
}

}  // namespace bridgelc
