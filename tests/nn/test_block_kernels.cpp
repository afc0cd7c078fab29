// The fused blocks' element-wise kernels against whole-row loops (the form they had before the columns went
// in strips: the same sums in the same order, so the same bits) and against LibTorch's statistics.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include <torch/torch.h>

#include "core/nn/block_kernels.h"

namespace bridgelc {
namespace {

struct Statistics {
    std::vector<double> mean, invstd;
    std::vector<float> runningMean, runningVar;
};

/// Column by column over whole rows, each sum in double in row order.
Statistics rowLoopStatistics(const float* z, std::int64_t rows, std::int64_t columns, double eps,
                             double momentum, const float* runningMean, const float* runningVar) {
    Statistics s{std::vector<double>(columns, 0.0), std::vector<double>(columns),
                 std::vector<float>(runningMean, runningMean + columns),
                 std::vector<float>(runningVar, runningVar + columns)};
    std::vector<double> squares(columns, 0.0);
    for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < columns; ++j)
            s.mean[j] += z[i * columns + j];
    for (std::int64_t j = 0; j < columns; ++j)
        s.mean[j] /= static_cast<double>(rows);
    for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < columns; ++j) {
            const double d = z[i * columns + j] - s.mean[j];
            squares[j] += d * d;
        }
    for (std::int64_t j = 0; j < columns; ++j) {
        s.invstd[j] = 1.0 / std::sqrt(squares[j] / static_cast<double>(rows) + eps);
        const double unbiased = squares[j] / static_cast<double>(rows - 1);
        s.runningMean[j] = static_cast<float>(momentum * s.mean[j] + (1 - momentum) * s.runningMean[j]);
        s.runningVar[j] = static_cast<float>(momentum * unbiased + (1 - momentum) * s.runningVar[j]);
    }
    return s;
}

struct Gradients {
    std::vector<float> grad, gamma, beta, bias;
};

/// blockBackward's arithmetic over whole rows.
Gradients rowLoopBackward(const float* z, const float* y, std::int64_t rows, std::int64_t columns,
                          float scale, const double* mean, const double* invstd, const float* gamma,
                          const float* incoming) {
    Gradients out{std::vector<float>(rows * columns), std::vector<float>(columns, 0.5f),
                  std::vector<float>(columns, -0.25f), std::vector<float>(columns, 1.0f)};
    std::vector<double> sums(columns, 0.0), dots(columns, 0.0), biasSums(columns, 0.0);
    const double n = static_cast<double>(rows);
    for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < columns; ++j) {
            const std::int64_t e = i * columns + j;
            const float scaled = incoming[e] * scale;
            const float g = y[e] <= 0.0f ? 0.0f : scaled;
            out.grad[e] = g;
            sums[j] += g;
            dots[j] += static_cast<double>(z[e] - static_cast<float>(mean[j])) * g;
        }
    for (std::int64_t i = 0; i < rows; ++i)
        for (std::int64_t j = 0; j < columns; ++j) {
            const std::int64_t e = i * columns + j;
            const float centre = static_cast<float>(mean[j]);
            const float k = static_cast<float>(dots[j] * invstd[j] * invstd[j] / n);
            const float factor = static_cast<float>(invstd[j] * gamma[j]);
            out.grad[e] = (out.grad[e] - static_cast<float>(sums[j] / n) - (z[e] - centre) * k) * factor;
            biasSums[j] += out.grad[e];
        }
    for (std::int64_t j = 0; j < columns; ++j) {
        out.gamma[j] += static_cast<float>(dots[j] * invstd[j]);
        out.beta[j] += static_cast<float>(sums[j]);
        out.bias[j] += static_cast<float>(biasSums[j]);
    }
    return out;
}

