// TrainingStep against the same step spelt out through LibTorch: the loss terms summed into one tensor, one
// backward, one optimiser update after it.
#include <gtest/gtest.h>

#include "core/nn/torch_modules.h"
#include "core/nn/torch_supcon.h"
#include "core/train/flat_adamw.h"
#include "core/train/training_step.h"
#include "tests/train/small_networks.h"

namespace bridgelc {
namespace {

TEST(TrainingStep, EqualsTheSummedLossBackwardAndOneUpdateAfterIt) {
    // Roots seeded with their weights instead of a summed loss, the accuracy read from the logits, and the
    // parameters updated during the backward: the same losses and the same weights, bit for bit.
    TrainingSettings settings;
    settings.contrastiveWeight = 0.3;
    settings.regionWeight = 0.7;
    torch::manual_seed(3);
    LandCoverNet fast(smallBridgeLc());
    torch::manual_seed(3);
    LandCoverNet reference(smallBridgeLc());
    fast->train();
    reference->train();
    const torch::Tensor classWeights = torch::tensor({1.0f, 2.0f, 0.5f});
    TrainingStep step(fast, settings, classWeights, true);
    FlatAdamW optimizer(reference->parameters(), settings.learningRate, settings.weightDecay);
    const torch::Tensor features = torch::rand({24, 6});
    const torch::Tensor encoding = torch::rand({24, 128});
    const torch::Tensor labels = torch::randint(3, {24}, torch::kLong);
    const torch::Tensor regions = torch::randint(4, {24}, torch::kLong);
    for (int s = 0; s < 3; ++s) {
        torch::manual_seed(10 + s);  // the same dropout masks in both
        const StepLosses losses = step.run(features, encoding, labels, regions);

        torch::manual_seed(10 + s);
        optimizer.zeroGrad();
        const NetworkOutput out = reference->forward(features, encoding, false);
        const auto [landCover, logits] =
            headLoss(out.invariant, reference->landCoverHead, labels, classWeights);
        const torch::Tensor region =
            headLoss(out.specific, reference->regionHead, regions, torch::Tensor()).first;
        const torch::Tensor contrast = disentanglementContrastiveLoss(
            out.invariant, out.specific, labels, regions, 3, settings.contrastiveTemperature);
        const torch::Tensor loss =
            landCover + settings.regionWeight * region + settings.contrastiveWeight * contrast;
        loss.backward();
        optimizer.step();

        EXPECT_EQ(losses.total, loss.item<double>());
        EXPECT_EQ(losses.landCover, landCover.item<double>());
        EXPECT_EQ(losses.region, region.item<double>());
        EXPECT_EQ(losses.contrastive, contrast.item<double>());
        EXPECT_EQ(losses.correct, logits.argmax(1).eq(labels).sum().item<std::int64_t>());
        const auto fastParameters = fast->parameters(), referenceParameters = reference->parameters();
        ASSERT_EQ(fastParameters.size(), referenceParameters.size());
        for (std::size_t i = 0; i < fastParameters.size(); ++i)
            EXPECT_TRUE(torch::equal(fastParameters[i], referenceParameters[i]))
                << "parameter " << i << " after step " << s << ": "
                << (fastParameters[i] - referenceParameters[i]).abs().max().item<float>();
    }
}

}  // namespace
}  // namespace bridgelc
