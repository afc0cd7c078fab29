#include "core/embed/pca.h"

#include <fmt/format.h>
#include <torch/torch.h>

#include <stdexcept>

namespace bridgelc {

namespace {

torch::Tensor asTensor(const FloatMatrix& m) {
    // from_blob does not copy; the caller's matrix outlives every use below.
    return torch::from_blob(const_cast<float*>(m.values.data()),
                            {static_cast<std::int64_t>(m.rows), static_cast<std::int64_t>(m.cols)},
                            torch::kFloat);
}

FloatMatrix toMatrix(const torch::Tensor& t) {
    const torch::Tensor f = t.to(torch::kFloat).contiguous();
    FloatMatrix m(static_cast<std::size_t>(f.size(0)), static_cast<std::size_t>(f.size(1)));
    std::copy(f.data_ptr<float>(), f.data_ptr<float>() + f.numel(), m.values.begin());
    return m;
}

}  // namespace

PcaResult pca(const FloatMatrix& data, std::size_t components) {
    if (data.rows < 2)
        throw std::invalid_argument(fmt::format("PCA needs at least 2 rows, got {}", data.rows));
    if (components == 0 || components > data.cols)
        throw std::invalid_argument(
            fmt::format("PCA of {} columns cannot have {} components", data.cols, components));
    c10::InferenceMode inference;
    const torch::Tensor x = asTensor(data).to(torch::kDouble);
    const torch::Tensor mean = x.mean(0);
    const torch::Tensor centred = x - mean;
    // Covariance and its eigenvectors: d x d whatever n, so a 200,000-cell grid costs one matrix product.
    const torch::Tensor covariance = centred.t().mm(centred) / static_cast<double>(data.rows - 1);
    auto [values, vectors] = torch::linalg::eigh(covariance, "L");  // ascending eigenvalues
    const std::int64_t k = static_cast<std::int64_t>(components);
    const torch::Tensor order = torch::arange(static_cast<std::int64_t>(data.cols) - 1, -1, -1, torch::kLong);
    values = values.index_select(0, order).clamp_min(0.0);
    torch::Tensor directions = vectors.index_select(1, order).narrow(1, 0, k).t().contiguous();  // k x d
    // Sign convention (as scikit-learn's svd_flip): the largest absolute loading of each component positive.
    const torch::Tensor largest = directions.abs().argmax(1, true);
    const torch::Tensor signs = directions.gather(1, largest).sign().clamp_min(0.0) * 2 - 1;
    directions = directions * signs;

    PcaResult result;
    result.mean.resize(data.cols);
    const torch::Tensor meanFloat = mean.to(torch::kFloat).contiguous();
    std::copy(meanFloat.data_ptr<float>(), meanFloat.data_ptr<float>() + data.cols, result.mean.begin());
    result.components = toMatrix(directions);
    const double total = values.sum().item<double>();
    for (std::int64_t i = 0; i < k; ++i)
        result.explainedVarianceRatio.push_back(total > 0 ? values[i].item<double>() / total : 0.0);
    result.scores = toMatrix(centred.mm(directions.t()));
    return result;
}

FloatMatrix pcaTransform(const PcaResult& fit, const FloatMatrix& data) {
    if (data.cols != fit.mean.size())
        throw std::invalid_argument(
            fmt::format("PCA was fitted on {} columns, the data has {}", fit.mean.size(), data.cols));
    if (data.rows == 0) return FloatMatrix(0, fit.components.rows);
    c10::InferenceMode inference;
    const torch::Tensor mean = torch::from_blob(const_cast<float*>(fit.mean.data()),
                                                {static_cast<std::int64_t>(fit.mean.size())}, torch::kFloat);
    return toMatrix((asTensor(data) - mean).mm(asTensor(fit.components).t()));
}

}  // namespace bridgelc
