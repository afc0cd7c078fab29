// headCrossEntropy against the LibTorch computation it replaces in training: F::cross_entropy of the head's
// logits, with and without class weights; the loss, the logits and the gradients to the features, the weight
// and the bias, whether the head's gradients start undefined, zeroed or holding an earlier gradient.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/nn/head_cross_entropy.h"

namespace bridgelc {
namespace {

namespace F = torch::nn::functional;

void expectClose(const torch::Tensor& expected, const torch::Tensor& actual, const std::string& what) {
    ASSERT_TRUE(actual.defined()) << what;
    ASSERT_EQ(expected.sizes(), actual.sizes()) << what;
    const double scale = std::max(1e-3, expected.abs().max().item<double>());
    const double difference = (expected - actual).abs().max().item<double>();
    EXPECT_LE(difference, 2e-6 * scale)
        << what << ": largest difference " << difference << " at scale " << scale;
}

/// Two heads with the same weights.
std::pair<torch::nn::Linear, torch::nn::Linear> twins(std::int64_t inputs, std::int64_t classes) {
    torch::manual_seed(3);
    torch::nn::Linear a(inputs, classes), b(inputs, classes);
    torch::NoGradGuard noGrad;
    b->weight.copy_(a->weight);
    b->bias.copy_(a->bias.add(0.2));
    a->bias.copy_(b->bias);
    return {a, b};
}

enum class StartGradient { Undefined, Zero, Earlier };

void compare(std::int64_t rows, std::int64_t inputs, std::int64_t classes, bool weighted,
             StartGradient start) {
    SCOPED_TRACE("rows " + std::to_string(rows) + (weighted ? " weighted" : " plain") + " start " +
                 std::to_string(static_cast<int>(start)));
    auto [reference, fused] = twins(inputs, classes);
    torch::manual_seed(7);
    const torch::Tensor data = torch::randn({rows, inputs}) * 3;
    const torch::Tensor labels = torch::randint(classes, {rows}, torch::kLong);
    const torch::Tensor weights = weighted ? torch::rand({classes}) + 0.5 : torch::Tensor();
    if (start != StartGradient::Undefined) {
        const torch::Tensor earlierWeight =
            start == StartGradient::Zero ? torch::zeros({classes, inputs}) : torch::randn({classes, inputs});
        const torch::Tensor earlierBias =
            start == StartGradient::Zero ? torch::zeros({classes}) : torch::randn({classes});
        reference->weight.mutable_grad() = earlierWeight.clone();
        reference->bias.mutable_grad() = earlierBias.clone();
        fused->weight.mutable_grad() = earlierWeight.clone();
        fused->bias.mutable_grad() = earlierBias.clone();
    }
    const torch::Tensor xa = data.clone().requires_grad_(true), xb = data.clone().requires_grad_(true);
    const torch::Tensor logits = reference->forward(xa);
    const torch::Tensor expected =
        weighted ? F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().weight(weights))
                 : F::cross_entropy(logits, labels);
    const HeadLoss actual = headCrossEntropy(xb, fused, labels, weights);
    ASSERT_TRUE(actual.loss.defined());
    EXPECT_NEAR(actual.loss.item<double>(), expected.item<double>(),
                2e-6 * std::abs(expected.item<double>()));
    expectClose(logits.detach(), actual.logits, "logits");
    EXPECT_FALSE(actual.logits.requires_grad());
    // A factor on the loss reaches every gradient, as in the training loss's weighted sum.
    (expected * 1.7).backward();
    (actual.loss * 1.7).backward();
    expectClose(xa.grad(), xb.grad(), "feature gradient");
    expectClose(reference->weight.grad(), fused->weight.grad(), "weight gradient");
    expectClose(reference->bias.grad(), fused->bias.grad(), "bias gradient");
}

TEST(HeadCrossEntropy, EqualsLibTorchWithGradientsStartingUndefined) {
    compare(128, 256, 8, false, StartGradient::Undefined);
    compare(37, 20, 5, true, StartGradient::Undefined);
}

TEST(HeadCrossEntropy, EqualsLibTorchWritingIntoZeroedGradients) {
    compare(128, 256, 8, true, StartGradient::Zero);
    compare(1024, 256, 8, false, StartGradient::Zero);
}

TEST(HeadCrossEntropy, AddsToAnEarlierGradientAsAutogradDoes) {
    compare(64, 48, 7, true, StartGradient::Earlier);
}

TEST(HeadCrossEntropy, LargeLogitsStayFinite) {
    auto [reference, fused] = twins(4, 3);
    const torch::Tensor x = torch::tensor({{300.f, -200.f, 50.f, 1.f}, {-400.f, 100.f, 0.f, 2.f}});
    const torch::Tensor labels = torch::tensor({1, 2}, torch::kLong);
    const double expected = F::cross_entropy(reference->forward(x), labels).item<double>();
    const double actual = headCrossEntropy(x, fused, labels, torch::Tensor()).loss.item<double>();
    EXPECT_TRUE(std::isfinite(actual));
    EXPECT_NEAR(actual, expected, 1e-5 * std::abs(expected));
}

TEST(HeadCrossEntropy, NaNFeaturesGiveANaNLossAsLibTorch) {
    // The trainer stops on a loss that is not finite; a NaN must not be hidden by the max shift.
    auto [reference, fused] = twins(4, 3);
    torch::Tensor x = torch::randn({3, 4});
    x[1][2] = std::numeric_limits<float>::quiet_NaN();
    EXPECT_TRUE(std::isnan(headCrossEntropy(x, fused, torch::tensor({0, 1, 2}, torch::kLong), torch::Tensor())
                               .loss.item<double>()));
}

TEST(HeadCrossEntropy, LabelOutsideTheClassesThrows) {
    auto [reference, fused] = twins(4, 3);
    EXPECT_THROW(
        headCrossEntropy(torch::randn({2, 4}), fused, torch::tensor({0, 3}, torch::kLong), torch::Tensor()),
        std::out_of_range);
}

TEST(HeadCrossEntropy, LeavesWhatItDoesNotHandleToLibTorch) {
    auto [reference, fused] = twins(4, 3);
    const torch::Tensor labels = torch::tensor({0, 1}, torch::kLong);
    EXPECT_FALSE(headCrossEntropy(torch::randn({2, 4}, torch::kDouble), fused, labels, torch::Tensor())
                     .loss.defined());
    EXPECT_FALSE(headCrossEntropy(torch::randn({2, 5}), fused, labels, torch::Tensor()).loss.defined());
    EXPECT_FALSE(headCrossEntropy(torch::randn({2, 4}), fused, labels, torch::ones({4})).loss.defined());
}

}  // namespace
}  // namespace bridgelc
