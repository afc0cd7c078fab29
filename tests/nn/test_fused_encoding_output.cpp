// appendSigmoidLayer and the learned encoding's training path against the LibTorch computation they replace:
// torch::cat({features, sigmoid(Linear(hidden))}, 1), its output and the gradients to the hidden layer, the
// features, the weight and the bias.
#include <gtest/gtest.h>

#include <string>

#include "core/nn/fused_encoding_output.h"
#include "core/nn/torch_modules.h"

namespace bridgelc {
namespace {

void expectClose(const torch::Tensor& expected, const torch::Tensor& actual, const std::string& what) {
    ASSERT_TRUE(actual.defined()) << what;
    ASSERT_EQ(expected.sizes(), actual.sizes()) << what;
    const double scale = std::max(1e-3, expected.abs().max().item<double>());
    const double difference = (expected - actual).abs().max().item<double>();
    EXPECT_LE(difference, 2e-6 * scale)
        << what << ": largest difference " << difference << " at scale " << scale;
}

TEST(FusedEncodingOutput, EqualsTheLayerSigmoidAndConcatenation) {
    torch::manual_seed(21);
    torch::nn::Linear reference(64, 24), fused(64, 24);
    {
        torch::NoGradGuard noGrad;
        fused->weight.copy_(reference->weight);
        fused->bias.copy_(reference->bias);
    }
    // Start from a zeroed gradient on one side and none on the other: both targets must give the same.
    fused->weight.mutable_grad() = torch::zeros_like(fused->weight);
    const torch::Tensor features = torch::rand({50, 7}), hidden = torch::randn({50, 64}) * 2;
    const torch::Tensor upstream = torch::randn({50, 31});
    const torch::Tensor fa = features.clone().requires_grad_(true),
                        fb = features.clone().requires_grad_(true);
    const torch::Tensor ha = hidden.clone().requires_grad_(true), hb = hidden.clone().requires_grad_(true);
    const torch::Tensor expected = torch::cat({fa, torch::sigmoid(reference->forward(ha))}, 1);
    const torch::Tensor actual = appendSigmoidLayer(fb, hb, fused);
    expectClose(expected, actual, "output");
    (expected * upstream).sum().backward();
    (actual * upstream).sum().backward();
    expectClose(fa.grad(), fb.grad(), "feature gradient");
    expectClose(ha.grad(), hb.grad(), "hidden gradient");
    expectClose(reference->weight.grad(), fused->weight.grad(), "weight gradient");
    expectClose(reference->bias.grad(), fused->bias.grad(), "bias gradient");
}

TEST(FusedEncodingOutput, LeavesWhatItDoesNotHandleToLibTorch) {
    torch::nn::Linear layer(8, 4);
    EXPECT_FALSE(appendSigmoidLayer(torch::rand({3, 2}), torch::rand({3, 9}), layer).defined());
    EXPECT_FALSE(appendSigmoidLayer(torch::rand({4, 2}), torch::rand({3, 8}), layer).defined());
    EXPECT_FALSE(
        appendSigmoidLayer(torch::rand({3, 2}, torch::kDouble), torch::rand({3, 8}, torch::kDouble), layer)
            .defined());
}

TEST(FusedEncodingOutput, LearnedEncodingTrainsAsItsComposedForward) {
    // The branches' input in training (fused) against features joined to the module's own forward, with the
    // same dropout draws: same values, same gradients to every parameter of the encoding.
    torch::manual_seed(8);
    LearnedEncoding a(128, 256, 0.5), b(128, 256, 0.5);
    {
        torch::NoGradGuard noGrad;
        for (auto& p : a->named_parameters())
            b->named_parameters()[p.key()].copy_(p.value());
    }
    a->train();
    b->train();
    const torch::Tensor features = torch::rand({128, 35});
    const torch::Tensor encoding = torch::rand({128, 128}) * 2 - 1;
    const torch::Tensor upstream = torch::randn({128, 163});
    torch::manual_seed(40);
    const torch::Tensor expected = torch::cat({features, a->forward(encoding)}, 1);
    torch::manual_seed(40);
    const torch::Tensor actual = b->appendTo(features, encoding);
    expectClose(expected, actual, "branch input");
    EXPECT_NE(actual.grad_fn()->name().find("AppendSigmoid"), std::string::npos);
    (expected * upstream).sum().backward();
    (actual * upstream).sum().backward();
    const auto pb = b->named_parameters();
    for (const auto& p : a->named_parameters()) {
        if (p.key() == "hidden.bias") continue;  // before BatchNorm: rounding only on both sides
        expectClose(p.value().grad(), pb[p.key()].grad(), p.key() + " gradient");
    }
}

}  // namespace
}  // namespace bridgelc
