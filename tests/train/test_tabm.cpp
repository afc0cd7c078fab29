// TabM-mini: shapes and parameter count, members that differ only by adapter and head, the ensemble's
// probabilities as the mean of the members', and a training loss that is the mean of the members' own.
#include <gtest/gtest.h>

#include "core/nn/tabm.h"
#include "core/nn/torch_modules.h"
#include "core/train/training_step.h"

namespace bridgelc {
namespace {

TEST(Tabm, ShapesParametersAndMeanOfMemberProbabilities) {
    torch::manual_seed(3);
    const std::int64_t d = 7, h = 16, c = 4, k = 5;
    TabM net(d, h, 3, 0.1, c, k);
    std::int64_t count = 0;
    for (const auto& p : net->parameters())
        count += p.numel();
    // adapter, shared backbone (3 Linear), one head per member
    EXPECT_EQ(count, k * d + (d * h + h) + 2 * (h * h + h) + k * (h * c + c));
    const torch::Tensor adapter = net->adapter.detach();
    EXPECT_TRUE(torch::equal(adapter.abs(), torch::ones_like(adapter))) << "random signs";
    net->eval();
    const torch::Tensor x = torch::randn({9, d});
    const torch::Tensor members = net->memberLogits(x);
    ASSERT_EQ(members.sizes(), (std::vector<std::int64_t>{9, k, c}));
    EXPECT_FALSE(torch::allclose(members.select(1, 0), members.select(1, 1))) << "members differ";
    const torch::Tensor ensemble = torch::softmax(net->forward(x), 1);
    const torch::Tensor mean = torch::softmax(members, 2).mean(1);
    EXPECT_TRUE(torch::allclose(ensemble, mean, 1e-5, 1e-6));
    // Each member is adapter -> shared MLP -> own head: member 2 by hand.
    torch::Tensor hidden = x * net->adapter[2];
    for (auto& linear : net->linears)
        hidden = torch::relu(linear->forward(hidden));
    const torch::Tensor byHand = torch::matmul(hidden, net->headWeight[2]) + net->headBias[2];
    EXPECT_TRUE(torch::allclose(members.select(1, 2), byHand, 1e-5, 1e-5));
}

TEST(Tabm, TrainingLossIsTheMeanOfTheMembersCrossEntropies) {
    NetworkShape shape;
    shape.features = 6;
    shape.classes = 3;
    shape.hidden = 8;
    shape.members = 4;
    shape.dropout = 0.0;
    torch::manual_seed(2);
    LandCoverNet net(shape);
    ASSERT_TRUE(net->tabm);
    EXPECT_FALSE(net->invariant);
    const torch::Tensor x = torch::randn({16, 6});
    const torch::Tensor y = torch::randint(0, 3, {16}, torch::kLong);
    net->train();
    torch::Tensor expected;
    {
        torch::NoGradGuard noGrad;
        const torch::Tensor members = net->tabm->memberLogits(x);
        expected = torch::zeros({});
        for (std::int64_t m = 0; m < 4; ++m)
            expected += torch::nn::functional::cross_entropy(members.select(1, m), y);
        expected /= 4;
    }
    TrainingSettings settings;
    TrainingStep step(net, settings, torch::Tensor(), false);
    const StepLosses losses = step.run(x, torch::Tensor(), y, torch::Tensor());
    EXPECT_NEAR(losses.landCover, expected.item<double>(), 1e-5);
}

}  // namespace
}  // namespace bridgelc
