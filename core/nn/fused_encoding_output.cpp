#include "core/nn/fused_encoding_output.h"

#include <cstring>
#include <vector>

#include <torch/csrc/autograd/custom_function.h>

#include "core/nn/blas_product.h"

// The element-wise loops below are vectorised at -O3 (-O2 leaves loops of unknown length scalar), with no
// -ffast-math, so every element gets the operations as written.
#pragma GCC optimize("O3", "no-trapping-math")

namespace bridgelc {
namespace {

struct AppendSigmoidFunction : public torch::autograd::Function<AppendSigmoidFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& features,
                                 const torch::Tensor& hidden, const torch::Tensor& weight,
                                 const torch::Tensor& bias) {
        const torch::Tensor f = features.contiguous(), h = hidden.contiguous(), w = weight.contiguous();
        const std::int64_t rows = f.size(0), d = f.size(1), inputs = h.size(1), dims = w.size(0);
        const std::int64_t width = d + dims;
        torch::Tensor out = torch::empty({rows, width}, torch::kFloat);
        float* o = out.data_ptr<float>();
        const float* fp = f.data_ptr<float>();
        const float* b = bias.data_ptr<float>();
        for (std::int64_t i = 0; i < rows; ++i) {
            std::memcpy(o + i * width, fp + i * d, static_cast<std::size_t>(d) * sizeof(float));
            std::memcpy(o + i * width + d, b, static_cast<std::size_t>(dims) * sizeof(float));
        }
        // The layer's product added to the bias, straight into the right-hand columns (row stride `width`).
        blasProduct("T", "N", dims, rows, inputs, w.data_ptr<float>(), inputs, h.data_ptr<float>(), inputs,
                    1.0f, o + d, width);
        out.narrow(1, d, dims).sigmoid_();
        ctx->save_for_backward({h, w, bias, out});
        ctx->saved_data["features"] = d;
        return out;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &h = saved[0], &w = saved[1], &out = saved[3];
        const std::int64_t d = ctx->saved_data["features"].toInt();
        const std::int64_t rows = out.size(0), width = out.size(1), dims = w.size(0), inputs = w.size(1);
        const torch::Tensor grad = gradOutputs[0].contiguous();
        const float* g = grad.data_ptr<float>();
        const float* s = out.data_ptr<float>();
        // dL/d(pre-activation) = dL/dy * s (1 - s), as LibTorch's sigmoid backward.
        torch::Tensor gradPre = torch::empty({rows, dims}, torch::kFloat);
        float* gp = gradPre.data_ptr<float>();
        for (std::int64_t i = 0; i < rows; ++i) {
            const float* gr = g + i * width + d;
            const float* sr = s + i * width + d;
            float* pr = gp + i * dims;
            for (std::int64_t c = 0; c < dims; ++c)
                pr[c] = gr[c] * (1.0f - sr[c]) * sr[c];
        }
        torch::autograd::variable_list grads(4);
        if (ctx->needs_input_grad(0)) grads[0] = grad.narrow(1, 0, d).contiguous();
        bool directWeight = false, directBias = false;
        torch::Tensor gradWeight = parameterGradientTarget(w, ctx->needs_input_grad(2), directWeight);
        torch::Tensor gradBias = parameterGradientTarget(saved[2], ctx->needs_input_grad(3), directBias);
        blasProduct("N", "T", inputs, dims, rows, h.data_ptr<float>(), inputs, gp, dims, 1.0f,
                    gradWeight.data_ptr<float>(), inputs);
        std::vector<double> sums(static_cast<std::size_t>(dims), 0.0);
        for (std::int64_t i = 0; i < rows; ++i)
            for (std::int64_t c = 0; c < dims; ++c)
                sums[c] += gp[i * dims + c];
        float* gb = gradBias.data_ptr<float>();
        for (std::int64_t c = 0; c < dims; ++c)
            gb[c] += static_cast<float>(sums[c]);
        if (!directWeight) grads[2] = gradWeight;
        if (!directBias) grads[3] = gradBias;
        if (ctx->needs_input_grad(1)) {
            torch::Tensor gradHidden = torch::empty({rows, inputs}, torch::kFloat);
            blasProduct("N", "N", inputs, rows, dims, w.data_ptr<float>(), inputs, gp, dims, 0.0f,
                        gradHidden.data_ptr<float>(), inputs);
            grads[1] = gradHidden;
        }
        if (directWeight) reportParameterDone(w);
        if (directBias) reportParameterDone(saved[2]);
        return grads;
    }
};

}  // namespace

torch::Tensor appendSigmoidLayer(const torch::Tensor& features, const torch::Tensor& hidden,
                                 const torch::nn::Linear& output) {
    const torch::Tensor& w = output->weight;
    const torch::Tensor& b = output->bias;
    const bool handled =
        features.dim() == 2 && hidden.dim() == 2 && features.scalar_type() == torch::kFloat &&
        hidden.scalar_type() == torch::kFloat && features.device().is_cpu() && hidden.device().is_cpu() &&
        features.size(0) == hidden.size(0) && w.scalar_type() == torch::kFloat && w.dim() == 2 &&
        w.size(1) == hidden.size(1) && b.defined() && b.is_contiguous() && b.scalar_type() == torch::kFloat;
    if (!handled) return torch::Tensor();
    reportParameterUse(w);
    reportParameterUse(b);
    return AppendSigmoidFunction::apply(features, hidden, w, b);
}

}  // namespace bridgelc
