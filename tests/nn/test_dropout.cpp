// fastDropout: the distribution of torch::dropout, reproducible under torch::manual_seed, gradient through
// the mask.
#include <gtest/gtest.h>

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

TEST(FastDropout, ZeroProbabilityIsIdentity) {
    const torch::Tensor x = torch::randn({4, 4});
    EXPECT_TRUE(torch::equal(fastDropout(x, 0.0), x));
    EXPECT_EQ(fastDropout(x, 1.0).abs().sum().item<double>(), 0.0);
}

}  // namespace
}  // namespace bridgelc
