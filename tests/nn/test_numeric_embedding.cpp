// Periodic numeric embeddings on a case small enough to work out by hand: two features, one frequency each,
// two outputs per feature. The expected values were computed separately (Python's math module) from
// ReLU(W [cos(2 pi c x), sin(2 pi c x)] + b), written out below.
#include <gtest/gtest.h>

#include "core/nn/numeric_embedding.h"

namespace bridgelc {
namespace {

NumericEmbedding handSetEmbedding() {
    NumericEmbedding embedding(2, 1, 2, 0.1);
    torch::NoGradGuard noGrad;
    embedding->frequency.copy_(torch::tensor({{0.3f}, {-1.1f}}));
    embedding->linear->weight.copy_(torch::tensor({{0.7f, -0.4f}, {0.2f, 0.9f}}));
    embedding->linear->bias.copy_(torch::tensor({-0.3f, 0.1f}));
    return embedding;
}

TEST(NumericEmbedding, MatchesTheFormulaWorkedOutByHand) {
    NumericEmbedding embedding = handSetEmbedding();
    const torch::Tensor x = torch::tensor({{0.5f, 2.0f}, {-0.2f, 0.6f}});
    const torch::Tensor out = embedding->forward(x);
    ASSERT_EQ(out.sizes(), (std::vector<std::int64_t>{2, 4}));
    EXPECT_EQ(embedding->outputs(), 4);
    // Feature-major: feature 0's two outputs, then feature 1's; negative sums clipped to 0 by the ReLU.
    const float expected[2][4] = {{0.0f, 0.945672345f, 0.296734503f, 0.0f},
                                  {0.498093361f, 0.0f, 0.0f, 0.752729774f}};
    for (int row = 0; row < 2; ++row)
        for (int column = 0; column < 4; ++column)
            EXPECT_NEAR(out[row][column].item<float>(), expected[row][column], 1e-6)
                << "row " << row << ", column " << column;
}

TEST(NumericEmbedding, FrequenciesAndTheSharedLayerLearn) {
    NumericEmbedding embedding = handSetEmbedding();
    const torch::Tensor x = torch::tensor({{0.5f, 2.0f}, {-0.2f, 0.6f}});
    embedding->forward(x).sum().backward();
    // Every frequency moves an output that is not clipped, so each gets a gradient.
    ASSERT_TRUE(embedding->frequency.grad().defined());
    EXPECT_GT(embedding->frequency.grad().abs().min().item<float>(), 0.0f);
    EXPECT_GT(embedding->linear->weight.grad().abs().sum().item<float>(), 0.0f);
}

TEST(NumericEmbedding, InitialFrequenciesFollowTheGivenScale) {
    torch::manual_seed(0);
    NumericEmbedding embedding(35, 48, 24, 0.1);
    EXPECT_EQ(embedding->frequency.sizes(), (std::vector<std::int64_t>{35, 48}));
    EXPECT_NEAR(embedding->frequency.std().item<double>(), 0.1, 0.01);
    EXPECT_EQ(embedding->outputs(), 35 * 24);
}

}  // namespace
}  // namespace bridgelc
