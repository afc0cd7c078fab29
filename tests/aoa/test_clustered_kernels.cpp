// The AVX-512 kernel of the clustered search's float products, against plain sums: every product of a band
// to within float rounding of the same sum in double, the lanes past the band infinity (so the scan for the
// least never picks them), for bands that start and end anywhere within a cluster's block.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/aoa/clustered_search_parts.h"

namespace bridgelc {
namespace {

TEST(ClusteredKernels, BandProductsMatchPlainSums) {
    std::mt19937_64 random(25);
    std::normal_distribution<float> normal;
    const std::size_t dims = 36, stride = 40, width = 112, clusterMembers = 96;
    // One cluster's block: dims rows of width, members side by side, zeros after them.
    std::vector<float> columns(dims * width, 0.0f);
    for (std::size_t t = 0; t < dims; ++t)
        for (std::size_t m = 0; m < clusterMembers; ++m)
            columns[t * width + m] = normal(random);
    std::vector<float> out;
    for (const std::size_t rows : {1u, 7u, 8u, 45u})
        for (const auto& [first, members] : {std::pair<std::size_t, std::size_t>{0, 1},
                                             {3, 16},
                                             {5, 29},
                                             {17, 32},
                                             {40, 45},
                                             {0, 96},
                                             {80, 16}}) {
            std::vector<float> block((rows + kBandTileRows) * stride, 0.0f);
            for (std::size_t a = 0; a < rows; ++a)
                for (std::size_t t = 0; t < dims; ++t)
                    block[a * stride + t] = normal(random);
            const std::size_t rowLength = (members + 15) / 16 * 16;
            if (!bandProducts(block.data(), rows, stride, &columns[first], width, dims, members, out,
                              rowLength))
                GTEST_SKIP() << "no AVX-512 on this CPU; the search uses sgemm";
            ASSERT_GE(out.size(), rows * rowLength);
            for (std::size_t a = 0; a < rows; ++a) {
                for (std::size_t j = 0; j < members; ++j) {
                    double sum = 0, magnitude = 0;
                    for (std::size_t t = 0; t < dims; ++t) {
                        const double term = double(block[a * stride + t]) * columns[t * width + first + j];
                        sum += term;
                        magnitude += std::abs(term);
                    }
                    // The bound the float search relies on: (dims + 3) u of the sum of |terms|.
                    EXPECT_NEAR(out[a * rowLength + j], sum, (dims + 3) * std::ldexp(magnitude, -24))
                        << rows << " rows, band " << first << " + " << members << ", row " << a;
                }
                for (std::size_t j = members; j < rowLength; ++j)
                    EXPECT_EQ(out[a * rowLength + j], std::numeric_limits<float>::infinity());
            }
        }
}

}  // namespace
}  // namespace bridgelc
