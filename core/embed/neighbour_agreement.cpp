#include "core/embed/neighbour_agreement.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>

namespace bridgelc {

double neighbourAgreement(const FloatMatrix& points, const std::vector<int>& labels, int k) {
    return neighbourAgreements(points, {labels}, k).front();
}

std::vector<double> neighbourAgreements(const FloatMatrix& points,
                                        const std::vector<std::vector<int>>& labellings, int k) {
    for (const auto& labels : labellings)
        if (labels.size() != points.rows)
            throw std::invalid_argument(fmt::format("{} labels for {} points", labels.size(), points.rows));
    if (k < 1) throw std::invalid_argument("neighbour agreement needs k >= 1");
    std::vector<double> agree(labellings.size(), 0.0), scored(labellings.size(), 0.0);
    const std::int64_t n = static_cast<std::int64_t>(points.rows);
    if (n <= k) return agree;
    c10::InferenceMode inference;
    const torch::Tensor x = torch::from_blob(const_cast<float*>(points.values.data()),
                                             {n, static_cast<std::int64_t>(points.cols)}, torch::kFloat);
    std::vector<torch::Tensor> labelTensors;
    for (const auto& labels : labellings)
        labelTensors.push_back(
            torch::tensor(std::vector<std::int64_t>(labels.begin(), labels.end()), torch::kLong));
    const torch::Tensor norms = (x * x).sum(1);
    // Blocks of rows: the distances of 512 points to all others, never the whole n x n matrix.
    constexpr std::int64_t kBlock = 512;
    for (std::int64_t r0 = 0; r0 < n; r0 += kBlock) {
        const std::int64_t b = std::min(kBlock, n - r0);
        torch::Tensor d = torch::mm(x.narrow(0, r0, b), x.t())
                              .mul_(-2)
                              .add_(norms.unsqueeze(0))
                              .add_(norms.narrow(0, r0, b).unsqueeze(1));
        d.diagonal(r0).fill_(std::numeric_limits<float>::infinity());
        const torch::Tensor nearest = std::get<1>(d.topk(k, 1, /*largest=*/false));
        for (std::size_t l = 0; l < labelTensors.size(); ++l) {
            const torch::Tensor own = labelTensors[l].narrow(0, r0, b).unsqueeze(1);
            const torch::Tensor valid = own.ge(0);
            const torch::Tensor same = labelTensors[l].index({nearest}).eq(own).logical_and(valid);
            agree[l] += same.to(torch::kDouble).sum().item<double>();
            scored[l] += valid.to(torch::kDouble).sum().item<double>() * k;
        }
    }
    for (std::size_t l = 0; l < agree.size(); ++l)
        agree[l] = scored[l] > 0 ? agree[l] / scored[l] : 0.0;
    return agree;
}

double chanceAgreement(const std::vector<int>& labels) {
    std::map<int, double> counts;
    double total = 0;
    for (int label : labels)
        if (label >= 0) {
            counts[label] += 1;
            total += 1;
        }
    double chance = 0;
    for (const auto& [label, count] : counts)
        chance += (count / total) * (count / total);
    return total > 0 ? chance : 0.0;
}

}  // namespace bridgelc
