// fusedTrainingBlocks against the LibTorch modules it replaces in training: the same output, gradients to
// the input and to every parameter, running statistics and batch counter, and the same dropout masks.
#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "core/nn/fused_blocks.h"
#include "core/nn/torch_dropout.h"
#include "core/nn/torch_modules.h"

namespace bridgelc {
namespace {

/// The modules' own training pass: [Linear, BatchNorm1d, ReLU, fastDropout] per block.
torch::Tensor modulePass(torch::Tensor x, Encoder& encoder) {
    for (std::size_t i = 0; i < encoder->linears.size(); ++i) {
        x = encoder->norms[i]->forward(encoder->linears[i]->forward(x));
        x = torch::relu(x);
        if (encoder->dropout > 0) x = fastDropout(x, encoder->dropout);
    }
    return x;
}

/// Two encoders with the same weights (and BatchNorm weights moved off their 1 / 0 start).
std::pair<Encoder, Encoder> twins(std::int64_t inputs, std::int64_t hidden, int layers, double dropout) {
    torch::manual_seed(11);
    Encoder a(inputs, hidden, layers, dropout), b(inputs, hidden, layers, dropout);
    torch::NoGradGuard noGrad;
    for (auto& p : a->named_parameters()) {
        if (p.key().find("norm") != std::string::npos) p.value().add_(torch::randn_like(p.value()) * 0.3);
        b->named_parameters()[p.key()].copy_(p.value());
    }
    a->train();
    b->train();
    return {a, b};
}

void expectClose(const torch::Tensor& expected, const torch::Tensor& actual, const std::string& what) {
    ASSERT_TRUE(actual.defined()) << what;
    ASSERT_EQ(expected.sizes(), actual.sizes()) << what;
    const double scale = std::max(1e-3, expected.abs().max().item<double>());
    const double difference = (expected - actual).abs().max().item<double>();
    EXPECT_LE(difference, 2e-5 * scale)
        << what << ": largest difference " << difference << " at scale " << scale;
}

void compare(std::int64_t rows, std::int64_t inputs, int layers, double dropout, bool inputGrad) {
    SCOPED_TRACE("rows " + std::to_string(rows) + " dropout " + std::to_string(dropout));
    auto [reference, fused] = twins(inputs, 48, layers, dropout);
    torch::manual_seed(5);
    const torch::Tensor data = torch::randn({rows, inputs}) * 2 + 0.5;
    const torch::Tensor upstream = torch::randn({rows, 48});
    for (int step = 0; step < 3; ++step) {  // running statistics move over several batches
        const torch::Tensor xa = data.clone().requires_grad_(inputGrad);
        const torch::Tensor xb = data.clone().requires_grad_(inputGrad);
        torch::manual_seed(100 + step);
        const torch::Tensor ya = modulePass(xa, reference);
        torch::manual_seed(100 + step);
        const torch::Tensor yb = fusedTrainingBlocks(xb, fused->linears, fused->norms, dropout);
        expectClose(ya, yb, "output");
        EXPECT_TRUE(torch::equal(ya.eq(0), yb.eq(0))) << "the same units dropped and cut by ReLU";
        (ya * upstream).sum().backward();
        (yb * upstream).sum().backward();
        if (inputGrad)
            expectClose(xa.grad(), xb.grad(), "input gradient");
        else
            EXPECT_FALSE(xb.grad().defined());
        const auto pa = reference->named_parameters(), pb = fused->named_parameters();
        for (const auto& p : pa) {
            const std::string& key = p.key();
            if (key.rfind("linear", 0) == 0 && key.find(".bias") != std::string::npos) {
                // A bias before BatchNorm has a gradient of zero; both sides hold only rounding, small
                // against the layer's weight gradient.
                const double scale =
                    pa[key.substr(0, key.find('.')) + ".weight"].grad().abs().max().item<double>();
                EXPECT_LE(p.value().grad().abs().max().item<double>(), 1e-4 * scale) << key;
                EXPECT_LE(pb[key].grad().abs().max().item<double>(), 1e-4 * scale) << key;
                continue;
            }
            expectClose(p.value().grad(), pb[key].grad(), key + " gradient");
        }
        const auto ba = reference->named_buffers(), bb = fused->named_buffers();
        for (const auto& b : ba) {
            if (b.value().is_floating_point())
                expectClose(b.value(), bb[b.key()], b.key());
            else
                EXPECT_TRUE(torch::equal(b.value(), bb[b.key()])) << b.key();
        }
        for (auto& p : pa)
            p.value().mutable_grad().zero_();
        for (auto& p : pb)
            p.value().mutable_grad().zero_();
    }
}

TEST(FusedBlocks, EqualTheModulesWithDropout) {
    compare(128, 37, 3, 0.5, false);
}

TEST(FusedBlocks, EqualTheModulesWithOtherDropoutAndInputGradient) {
    compare(70, 20, 2, 0.2, true);
}

TEST(FusedBlocks, EqualTheModulesWithoutDropout) {
    compare(33, 5, 1, 0.0, true);
}

TEST(FusedBlocks, AddToGradientsAlreadyHeldAsAutogradDoes) {
    // Parameters that hold a gradient (an optimiser's zeroed buffer, or an earlier backward's) get the new
    // gradient added in place, in the same buffer.
    auto [reference, fused] = twins(20, 48, 2, 0.5);
    torch::manual_seed(9);
    for (auto& p : reference->named_parameters()) {
        const torch::Tensor earlier = torch::randn_like(p.value());
        p.value().mutable_grad() = earlier.clone();
        fused->named_parameters()[p.key()].mutable_grad() = earlier.clone();
    }
    std::vector<const void*> buffers;
    for (auto& p : fused->parameters())
        buffers.push_back(p.grad().data_ptr());
    const torch::Tensor x = torch::randn({64, 20});
    const torch::Tensor upstream = torch::randn({64, 48});
    torch::manual_seed(4);
    (modulePass(x, reference) * upstream).sum().backward();
    torch::manual_seed(4);
    (fusedTrainingBlocks(x, fused->linears, fused->norms, 0.5) * upstream).sum().backward();
    const auto pb = fused->named_parameters();
    for (const auto& p : reference->named_parameters())
        expectClose(p.value().grad(), pb[p.key()].grad(), p.key() + " gradient");
    std::size_t i = 0;
    for (auto& p : fused->parameters())
        EXPECT_EQ(p.grad().data_ptr(), buffers[i++]) << "the gradient stays in its buffer";
}

TEST(FusedBlocks, EncoderInTrainingModeTakesTheFusedPath) {
    auto [reference, fused] = twins(12, 48, 2, 0.5);
    const torch::Tensor x = torch::randn({40, 12});
    torch::manual_seed(3);
    const torch::Tensor expected = modulePass(x, reference);
    torch::manual_seed(3);
    expectClose(expected, fused->forward(x), "Encoder::forward");
    EXPECT_NE(fused->forward(x).grad_fn()->name().find("BlocksFunction"), std::string::npos);
}

TEST(FusedBlocks, LeavesWhatItDoesNotHandleToTheModules) {
    auto [a, b] = twins(6, 48, 2, 0.5);
    EXPECT_FALSE(
        fusedTrainingBlocks(torch::randn({8, 6}, torch::kDouble), a->linears, a->norms, 0.5).defined());
    EXPECT_FALSE(fusedTrainingBlocks(torch::randn({1, 6}), a->linears, a->norms, 0.5).defined());
    EXPECT_FALSE(fusedTrainingBlocks(torch::randn({8, 6}), a->linears, a->norms, 1.0).defined());
    EXPECT_FALSE(fusedTrainingBlocks(torch::randn({8, 7}), a->linears, a->norms, 0.5).defined());
}

TEST(FusedBlocks, NaNReachesTheOutputAsThroughTheModules) {
    auto [a, b] = twins(6, 48, 1, 0.0);
    torch::Tensor x = torch::randn({8, 6});
    x[3][2] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_TRUE(torch::isnan(fusedTrainingBlocks(x, b->linears, b->norms, 0.0)).any().item<bool>());
}

}  // namespace
}  // namespace bridgelc
