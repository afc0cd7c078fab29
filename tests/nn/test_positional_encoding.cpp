// The fixed positional encoding against the paper's formula evaluated here in double precision.
#include <gtest/gtest.h>

#include <algorithm>
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

TEST(PositionalEncoding, WithinThreeTenMillionthsOfTheDoubleFormulaEverywhere) {
    // The encoding reduces angles in double and takes float sines: check the bound its comment gives over
    // the whole globe, where angles reach 180 rad.
    const std::size_t n = 20000;
    std::vector<double> lon(n), lat(n);
    for (std::size_t i = 0; i < n; ++i) {
        lon[i] = -180.0 + 360.0 * static_cast<double>((i * 7919) % n) / n;
        lat[i] = -90.0 + 180.0 * static_cast<double>(i) / n;
    }
    std::vector<float> out(n * kPositionalEncodingDims);
    fixedPositionalEncoding(lon.data(), lat.data(), n, out.data());
    double worst = 0;
    for (std::size_t p = 0; p < n; ++p)
        for (int i = 0; i < 32; ++i) {
            const double freq = std::pow(10000.0, -2.0 * i / 128.0);
            const float* row = &out[p * kPositionalEncodingDims];
            worst = std::max({worst, std::abs(row[2 * i] - std::sin(freq * lon[p])),
                              std::abs(row[2 * i + 1] - std::cos(freq * lon[p])),
                              std::abs(row[64 + 2 * i] - std::sin(freq * lat[p])),
                              std::abs(row[64 + 2 * i + 1] - std::cos(freq * lat[p]))});
        }
    EXPECT_LT(worst, 3e-7);
    EXPECT_GT(worst, 0.0);  // float values cannot all equal the double formula
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
