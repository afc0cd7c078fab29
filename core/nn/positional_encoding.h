#pragma once
#include <cstddef>

namespace bridgelc {

/// Width of the fixed sinusoidal encoding of one point (64 dims per coordinate).
constexpr std::size_t kPositionalEncodingDims = 128;

/// The paper's fixed positional encoding of raw WGS84 degrees (transformer-style sinusoids, n = 10^4):
/// freq_i = 1 / 10000^(2i/128) for i = 0..31; out[2i] = sin(freq_i * lon), out[2i+1] = cos(freq_i * lon) fill
/// dims 0-63, and the same of lat fills dims 64-127. `out` receives kPositionalEncodingDims floats.
void fixedPositionalEncoding(double lon, double lat, float* out);

/// The encoding of n points into an n x 128 row-major block.
void fixedPositionalEncoding(const double* lon, const double* lat, std::size_t n, float* out);

}  // namespace bridgelc
