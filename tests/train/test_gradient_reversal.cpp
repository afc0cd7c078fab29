// Gradient reversal: identity forward, exactly -lambda times the incoming gradient backward; and the
// region-adversarial candidate model's extra head and loss term.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/nn/gradient_reversal.h"
#include "core/nn/torch_modules.h"
#include "core/train/training_step.h"
#include "tests/synthetic_dataset.h"
#include "tests/train/small_networks.h"

namespace bridgelc {
namespace {

TEST(GradientReversal, IdentityForwardAndMinusLambdaTimesTheGradientBackward) {
    torch::manual_seed(5);
    for (const double lambda : {0.0, 0.37, 1.0, 2.5}) {
        SCOPED_TRACE(lambda);
        const torch::Tensor x = torch::randn({7, 5}).requires_grad_(true);
        const torch::Tensor y = reverseGradient(x, lambda);
        EXPECT_TRUE(torch::equal(y, x));
        const torch::Tensor incoming = torch::randn({7, 5});
        y.backward(incoming);
        ASSERT_TRUE(x.grad().defined());
        EXPECT_TRUE(torch::equal(x.grad(), incoming * (-lambda)));
    }
}

TEST(GradientReversal, GradientOfALossThroughItIsTheNegatedScaledOne) {
    torch::manual_seed(6);
    const torch::Tensor w = torch::randn({5, 3});
    const torch::Tensor x1 = torch::randn({4, 5}).requires_grad_(true);
    const torch::Tensor x2 = x1.detach().clone().requires_grad_(true);
    torch::mm(x1, w).pow(2).sum().backward();
    torch::mm(reverseGradient(x2, 0.5), w).pow(2).sum().backward();
    EXPECT_TRUE(torch::equal(x2.grad(), x1.grad() * (-0.5)));
}

TEST(RegionAdversarial, HeadOnTheInvariantBranchAndLossTermTrainIt) {
    NetworkShape shape = smallBridgeLc();
    shape.adversarial = true;
    torch::manual_seed(1);
    LandCoverNet net(shape);
    ASSERT_TRUE(net->adversaryHead);
    EXPECT_EQ(net->adversaryHead->weight.sizes(), (std::vector<std::int64_t>{4, 16}));
    TrainingSettings settings;
    settings.adversarialWeight = 1.0;
    TrainingStep step(net, settings, torch::Tensor(), true);
    const torch::Tensor before = net->adversaryHead->weight.detach().clone();
    const torch::Tensor features = torch::randn({32, 6}), encoding = torch::rand({32, 128});
    const torch::Tensor labels = torch::randint(0, 3, {32}, torch::kLong);
    const torch::Tensor regions = torch::randint(0, 4, {32}, torch::kLong);
    net->train();
    const StepLosses losses = step.run(features, encoding, labels, regions);
    ASSERT_TRUE(losses.finite);
    EXPECT_GT(losses.adversarial, 0.0);
    EXPECT_NEAR(losses.total, losses.landCover + losses.region + losses.contrastive + losses.adversarial,
                1e-4);
    EXPECT_FALSE(torch::equal(before, net->adversaryHead->weight)) << "the region classifier learns";
}

TEST(RegionAdversarial, CandidateModelSavesItsLambdaAndShape) {
    const Dataset ds = test::syntheticDataset(300, 8, 3);
    TrainingSettings settings;
    settings.epochs = 2;
    settings.batchSize = 32;
    TrainingObserver quiet;
    auto model = createModel("bridgelc-adversarial");
    ASSERT_EQ(model->fit(TrainingData{ds, test::rowRange(0, 240), test::rowRange(240, 300)}, settings, quiet)
                  .status,
              RunStatus::Completed);
    EXPECT_DOUBLE_EQ(model->meta().settings.at("adversarialWeight").get<double>(), 1.0);
    EXPECT_TRUE(model->meta().network.at("adversarial").get<bool>());
    auto plain = createModel("bridgelc");
    ASSERT_EQ(plain->fit(TrainingData{ds, test::rowRange(0, 240), test::rowRange(240, 300)}, settings, quiet)
                  .status,
              RunStatus::Completed);
    EXPECT_FALSE(plain->meta().network.value("adversarial", false));
    // The adversary's head: one more Linear(256, regions) than BRIDGE-LC.
    const std::size_t regions = model->meta().regionIds.size();
    EXPECT_EQ(model->parameterCount(), plain->parameterCount() + 256 * regions + regions);
}

}  // namespace
}  // namespace bridgelc
