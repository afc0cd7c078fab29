#include "core/embed/linear_probe.h"

#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>

namespace bridgelc {

ProbeResult linearProbe(const FloatMatrix& points, const std::vector<int>& labels,
                        const ProbeOptions& options) {
    if (labels.size() != points.rows)
        throw std::invalid_argument("linearProbe: one label per point is needed");
    std::vector<std::size_t> known;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0) known.push_back(i);
    std::mt19937_64 random(options.seed);
    std::shuffle(known.begin(), known.end(), random);
    const auto heldOut = static_cast<std::size_t>(options.heldOutShare * static_cast<double>(known.size()));
    std::vector<std::size_t> fit(known.begin(), known.end() - static_cast<std::ptrdiff_t>(heldOut));
    std::vector<std::size_t> test(known.end() - static_cast<std::ptrdiff_t>(heldOut), known.end());
    std::sort(fit.begin(), fit.end());
    std::sort(test.begin(), test.end());

    ProbeResult result;
    result.fitPoints = fit.size();
    result.heldOutPoints = test.size();
    std::map<int, std::int64_t> index;  // label -> dense class, over both halves
    for (std::size_t i : known)
        index.emplace(labels[i], 0);
    std::int64_t next = 0;
    for (auto& [label, dense] : index)
        dense = next++;
    result.labels = index.size();
    if (!result.defined()) return result;

    // Majority baseline: what a probe that learnt nothing would score.
    std::vector<std::size_t> fitCounts(index.size(), 0);
    for (std::size_t i : fit)
        ++fitCounts[static_cast<std::size_t>(index[labels[i]])];
    const auto majority =
        static_cast<std::int64_t>(std::max_element(fitCounts.begin(), fitCounts.end()) - fitCounts.begin());

    const auto d = static_cast<std::int64_t>(points.cols);
    auto gather = [&](const std::vector<std::size_t>& rows, torch::Tensor& x, torch::Tensor& y) {
        x = torch::empty({static_cast<std::int64_t>(rows.size()), d}, torch::kFloat64);
        y = torch::empty({static_cast<std::int64_t>(rows.size())}, torch::kInt64);
        auto xs = x.accessor<double, 2>();
        auto ys = y.accessor<std::int64_t, 1>();
        for (std::size_t r = 0; r < rows.size(); ++r) {
            for (std::int64_t c = 0; c < d; ++c)
                xs[static_cast<std::int64_t>(r)][c] = points.at(rows[r], static_cast<std::size_t>(c));
            ys[static_cast<std::int64_t>(r)] = index[labels[rows[r]]];
        }
    };
    torch::Tensor xFit, yFit, xTest, yTest;
    gather(fit, xFit, yFit);
    gather(test, xTest, yTest);
    const torch::Tensor mean = xFit.mean(0);
    const torch::Tensor sd = xFit.std(0, /*unbiased=*/false).clamp_min(1e-12);
    xFit = (xFit - mean) / sd;
    xTest = (xTest - mean) / sd;

    torch::NoGradGuard outer;
    const auto classes = static_cast<std::int64_t>(index.size());
    torch::Tensor weight = torch::zeros({d, classes}, torch::kFloat64).requires_grad_(true);
    torch::Tensor bias = torch::zeros({classes}, torch::kFloat64).requires_grad_(true);
    torch::optim::LBFGS optimiser({weight, bias}, torch::optim::LBFGSOptions(1.0)
                                                      .max_iter(options.iterations)
                                                      .history_size(20)
                                                      .line_search_fn("strong_wolfe"));
    auto loss = [&] {
        torch::AutoGradMode enabled(true);
        optimiser.zero_grad();
        torch::Tensor value = torch::nn::functional::cross_entropy(torch::addmm(bias, xFit, weight), yFit) +
                              0.5 * options.l2 * weight.pow(2).sum();
        value.backward();
        return value;
    };
    optimiser.step(loss);

    const torch::Tensor predicted = torch::addmm(bias, xTest, weight).argmax(1);
    result.accuracy = predicted.eq(yTest).to(torch::kFloat64).mean().item<double>();
    result.majorityAccuracy = yTest.eq(majority).to(torch::kFloat64).mean().item<double>();
    return result;
}

}  // namespace bridgelc
