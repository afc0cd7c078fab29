// fastDropout: the distribution of torch::dropout, reproducible under torch::manual_seed, gradient through
// the mask.
#include <gtest/gtest.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cstdint>
#include <mutex>
#include <vector>

#include "core/nn/torch_dropout.h"

namespace bridgelc {
namespace {

TEST(FastDropout, KeepsAboutOneMinusPScaledAndZeroesTheRest) {
    for (double p : {0.5, 0.2, 0.9}) {
        SCOPED_TRACE(p);
        torch::manual_seed(1);
        const torch::Tensor x = torch::ones({300, 257});  // not a multiple of 64 elements
        const torch::Tensor y = fastDropout(x, p);
        const double kept = y.ne(0).to(torch::kDouble).mean().item<double>();
        const double n = static_cast<double>(x.numel());
        EXPECT_NEAR(kept, 1 - p, 4 * std::sqrt(p * (1 - p) / n));  // within 4 standard errors
        const torch::Tensor nonzero = y.masked_select(y.ne(0));
        EXPECT_TRUE(torch::allclose(nonzero, torch::full_like(nonzero, 1.0 / (1 - p))));
        EXPECT_NEAR(y.mean().item<double>(), 1.0, 0.05);  // inverted dropout keeps the expectation
    }
}

TEST(FastDropout, SeededAndVaryingBetweenCalls) {
    const torch::Tensor x = torch::ones({64, 100});
    torch::manual_seed(5);
    const torch::Tensor a = fastDropout(x, 0.5), b = fastDropout(x, 0.5);
    torch::manual_seed(5);
    const torch::Tensor c = fastDropout(x, 0.5);
    EXPECT_TRUE(torch::equal(a, c));
    EXPECT_FALSE(torch::equal(a, b));
}

TEST(FastDropout, GradientFlowsThroughTheSameMask) {
    torch::manual_seed(3);
    const torch::Tensor x = torch::randn({32, 40}).requires_grad_(true);
    const torch::Tensor y = fastDropout(x, 0.5);
    y.sum().backward();
    // d(sum y)/dx = mask = y / x elementwise
    EXPECT_TRUE(torch::allclose(x.grad(), (y / x).detach(), 1e-5, 1e-6));
}

TEST(FastDropout, HalfMaskIsTheDocumentedStreamBitByBit) {
    // The p = 0.5 mask element e of each 64 is bit e of one xoshiro256** draw (seeded through splitmix64 from
    // LibTorch's generator), whichever copy of the fill runs (AVX-512 stores or the table): written out here.
    torch::manual_seed(9);
    std::uint64_t seed = 0;
    {
        at::Generator generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        seed = generator.get<at::CPUGeneratorImpl>()->random64();
    }
    std::uint64_t state[4];
    for (std::uint64_t& word : state) {
        seed += 0x9e3779b97f4a7c15ULL;
        std::uint64_t z = seed;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        word = z ^ (z >> 31);
    }
    const auto rotl = [](std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
    const auto next = [&] {
        const std::uint64_t result = rotl(state[1] * 5, 7) * 9;
        const std::uint64_t t = state[1] << 17;
        state[2] ^= state[0];
        state[3] ^= state[1];
        state[1] ^= state[2];
        state[0] ^= state[3];
        state[2] ^= t;
        state[3] = rotl(state[3], 45);
        return result;
    };
    const std::int64_t n = 64 * 5 + 37;
    std::vector<float> expected(n);
    for (std::int64_t i = 0; i < n; i += 64) {
        const std::uint64_t bits = next();
        for (std::int64_t e = 0; e < 64 && i + e < n; ++e)
            expected[i + e] = (bits >> e) & 1u ? 2.0f : 0.0f;
    }
    torch::manual_seed(9);
    std::vector<float> mask(n, -1.0f);
    fillDropoutMask(mask.data(), n, 0.5);
    for (std::int64_t i = 0; i < n; ++i)
        ASSERT_EQ(mask[i], expected[i]) << "element " << i;
}

TEST(FastDropout, ZeroProbabilityIsIdentity) {
    const torch::Tensor x = torch::randn({4, 4});
    EXPECT_TRUE(torch::equal(fastDropout(x, 0.0), x));
    EXPECT_EQ(fastDropout(x, 1.0).abs().sum().item<double>(), 0.0);
}

}  // namespace
}  // namespace bridgelc
