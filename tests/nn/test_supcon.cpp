// SupCon against a plain double-precision loop implementation of Khosla et al.'s L_out with the authors'
// max subtraction and +1e-5.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "core/nn/torch_supcon.h"

namespace bridgelc {
namespace {

using Matrix = std::vector<std::vector<double>>;

Matrix normalised(Matrix v) {
    for (auto& row : v) {
        double norm = 0;
        for (double x : row)
            norm += x * x;
        norm = std::sqrt(norm);
        for (double& x : row)
            x /= norm;
    }
    return v;
}

double referenceLoss(const Matrix& z, const std::vector<long>& labels, double tau) {
    const std::size_t n = z.size();
    double total = 0;
    int anchors = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<double> s(n);
        double maxS = -1e300;
        for (std::size_t j = 0; j < n; ++j) {
            double dot = 0;
            for (std::size_t k = 0; k < z[i].size(); ++k)
                dot += z[i][k] * z[j][k];
            s[j] = dot / tau;
            maxS = std::max(maxS, s[j]);
        }
        std::vector<double> e(n);
        double denominator = 0;
        for (std::size_t j = 0; j < n; ++j) {
            e[j] = std::exp(s[j] - maxS) + 1e-5;
            if (j != i) denominator += e[j];
        }
        double sum = 0;
        int positives = 0;
        for (std::size_t j = 0; j < n; ++j) {
            if (j == i || labels[j] != labels[i]) continue;
            sum += -std::log(e[j] / denominator);
            ++positives;
        }
        if (positives == 0) continue;
        total += sum / positives;
        ++anchors;
    }
    return anchors ? total / anchors : 0.0;
}

torch::Tensor toTensor(const Matrix& m) {
    torch::Tensor t =
        torch::empty({static_cast<long>(m.size()), static_cast<long>(m[0].size())}, torch::kDouble);
    for (std::size_t i = 0; i < m.size(); ++i)
        for (std::size_t k = 0; k < m[i].size(); ++k)
            t[i][k] = m[i][k];
    return t;
}

TEST(SupCon, FourVectorsMatchPlainLoops) {
    const Matrix z = normalised({{1.0, 0.2, -0.3}, {0.9, 0.1, -0.2}, {-0.5, 1.0, 0.4}, {0.3, -0.8, 1.1}});
    const std::vector<long> labels = {0, 0, 1, 1};
    for (double tau : {0.07, 0.5, 1.0}) {
        const double expected = referenceLoss(z, labels, tau);
        const double got =
            supervisedContrastiveLoss(toTensor(z), torch::tensor(labels, torch::kLong), tau).item<double>();
        EXPECT_NEAR(got, expected, 1e-9 * std::max(1.0, std::abs(expected))) << "tau " << tau;
    }
}

TEST(SupCon, AnchorsWithoutPositivesAreDropped) {
    const Matrix z = normalised({{1.0, 0.0}, {0.8, 0.6}, {0.0, 1.0}, {-1.0, 0.2}});
    const std::vector<long> labels = {0, 0, 1, 2};  // anchors 2 and 3 have no positive
    const double expected = referenceLoss(z, labels, 0.07);
    const double got =
        supervisedContrastiveLoss(toTensor(z), torch::tensor(labels, torch::kLong), 0.07).item<double>();
    EXPECT_NEAR(got, expected, 1e-9 * std::max(1.0, expected));
    // Only anchors 0 and 1 count; each sees the other as its single positive.
    EXPECT_GT(got, 0.0);
}

TEST(SupCon, NoPositivesAtAllGivesZeroWithAGradientPath) {
    torch::Tensor z = torch::eye(3, torch::kDouble).requires_grad_(true);
    torch::Tensor loss = supervisedContrastiveLoss(z, torch::tensor(std::vector<long>{0, 1, 2}), 0.07);
    EXPECT_EQ(loss.item<double>(), 0.0);
    loss.backward();  // must not throw: training continues through batches without positives
}

TEST(SupCon, DisentanglementLabelsInvariantByClassAndSpecificByRegion) {
    // Two points: invariant vectors carry classes {1, 1}; specific vectors regions {0, 2} -> labels {1, 1, C,
    // C+2}.
    const Matrix inv = {{2.0, 0.0, 1.0}, {1.0, 1.0, 0.0}};
    const Matrix spec = {{0.0, 3.0, 1.0}, {1.0, -1.0, 2.0}};
    const long classCount = 5;
    Matrix stacked = normalised({inv[0], inv[1], spec[0], spec[1]});
    const double expected = referenceLoss(stacked, {1, 1, classCount + 0, classCount + 2}, 0.07);
    const double got =
        disentanglementContrastiveLoss(toTensor(inv), toTensor(spec), torch::tensor(std::vector<long>{1, 1}),
                                       torch::tensor(std::vector<long>{0, 2}), classCount, 0.07)
            .item<double>();
    EXPECT_NEAR(got, expected, 1e-9 * std::max(1.0, expected));
}

TEST(SupCon, SameRegionSpecificVectorsAttract) {
    // With the specific vectors of one region, they become positives of each other: a larger loss when they
    // point apart than when they align.
    const Matrix inv = {{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}};
    const torch::Tensor classes = torch::tensor(std::vector<long>{0, 1});
    const torch::Tensor regions = torch::tensor(std::vector<long>{3, 3});
    const double apart = disentanglementContrastiveLoss(toTensor(inv), toTensor({{0, 0, 1.0}, {0, 0, -1.0}}),
                                                        classes, regions, 2, 0.07)
                             .item<double>();
    const double aligned =
        disentanglementContrastiveLoss(toTensor(inv), toTensor({{0, 0, 1.0}, {0, 0.1, 1.0}}), classes,
                                       regions, 2, 0.07)
            .item<double>();
    EXPECT_GT(apart, aligned);
}

/// The straightforward dense form (the authors' masks), differentiated by autograd, as a gradient reference.
torch::Tensor denseSupCon(const torch::Tensor& z, const torch::Tensor& labels, double tau) {
    const auto n = z.size(0);
    const torch::Tensor s = torch::mm(z, z.t()) / tau;
    const torch::Tensor e = torch::exp(s - std::get<0>(s.max(1, true)).detach()) + 1e-5;
    const torch::Tensor notSelf = 1 - torch::eye(n, z.options());
    const torch::Tensor same = labels.unsqueeze(1).eq(labels.unsqueeze(0)).to(z.scalar_type()) * notSelf;
    const torch::Tensor logProb = -torch::log(e / (e * notSelf).sum(1, true));
    const torch::Tensor count = same.sum(1);
    const torch::Tensor keep = count > 0;
    return ((logProb * same).sum(1).masked_select(keep) / count.masked_select(keep)).mean();
}

TEST(SupCon, GradientMatchesTheDenseFormulation) {
    torch::manual_seed(11);
    const torch::Tensor raw = torch::randn({24, 6}, torch::kDouble);
    const torch::Tensor labels = torch::randint(5, {24}, torch::kLong);
    auto gradient = [&](bool dense) {
        torch::Tensor x = raw.clone().requires_grad_(true);
        const torch::Tensor z =
            torch::nn::functional::normalize(x, torch::nn::functional::NormalizeFuncOptions().dim(1));
        const torch::Tensor loss =
            dense ? denseSupCon(z, labels, 0.07) : supervisedContrastiveLoss(z, labels, 0.07);
        loss.backward();
        return std::make_pair(loss.item<double>(), x.grad());
    };
    const auto [fastLoss, fastGrad] = gradient(false);
    const auto [denseLoss, denseGrad] = gradient(true);
    EXPECT_NEAR(fastLoss, denseLoss, 1e-10);
    EXPECT_TRUE(torch::allclose(fastGrad, denseGrad, 1e-8, 1e-10)) << (fastGrad - denseGrad).abs().max();
}

TEST(SupCon, SinglePrecisionBatchMatchesTheDoubleDenseFormulation) {
    // The training path: float32 and a batch large enough for several row blocks and an uneven last one,
    // against the dense form in double precision.
    torch::manual_seed(5);
    const torch::Tensor raw = torch::randn({300, 16}, torch::kDouble);
    const torch::Tensor labels = torch::randint(12, {300}, torch::kLong);
    auto gradient = [&](bool dense) {
        torch::Tensor x = (dense ? raw.clone() : raw.to(torch::kFloat)).requires_grad_(true);
        const torch::Tensor z =
            torch::nn::functional::normalize(x, torch::nn::functional::NormalizeFuncOptions().dim(1));
        const torch::Tensor loss =
            dense ? denseSupCon(z, labels, 0.07) : supervisedContrastiveLoss(z, labels, 0.07);
        loss.backward();
        return std::make_pair(loss.item<double>(), x.grad().to(torch::kDouble));
    };
    const auto [fastLoss, fastGrad] = gradient(false);
    const auto [denseLoss, denseGrad] = gradient(true);
    EXPECT_NEAR(fastLoss, denseLoss, 1e-5 * std::abs(denseLoss));
    EXPECT_TRUE(torch::allclose(fastGrad, denseGrad, 1e-3, 1e-6)) << (fastGrad - denseGrad).abs().max();
    // Without a gradient (evaluation) the same loss.
    torch::NoGradGuard noGrad;
    const torch::Tensor z = torch::nn::functional::normalize(
        raw.to(torch::kFloat), torch::nn::functional::NormalizeFuncOptions().dim(1));
    EXPECT_FLOAT_EQ(static_cast<float>(supervisedContrastiveLoss(z, labels, 0.07).item<double>()),
                    static_cast<float>(fastLoss));
}

/// The disentanglement loss composed of LibTorch operations (stack, F::normalize, the dense form) and its
/// gradients to both branches, against the one-function form the training step uses.
void compareDisentanglement(torch::ScalarType type, std::int64_t batch, bool zeroRow, double tolerance) {
    SCOPED_TRACE("batch " + std::to_string(batch) + (type == torch::kFloat ? " float" : " double"));
    torch::manual_seed(17);
    torch::Tensor inv = torch::randn({batch, 32}, torch::kDouble),
                  spec = torch::randn({batch, 32}, torch::kDouble);
    if (zeroRow)
        spec[1].zero_();  // F::normalize's floor: the row's gradient is divided by 1e-12, not its norm
    const torch::Tensor classes = torch::randint(6, {batch}, torch::kLong);
    const torch::Tensor regions = torch::randint(4, {batch}, torch::kLong);
    auto run = [&](bool composed) {
        torch::Tensor a = inv.to(composed ? torch::kDouble : type).requires_grad_(true);
        torch::Tensor b = spec.to(composed ? torch::kDouble : type).requires_grad_(true);
        torch::Tensor loss;
        if (composed) {
            namespace F = torch::nn::functional;
            const torch::Tensor z = F::normalize(torch::cat({a, b}, 0), F::NormalizeFuncOptions().dim(1));
            loss = denseSupCon(z, torch::cat({classes, regions + 6}, 0), 0.07);
        } else {
            loss = disentanglementContrastiveLoss(a, b, classes, regions, 6, 0.07);
        }
        (loss * 0.8).backward();
        return std::make_tuple(loss.item<double>(), a.grad().to(torch::kDouble), b.grad().to(torch::kDouble));
    };
    const auto [loss, gradInv, gradSpec] = run(false);
    const auto [expected, expectedInv, expectedSpec] = run(true);
    EXPECT_NEAR(loss, expected, tolerance * std::abs(expected));
    for (const auto& [got, want] :
         {std::make_pair(gradInv, expectedInv), std::make_pair(gradSpec, expectedSpec)}) {
        const double scale = want.abs().max().item<double>();
        EXPECT_LE((got - want).abs().max().item<double>(), tolerance * 10 * scale)
            << "largest gradient difference at scale " << scale;
    }
}

TEST(SupCon, DisentanglementFunctionEqualsTheComposedOperationsInDouble) {
    compareDisentanglement(torch::kDouble, 40, false, 1e-10);
    compareDisentanglement(torch::kDouble, 40, true, 1e-10);
}

TEST(SupCon, DisentanglementFunctionEqualsTheComposedOperationsInFloat) {
    compareDisentanglement(torch::kFloat, 128, false, 1e-5);
    compareDisentanglement(torch::kFloat, 150, true, 1e-5);
    compareDisentanglement(torch::kFloat, 300, false, 1e-5);  // 600 rows: the full product, not ssyrk
}

}  // namespace
}  // namespace bridgelc
