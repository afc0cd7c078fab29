#include "core/nn/fused_blocks.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include <torch/csrc/autograd/custom_function.h>

#include "core/nn/blas_product.h"
#include "core/nn/block_kernels.h"
#include "core/nn/torch_dropout.h"

// The element-wise passes are in core/nn/block_kernels.cpp; the few short loops left here (the bias rows and
// the per-column scale and shift) are built the same way, without contracted multiply-adds.
#pragma GCC optimize("O3", "no-trapping-math", "fp-contract=off")

namespace bridgelc {
namespace {

/// What the blocks need besides the tensors autograd differentiates.
struct BlockState {
    std::vector<torch::Tensor> runningMean, runningVar, batches;
    std::vector<double> momentum, epsilon;
    double dropout = 0;
};

constexpr std::size_t kPerBlock = 4;  // weight, bias, BatchNorm weight, BatchNorm bias

const float* floats(const torch::Tensor& t) {
    return t.data_ptr<float>();
}

struct BlocksFunction : public torch::autograd::Function<BlocksFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 torch::TensorList parameters, const BlockState* state) {
        const std::size_t blocks = state->epsilon.size();
        const std::int64_t n = x.size(0);
        const bool masked = state->dropout > 0;
        std::vector<torch::Tensor> saved{x};
        for (const torch::Tensor& p : parameters)
            saved.push_back(p);
        std::vector<torch::Tensor> preActivations, outputs, statistics;
        torch::Tensor input = x.contiguous();
        for (std::size_t l = 0; l < blocks; ++l) {
            const torch::Tensor weight = parameters[kPerBlock * l].contiguous();
            const std::int64_t h = weight.size(0), k = weight.size(1);
            const float* bias = floats(parameters[kPerBlock * l + 1]);
            const float* gamma = floats(parameters[kPerBlock * l + 2]);
            const float* beta = floats(parameters[kPerBlock * l + 3]);
            // Z = X W^T + b: the bias in every row, then the product added (LibTorch's addmm does the same).
            torch::Tensor z = torch::empty({n, h}, torch::kFloat);
            float* zp = z.data_ptr<float>();
            for (std::int64_t i = 0; i < n; ++i)
                std::memcpy(zp + i * h, bias, static_cast<std::size_t>(h) * sizeof(float));
            blasProduct("T", "N", h, n, k, floats(weight), k, floats(input), k, 1.0f, zp, h);

            torch::Tensor stats = torch::empty({2, h}, torch::kDouble);
            double* mean = stats.data_ptr<double>();
            double* invstd = mean + h;
            batchStatistics(zp, n, h, state->epsilon[l], state->momentum[l],
                            state->runningMean[l].data_ptr<float>(), state->runningVar[l].data_ptr<float>(),
                            mean, invstd);
            state->batches[l].data_ptr<std::int64_t>()[0] += 1;

            std::vector<float> alpha(static_cast<std::size_t>(h)), shift(alpha);
            for (std::int64_t j = 0; j < h; ++j) {
                alpha[j] = static_cast<float>(invstd[j] * gamma[j]);
                shift[j] = static_cast<float>(beta[j] - mean[j] * invstd[j] * gamma[j]);
            }
            torch::Tensor y = torch::empty({n, h}, torch::kFloat);
            if (masked) fillDropoutMask(y.data_ptr<float>(), n * h, state->dropout);
            normaliseActivate(zp, n, h, alpha.data(), shift.data(), masked, y.data_ptr<float>());
            preActivations.push_back(z);
            outputs.push_back(y);
            statistics.push_back(stats);
            input = y;
        }
        saved.insert(saved.end(), preActivations.begin(), preActivations.end());
        saved.insert(saved.end(), outputs.begin(), outputs.end());
        saved.insert(saved.end(), statistics.begin(), statistics.end());
        ctx->save_for_backward(saved);
        ctx->saved_data["blocks"] = static_cast<std::int64_t>(blocks);
        ctx->saved_data["scale"] = masked ? 1.0 / (1.0 - state->dropout) : 1.0;
        return input;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const auto blocks = static_cast<std::size_t>(ctx->saved_data["blocks"].toInt());
        const float scale = static_cast<float>(ctx->saved_data["scale"].toDouble());
        torch::autograd::variable_list grads(1 + kPerBlock * blocks + 1);
        if (!gradOutputs[0].defined()) return grads;
        const torch::Tensor x = saved[0].contiguous();
        const std::size_t zAt = 1 + kPerBlock * blocks, yAt = zAt + blocks, statsAt = yAt + blocks;
        const std::int64_t n = x.size(0);
        // The incoming gradient is read, never written (autograd may hand the same tensor to another node);
        // the top block writes its dL/dz into a buffer of its own, the blocks below in place in the gradInput
        // made here.
        const torch::Tensor incoming = gradOutputs[0].contiguous();
        torch::Tensor grad = torch::empty(incoming.sizes(), torch::kFloat);
        const float* from = floats(incoming);
        for (std::size_t l = blocks; l-- > 0;) {
            const torch::Tensor weight = saved[1 + kPerBlock * l].contiguous();
            const std::int64_t h = weight.size(0), k = weight.size(1);
            const double* mean = saved[statsAt + l].data_ptr<double>();
            // Gradients are added to their targets: to a parameter's zeroed .grad() (or to what an earlier
            // backward left there, as autograd accumulates), or to a new zeroed tensor returned below.
            std::array<bool, kPerBlock> direct{};
            std::array<torch::Tensor, kPerBlock> target;
            for (std::size_t q = 0; q < kPerBlock; ++q)
                target[q] = parameterGradientTarget(saved[1 + kPerBlock * l + q],
                                                    ctx->needs_input_grad(1 + kPerBlock * l + q), direct[q]);
            float* g = grad.data_ptr<float>();
            blockBackward(floats(saved[zAt + l]), floats(saved[yAt + l]), n, h, scale, mean, mean + h,
                          floats(saved[1 + kPerBlock * l + 2]), from, g, target[2].data_ptr<float>(),
                          target[3].data_ptr<float>(), target[1].data_ptr<float>());
            const torch::Tensor input = l > 0 ? saved[yAt + l - 1] : x;
            blasProduct("N", "T", k, h, n, floats(input), k, g, h, 1.0f, target[0].data_ptr<float>(), k);
            for (std::size_t q = 0; q < kPerBlock; ++q)
                if (!direct[q]) grads[1 + kPerBlock * l + q] = target[q];
            const bool inputGradient = l > 0 || ctx->needs_input_grad(0);
            torch::Tensor gradInput;
            if (inputGradient) {
                gradInput = torch::empty({n, k}, torch::kFloat);
                blasProduct("N", "N", k, n, h, floats(weight), k, g, h, 0.0f, gradInput.data_ptr<float>(), k);
            }
            // The block's parameters are read no more below; their gradients are complete.
            for (std::size_t q = 0; q < kPerBlock; ++q)
                if (direct[q]) reportParameterDone(saved[1 + kPerBlock * l + q]);
            if (!inputGradient) break;
            if (l == 0) {
                grads[0] = gradInput;
            } else {
                grad = gradInput;
                from = floats(grad);
            }
        }
        return grads;
    }
};

