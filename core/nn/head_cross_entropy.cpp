#include "core/nn/head_cross_entropy.h"

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include <torch/csrc/autograd/custom_function.h>

#include "core/nn/blas_product.h"

namespace bridgelc {
namespace {

/// Per row of the rows x classes `logits`: the softmax into `probabilities` (exp of the max-shifted logits,
/// summed in double); returns the loss sum_i w_i (logsumexp_i - logit_{i,y_i}) / sum_i w_i with
/// w_i = weights[y_i] (1 without weights) and sets `weightSum`.
double crossEntropy(const float* logits, std::int64_t rows, std::int64_t classes, const std::int64_t* labels,
                    const float* weights, float* probabilities, double& weightSum) {
    double loss = 0;
    weightSum = 0;
    for (std::int64_t i = 0; i < rows; ++i) {
        const float* row = logits + i * classes;
        float* p = probabilities + i * classes;
        float top = row[0];
        for (std::int64_t c = 1; c < classes; ++c)
            top = row[c] > top || std::isnan(row[c]) ? row[c] : top;
        double sum = 0;
        for (std::int64_t c = 0; c < classes; ++c) {
            p[c] = std::exp(row[c] - top);
            sum += p[c];
        }
        const float inverse = static_cast<float>(1.0 / sum);
        for (std::int64_t c = 0; c < classes; ++c)
            p[c] *= inverse;
        const double w = weights ? weights[labels[i]] : 1.0;
        loss += w * (top + std::log(sum) - row[labels[i]]);
        weightSum += w;
    }
    return loss / weightSum;
}

struct HeadFunction : public torch::autograd::Function<HeadFunction> {
    /// Returns {loss, logits}; the logits carry no gradient.
    static torch::autograd::variable_list forward(torch::autograd::AutogradContext* ctx,
                                                  const torch::Tensor& features, const torch::Tensor& weight,
                                                  const torch::Tensor& bias, const torch::Tensor& labels,
                                                  const torch::Tensor& classWeights) {
        const torch::Tensor x = features.contiguous(), w = weight.contiguous();
        const std::int64_t rows = x.size(0), inputs = x.size(1), classes = w.size(0);
        // Logits = X W^T + b: the bias in every row, then the product added (as LibTorch's addmm).
        torch::Tensor logits = torch::empty({rows, classes}, torch::kFloat);
        float* lp = logits.data_ptr<float>();
        const float* b = bias.data_ptr<float>();
        for (std::int64_t i = 0; i < rows; ++i)
            std::memcpy(lp + i * classes, b, static_cast<std::size_t>(classes) * sizeof(float));
        blasProduct("T", "N", classes, rows, inputs, w.data_ptr<float>(), inputs, x.data_ptr<float>(), inputs,
                    1.0f, lp, classes);
        torch::Tensor probabilities = torch::empty({rows, classes}, torch::kFloat);
        double weightSum = 0;
        const double loss = crossEntropy(lp, rows, classes, labels.data_ptr<std::int64_t>(),
                                         classWeights.numel() > 0 ? classWeights.data_ptr<float>() : nullptr,
                                         probabilities.data_ptr<float>(), weightSum);
        ctx->save_for_backward({x, w, bias, probabilities, labels, classWeights});
        ctx->saved_data["weightSum"] = weightSum;
        ctx->mark_non_differentiable({logits});
        // The logits never receive a gradient: without this autograd would make a zero tensor for theirs
        // on every backward.
        ctx->set_materialize_grads(false);
        return {torch::scalar_tensor(loss, torch::kFloat), logits};
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        if (!gradOutputs[0].defined()) return torch::autograd::variable_list(5);
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0], &w = saved[1], &classWeights = saved[5];
        const std::int64_t rows = x.size(0), inputs = x.size(1), classes = w.size(0);
        const std::int64_t* labels = saved[4].data_ptr<std::int64_t>();
        const float* probabilities = saved[3].data_ptr<float>();
        const float* weights = classWeights.numel() > 0 ? classWeights.data_ptr<float>() : nullptr;
        const double scale = gradOutputs[0].item<double>() / ctx->saved_data["weightSum"].toDouble();
        // dL/dlogits = scale w_i (softmax - one-hot of the label).
        torch::Tensor gradLogits = torch::empty({rows, classes}, torch::kFloat);
        float* g = gradLogits.data_ptr<float>();
        for (std::int64_t i = 0; i < rows; ++i) {
            const float rowScale = static_cast<float>(scale * (weights ? weights[labels[i]] : 1.0));
            const float* p = probabilities + i * classes;
            for (std::int64_t c = 0; c < classes; ++c)
                g[i * classes + c] = rowScale * (c == labels[i] ? p[c] - 1.0f : p[c]);
        }
        torch::autograd::variable_list grads(5);
        bool directWeight = false, directBias = false;
        torch::Tensor gradWeight = parameterGradientTarget(saved[1], ctx->needs_input_grad(1), directWeight);
        torch::Tensor gradBias = parameterGradientTarget(saved[2], ctx->needs_input_grad(2), directBias);
        blasProduct("N", "T", inputs, classes, rows, x.data_ptr<float>(), inputs, g, classes, 1.0f,
                    gradWeight.data_ptr<float>(), inputs);
        float* gb = gradBias.data_ptr<float>();
        for (std::int64_t c = 0; c < classes; ++c) {
            double sum = 0;
            for (std::int64_t i = 0; i < rows; ++i)
                sum += g[i * classes + c];
            gb[c] += static_cast<float>(sum);
        }
        if (!directWeight) grads[1] = gradWeight;
        if (!directBias) grads[2] = gradBias;
        if (ctx->needs_input_grad(0)) {
            torch::Tensor gradFeatures = torch::empty({rows, inputs}, torch::kFloat);
            blasProduct("N", "N", inputs, rows, classes, w.data_ptr<float>(), inputs, g, classes, 0.0f,
                        gradFeatures.data_ptr<float>(), inputs);
            grads[0] = gradFeatures;
        }
        if (directWeight) reportParameterDone(saved[1]);
        if (directBias) reportParameterDone(saved[2]);
        return grads;
    }
};

bool handled(const torch::Tensor& features, const torch::nn::Linear& head, const torch::Tensor& labels,
             const torch::Tensor& weights) {
    const torch::Tensor& w = head->weight;
    const torch::Tensor& b = head->bias;
    return features.dim() == 2 && features.scalar_type() == torch::kFloat && features.device().is_cpu() &&
           features.size(0) > 0 && w.scalar_type() == torch::kFloat && w.dim() == 2 &&
           w.size(1) == features.size(1) && b.defined() && b.is_contiguous() &&
           b.scalar_type() == torch::kFloat && b.numel() == w.size(0) && labels.dim() == 1 &&
           labels.scalar_type() == torch::kLong && labels.is_contiguous() &&
           labels.size(0) == features.size(0) &&
           (!weights.defined() || (weights.scalar_type() == torch::kFloat && weights.is_contiguous() &&
                                   weights.numel() == w.size(0)));
}

}  // namespace

HeadLoss headCrossEntropy(const torch::Tensor& features, const torch::nn::Linear& head,
                          const torch::Tensor& labels, const torch::Tensor& weights) {
    if (!handled(features, head, labels, weights)) return {};
    const std::int64_t classes = head->weight.size(0);
    const std::int64_t* y = labels.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < labels.size(0); ++i)
        if (y[i] < 0 || y[i] >= classes)
            throw std::out_of_range("label " + std::to_string(y[i]) + " is outside the head's " +
                                    std::to_string(classes) + " classes");
    // Autograd functions take defined tensors only: no weights travel as an empty tensor.
    const torch::Tensor classWeights = weights.defined() ? weights : torch::empty({0}, torch::kFloat);
    reportParameterUse(head->weight);
    reportParameterUse(head->bias);
    const auto out = HeadFunction::apply(features, head->weight, head->bias, labels, classWeights);
    return {out[0], out[1]};
}

}  // namespace bridgelc
