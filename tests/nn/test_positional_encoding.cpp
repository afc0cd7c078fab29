// The fixed positional encoding against the paper's formula evaluated here in double precision.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/nn/positional_encoding.h"

namespace bridgelc {
namespace {

TEST(PositionalEncoding, MatchesTheSinusoidFormulaAtAKnownPoint) {
    const double lon = 16.3725, lat = 48.2083;  // Vienna
    std::vector<float> out(kPositionalEncodingDims);
    fixedPositionalEncoding(lon, lat, out.data());
    ASSERT_EQ(kPositionalEncodingDims, 128u);
    for (int i = 0; i < 32; ++i) {
        const double freq = std::pow(10000.0, -2.0 * i / 128.0);
        EXPECT_NEAR(out[2 * i], std::sin(freq * lon), 1e-6) << "lon sin, i=" << i;
        EXPECT_NEAR(out[2 * i + 1], std::cos(freq * lon), 1e-6) << "lon cos, i=" << i;
        EXPECT_NEAR(out[64 + 2 * i], std::sin(freq * lat), 1e-6) << "lat sin, i=" << i;
        EXPECT_NEAR(out[64 + 2 * i + 1], std::cos(freq * lat), 1e-6) << "lat cos, i=" << i;
    }
    // First frequency is 1: dims 0/1 are sin/cos of the raw degrees (radians interpretation, as the authors).
    EXPECT_NEAR(out[0], std::sin(lon), 1e-6);
    EXPECT_NEAR(out[65], std::cos(lat), 1e-6);
}

TEST(PositionalEncoding, BatchFormEqualsPointForm) {
    const std::vector<double> lon = {-9.1, 0.0, 27.5}, lat = {38.7, 51.5, 64.1};
    std::vector<float> batch(3 * kPositionalEncodingDims), one(kPositionalEncodingDims);
    fixedPositionalEncoding(lon.data(), lat.data(), 3, batch.data());
    for (std::size_t p = 0; p < 3; ++p) {
        fixedPositionalEncoding(lon[p], lat[p], one.data());
        for (std::size_t k = 0; k < kPositionalEncodingDims; ++k)
            EXPECT_EQ(batch[p * 128 + k], one[k]);
    }
}

TEST(PositionalEncoding, DistinguishesNearbyPoints) {
    std::vector<float> a(128), b(128);
    fixedPositionalEncoding(10.0, 50.0, a.data());
    fixedPositionalEncoding(10.01, 50.0, b.data());
    double diff = 0;
    for (int k = 0; k < 64; ++k)
        diff += std::abs(a[k] - b[k]);
    EXPECT_GT(diff, 1e-3);
    for (int k = 64; k < 128; ++k)
        EXPECT_EQ(a[k], b[k]);  // latitude half unchanged
}

}  // namespace
}  // namespace bridgelc