bool fusable(const torch::Tensor& x, const std::vector<torch::nn::Linear>& linears,
             const std::vector<torch::nn::BatchNorm1d>& norms, double dropout) {
    if (x.dim() != 2 || x.scalar_type() != torch::kFloat || !x.device().is_cpu() || x.size(0) < 2 ||
        linears.empty() || linears.size() != norms.size() || dropout < 0 || dropout >= 1)
        return false;
    std::int64_t width = x.size(1);
    for (std::size_t l = 0; l < linears.size(); ++l) {
        const auto& linear = linears[l];
        const auto& norm = norms[l];
        if (!linear->bias.defined() || linear->weight.scalar_type() != torch::kFloat ||
            linear->weight.size(1) != width || !norm->options.momentum().has_value() ||
            !norm->options.affine() || !norm->options.track_running_stats() ||
            norm->weight.size(0) != linear->weight.size(0) || !norm->running_mean.is_contiguous() ||
            !norm->running_var.is_contiguous())
            return false;
        width = linear->weight.size(0);
    }
    return true;
}

}  // namespace

torch::Tensor fusedTrainingBlocks(const torch::Tensor& x, const std::vector<torch::nn::Linear>& linears,
                                  const std::vector<torch::nn::BatchNorm1d>& norms, double dropout) {
    if (!fusable(x, linears, norms, dropout)) return torch::Tensor();
    BlockState state;
    state.dropout = dropout;
    std::vector<torch::Tensor> parameters;
    for (std::size_t l = 0; l < linears.size(); ++l) {
        parameters.push_back(linears[l]->weight);
        parameters.push_back(linears[l]->bias);
        parameters.push_back(norms[l]->weight);
        parameters.push_back(norms[l]->bias);
        state.runningMean.push_back(norms[l]->running_mean);
        state.runningVar.push_back(norms[l]->running_var);
        state.batches.push_back(norms[l]->num_batches_tracked);
        state.momentum.push_back(*norms[l]->options.momentum());
        state.epsilon.push_back(norms[l]->options.eps());
    }
    for (const torch::Tensor& p : parameters)
        reportParameterUse(p);
    return BlocksFunction::apply(x, torch::TensorList(parameters), &state);
}

}  // namespace bridgelc
