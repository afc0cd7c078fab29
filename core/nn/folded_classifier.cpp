#include "core/nn/folded_classifier.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "core/nn/positional_encoding.h"

namespace bridgelc {

namespace {

/// The Fortran BLAS single-precision multiply of the process: LibTorch's own BLAS (OpenBLAS through Debian's
/// libblas alternative), looked up at run time as LibTorch does not export its BLAS to its users.
using Sgemm = void (*)(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);

Sgemm processSgemm() {
    static const auto sgemm = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
    return sgemm;
}

/// Copies `rows` rows of `columns` floats between buffers of the given row strides; a stride of 0 repeats
/// one source row (a bias) into every row.
void copyRows(const float* from, std::int64_t fromStride, std::int64_t rows, std::int64_t columns, float* to,
              std::int64_t toStride) {
    for (std::int64_t r = 0; r < rows; ++r)
        std::memcpy(to + r * toStride, from + r * fromStride,
                    static_cast<std::size_t>(columns) * sizeof(float));
}

// One copy for AVX2 machines (8 lanes), one for the x86-64 baseline (4), chosen when the program loads.
__attribute__((target_clones("avx2", "default"))) void relu(float* values, std::int64_t count) {
    // Fixed-width inner loop: vectorised at -O2, where a loop of unknown length is not.
    constexpr std::int64_t lanes = 16;
    std::int64_t i = 0;
    for (; i + lanes <= count; i += lanes)
        for (std::int64_t j = 0; j < lanes; ++j)
            values[i + j] = values[i + j] > 0.0f ? values[i + j] : 0.0f;
    for (; i < count; ++i)
        values[i] = values[i] > 0.0f ? values[i] : 0.0f;
}

}  // namespace

FoldedClassifier::Dense FoldedClassifier::fold(const torch::nn::Linear& linear,
                                               const torch::nn::BatchNorm1d* norm) {
    torch::NoGradGuard noGrad;
    torch::Tensor weight = linear->weight.detach().to(torch::kDouble);
    torch::Tensor bias = linear->bias.detach().to(torch::kDouble);
    if (norm) {
        const auto& bn = *norm;
        const torch::Tensor scale =
            bn->weight.detach().to(torch::kDouble) /
            torch::sqrt(bn->running_var.detach().to(torch::kDouble) + bn->options.eps());
        weight = weight * scale.unsqueeze(1);
        bias = (bias - bn->running_mean.detach().to(torch::kDouble)) * scale +
               bn->bias.detach().to(torch::kDouble);
    }
    const torch::Tensor weightT = weight.t().to(torch::kFloat).contiguous();
    const torch::Tensor biasF = bias.to(torch::kFloat).contiguous();
    Dense dense;
    dense.inputs = weightT.size(0);
    dense.outputs = weightT.size(1);
    dense.weight.assign(weightT.data_ptr<float>(), weightT.data_ptr<float>() + weightT.numel());
    dense.bias.assign(biasF.data_ptr<float>(), biasF.data_ptr<float>() + biasF.numel());
    return dense;
}

FoldedClassifier::FoldedClassifier(LandCoverNet& net) : m_shape(net->shape) {
    if (net->positional) {
        m_positional.push_back(fold(net->positional->hiddenLayer, &net->positional->norm));
        m_positional.push_back(fold(net->positional->outputLayer, nullptr));
    }
    for (std::size_t i = 0; i < net->invariant->linears.size(); ++i)
        m_invariant.push_back(fold(net->invariant->linears[i], &net->invariant->norms[i]));
    m_head = fold(net->landCoverHead, nullptr);
}

void FoldedClassifier::apply(const Dense& layer, const float* in, std::int64_t inStride, std::int64_t rows,
                             float* out, std::int64_t outStride) {
    // The bias is written first and the product added onto it (beta = 1), which spares the pass in which
    // BLAS would otherwise clear the output (beta = 0).
    copyRows(layer.bias.data(), 0, rows, layer.outputs, out, outStride);
    if (const Sgemm sgemm = processSgemm()) {
        // Row-major out = in x W is column-major out^T = W^T x in^T: BLAS reads both as they lie.
        const int m = static_cast<int>(layer.outputs), n = static_cast<int>(rows),
                  k = static_cast<int>(layer.inputs), ldb = static_cast<int>(inStride),
                  ldc = static_cast<int>(outStride);
        const float one = 1.0f;
        sgemm("N", "N", &m, &n, &k, &one, layer.weight.data(), &m, in, &ldb, &one, out, &ldc);
        return;
    }
    // No Fortran BLAS in the process (a LibTorch built without one): LibTorch's own multiply.
    const torch::Tensor input =
        torch::from_blob(const_cast<float*>(in), {rows, layer.inputs}, {inStride, 1}, torch::kFloat);
    const torch::Tensor weight = torch::from_blob(const_cast<float*>(layer.weight.data()),
                                                  {layer.inputs, layer.outputs}, torch::kFloat);
    torch::Tensor output = torch::from_blob(out, {rows, layer.outputs}, {outStride, 1}, torch::kFloat);
    output.addmm_(input, weight);
}

FoldedClassifier::Workspace::Workspace(const NetworkShape& shape) {
    const auto rowsOf = [](std::int64_t columns) { return static_cast<std::size_t>(kBlockRows * columns); };
    branchInput.resize(rowsOf(shape.branchInputs()));
    encodingHidden.resize(rowsOf(shape.hidden));
    activations[0].resize(rowsOf(shape.hidden));
    activations[1].resize(rowsOf(shape.hidden));
    logits.resize(rowsOf(shape.classes));
}

void FoldedClassifier::probabilities(const float* inputs, const float* encoding, std::int64_t rows,
                                     float* out, Workspace& workspace) const {
    if (rows <= 0) return;
    if (rows > kBlockRows) throw std::invalid_argument("FoldedClassifier: more rows than one block");
    c10::InferenceMode inference;
    const std::int64_t features = m_shape.features, classes = m_shape.classes, hidden = m_shape.hidden;
    const std::int64_t dims = static_cast<std::int64_t>(kPositionalEncodingDims);
    const std::int64_t width = m_shape.branchInputs();
    // The branch input holds each point's features, then its encoding: [x | encoding].
    float* input = workspace.branchInput.data();
    copyRows(inputs, features, rows, features, input, width);
    if (m_shape.usesEncoding()) {
        float* encodingColumns = input + features;
        if (m_positional.empty()) {
            copyRows(encoding, dims, rows, dims, encodingColumns, width);
        } else {
            float* h = workspace.encodingHidden.data();
            apply(m_positional[0], encoding, dims, rows, h, hidden);
            relu(h, rows * hidden);
            apply(m_positional[1], h, hidden, rows, encodingColumns, width);
            torch::Tensor learned =
                torch::from_blob(encodingColumns, {rows, dims}, {width, 1}, torch::kFloat);
            learned.sigmoid_();
        }
    }
    const float* previous = input;
    std::int64_t previousWidth = width;
    for (std::size_t i = 0; i < m_invariant.size(); ++i) {
        float* next = workspace.activations[i % 2].data();
        apply(m_invariant[i], previous, previousWidth, rows, next, hidden);
        relu(next, rows * hidden);
        previous = next;
        previousWidth = hidden;
    }
    float* logits = workspace.logits.data();
    apply(m_head, previous, previousWidth, rows, logits, classes);
    torch::Tensor probabilities = torch::from_blob(out, {rows, classes}, torch::kFloat);
    torch::_softmax_out(probabilities, torch::from_blob(logits, {rows, classes}, torch::kFloat), 1, false);
}

}  // namespace bridgelc
