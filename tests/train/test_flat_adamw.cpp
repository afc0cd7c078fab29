// FlatAdamW against LibTorch's own AdamW: same trajectory, parameters keep working as module parameters.
#include <gtest/gtest.h>

#include "core/train/flat_adamw.h"

namespace bridgelc {
namespace {

TEST(FlatAdamW, FollowsTorchAdamW) {
    torch::manual_seed(2);
    torch::nn::Sequential reference(torch::nn::Linear(5, 7), torch::nn::ReLU(), torch::nn::Linear(7, 3));
    torch::nn::Sequential flat(torch::nn::Linear(5, 7), torch::nn::ReLU(), torch::nn::Linear(7, 3));
    {
        torch::NoGradGuard noGrad;
        for (std::size_t i = 0; i < reference->parameters().size(); ++i)
            flat->parameters()[i].copy_(reference->parameters()[i]);
    }
    torch::optim::AdamW torchOptimizer(reference->parameters(),
                                       torch::optim::AdamWOptions(0.01).weight_decay(0.05));
    FlatAdamW flatOptimizer(flat->parameters(), 0.01, 0.05);
    EXPECT_EQ(flatOptimizer.size(), 5 * 7 + 7 + 7 * 3 + 3);
    const torch::Tensor x = torch::randn({16, 5});
    const torch::Tensor y = torch::randint(3, {16}, torch::kLong);
    for (int step = 0; step < 25; ++step) {
        if (step == 10) {
            torch::optim::AdamWOptions& options =
                static_cast<torch::optim::AdamWOptions&>(torchOptimizer.param_groups()[0].options());
            options.lr(0.003);
            flatOptimizer.setLearningRate(0.003);
        }
        torchOptimizer.zero_grad();
        torch::nn::functional::cross_entropy(reference->forward(x), y).backward();
        torchOptimizer.step();
        flatOptimizer.zeroGrad();
        torch::nn::functional::cross_entropy(flat->forward(x), y).backward();
        flatOptimizer.step();
    }
    for (std::size_t i = 0; i < reference->parameters().size(); ++i)
        EXPECT_TRUE(torch::allclose(flat->parameters()[i], reference->parameters()[i], 1e-4, 1e-5))
            << (flat->parameters()[i] - reference->parameters()[i]).abs().max();
}

TEST(FlatAdamW, ParametersShareOneBufferAndStillSaveAndLoad) {
    torch::nn::Linear layer(3, 2);
    FlatAdamW optimizer(layer->parameters(), 0.1, 0.0);
    const auto& params = layer->parameters();
    EXPECT_EQ(params[1].data_ptr<float>(), params[0].data_ptr<float>() + 6);  // bias follows the weight
    std::stringstream buffer;
    torch::serialize::OutputArchive out;
    layer->save(out);
    out.save_to(buffer);
    torch::nn::Linear other(3, 2);
    torch::serialize::InputArchive in;
    in.load_from(buffer);
    other->load(in);
    EXPECT_TRUE(torch::equal(other->weight, layer->weight));
}

TEST(FlatAdamW, StepThatZeroesTheGradientsGivesTheSameWeights) {
    // step(true) then reattachGradients() against step() then zeroGrad(): the same bits, over enough
    // parameters (7 x 37 + 7 = 266) for the eight-lane, four-lane and scalar parts of the loop.
    torch::manual_seed(4);
    torch::nn::Linear a(37, 7), b(37, 7);
    {
        torch::NoGradGuard noGrad;
        b->weight.copy_(a->weight);
        b->bias.copy_(a->bias);
    }
    FlatAdamW plain(a->parameters(), 0.01, 0.05), zeroing(b->parameters(), 0.01, 0.05);
    const torch::Tensor x = torch::randn({16, 37});
    const torch::Tensor y = torch::randint(7, {16}, torch::kLong);
    for (int step = 0; step < 5; ++step) {
        plain.zeroGrad();
        torch::nn::functional::cross_entropy(a->forward(x), y).backward();
        plain.step();
        if (step == 0)
            zeroing.zeroGrad();
        else
            zeroing.reattachGradients();
        torch::nn::functional::cross_entropy(b->forward(x), y).backward();
        zeroing.step(true);
        EXPECT_EQ(b->weight.grad().abs().max().item<float>(), 0.0f);
        EXPECT_EQ(b->bias.grad().abs().max().item<float>(), 0.0f);
        EXPECT_GT(a->weight.grad().abs().max().item<float>(), 0.0f);
    }
    EXPECT_TRUE(torch::equal(a->weight, b->weight));
    EXPECT_TRUE(torch::equal(a->bias, b->bias));
}

TEST(FlatAdamW, ParameterUpdatedEarlyGetsTheBitsOfOneUpdateAfterTheBackward) {
    // A weight updated as soon as its every use reported back, the bias left to finishStep: the same bits as
    // step(true), and the weight is not updated a second time.
    torch::manual_seed(6);
    torch::nn::Linear a(37, 7), b(37, 7);
    {
        torch::NoGradGuard noGrad;
        b->weight.copy_(a->weight);
        b->bias.copy_(a->bias);
    }
    FlatAdamW whole(a->parameters(), 0.01, 0.05), early(b->parameters(), 0.01, 0.05);
    const torch::Tensor x = torch::randn({16, 37});
    const torch::Tensor y = torch::randint(7, {16}, torch::kLong);
    for (int step = 0; step < 3; ++step) {
        whole.zeroGrad();
        torch::nn::functional::cross_entropy(a->forward(x), y).backward();
        whole.step(true);
        early.zeroGrad();
        early.beginStep(true);
        early.parameterUsed(b->weight);
        early.parameterUsed(b->weight);  // two uses: the first report back is not enough
        torch::nn::functional::cross_entropy(b->forward(x), y).backward();
        const torch::Tensor before = b->weight.detach().clone();
        early.parameterDone(b->weight);
        EXPECT_TRUE(torch::equal(b->weight, before));
        early.parameterDone(b->weight);
        EXPECT_FALSE(torch::equal(b->weight, before));
        EXPECT_EQ(b->weight.grad().abs().max().item<float>(), 0.0f);
        const torch::Tensor updated = b->weight.detach().clone();
        early.finishStep();
        EXPECT_TRUE(torch::equal(b->weight, updated));
        EXPECT_TRUE(torch::equal(a->weight, b->weight));
        EXPECT_TRUE(torch::equal(a->bias, b->bias));
    }
}

}  // namespace
}  // namespace bridgelc