std::vector<float> values(const torch::Tensor& t) {
    const torch::Tensor c = t.contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

void expectBackwardEqualsTheRowLoop(std::int64_t rows, std::int64_t columns);

class BlockKernels : public ::testing::TestWithParam<std::int64_t> {};

TEST_P(BlockKernels, StatisticsEqualTheRowLoopBitForBitAndLibTorchClosely) {
    const std::int64_t rows = 37, columns = GetParam();
    torch::manual_seed(3);
    const torch::Tensor z = torch::randn({rows, columns}) * 3 + 1;
    std::vector<float> runningMean = values(torch::randn({columns})),
                       runningVar = values(torch::rand({columns}));
    const Statistics expected = rowLoopStatistics(z.data_ptr<float>(), rows, columns, 1e-5, 0.1,
                                                  runningMean.data(), runningVar.data());
    std::vector<double> mean(columns), invstd(columns);
    batchStatistics(z.data_ptr<float>(), rows, columns, 1e-5, 0.1, runningMean.data(), runningVar.data(),
                    mean.data(), invstd.data());
    EXPECT_EQ(expected.mean, mean);
    EXPECT_EQ(expected.invstd, invstd);
    EXPECT_EQ(expected.runningMean, runningMean);
    EXPECT_EQ(expected.runningVar, runningVar);
    const torch::Tensor zd = z.to(torch::kDouble);
    const torch::Tensor torchInvstd = 1.0 / torch::sqrt(zd.var(0, false) + 1e-5);
    for (std::int64_t j = 0; j < columns; ++j) {
        EXPECT_NEAR(zd.mean(0)[j].item<double>(), mean[j], 1e-12);
        EXPECT_NEAR(torchInvstd[j].item<double>(), invstd[j], 1e-12);
    }
}

// 37 rows go strip by strip, 300 over whole rows (block_kernels.cpp's kStripRows).
TEST_P(BlockKernels, BackwardEqualsTheRowLoopBitForBit) {
    for (const std::int64_t rows : {37, 300})
        expectBackwardEqualsTheRowLoop(rows, GetParam());
}

void expectBackwardEqualsTheRowLoop(std::int64_t rows, std::int64_t columns) {
    torch::manual_seed(4);
    const torch::Tensor z = torch::randn({rows, columns});
    const torch::Tensor y = torch::randn({rows, columns}).relu_();
    const torch::Tensor incoming = torch::randn({rows, columns});
    const torch::Tensor gamma = torch::rand({columns}) + 0.5;
    std::vector<double> mean(columns), invstd(columns);
    for (std::int64_t j = 0; j < columns; ++j) {
        mean[j] = z.select(1, j).to(torch::kDouble).mean().item<double>();
        invstd[j] = 1.0 / std::sqrt(z.select(1, j).to(torch::kDouble).var(false).item<double>() + 1e-5);
    }
    const Gradients expected =
        rowLoopBackward(z.data_ptr<float>(), y.data_ptr<float>(), rows, columns, 2.0f, mean.data(),
                        invstd.data(), gamma.data_ptr<float>(), incoming.data_ptr<float>());
    for (const bool inPlace : {false, true}) {
        std::vector<float> grad = values(incoming), gradGamma(columns, 0.5f), gradBeta(columns, -0.25f),
                           gradBias(columns, 1.0f), other(rows * columns);
        float* target = inPlace ? grad.data() : other.data();
        blockBackward(z.data_ptr<float>(), y.data_ptr<float>(), rows, columns, 2.0f, mean.data(),
                      invstd.data(), gamma.data_ptr<float>(), grad.data(), target, gradGamma.data(),
                      gradBeta.data(), gradBias.data());
        EXPECT_EQ(0, std::memcmp(expected.grad.data(), target, expected.grad.size() * sizeof(float)))
            << "in place " << inPlace << ", rows " << rows;
        EXPECT_EQ(expected.gamma, gradGamma);
        EXPECT_EQ(expected.beta, gradBeta);
        EXPECT_EQ(expected.bias, gradBias);
    }
}

// Whole strips only, a remainder only, and both.
INSTANTIATE_TEST_SUITE_P(Widths, BlockKernels, ::testing::Values(64, 7, 77, 256));

}  // namespace
}  // namespace bridgelc
