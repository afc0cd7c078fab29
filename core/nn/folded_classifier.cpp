#include "core/nn/folded_classifier.h"

#include <algorithm>
#include <stdexcept>

#include "core/nn/positional_encoding.h"

namespace bridgelc {

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
    Dense dense;
    dense.weightT = weight.t().to(torch::kFloat).contiguous();
    dense.bias = bias.to(torch::kFloat).contiguous();
    dense.withBias = torch::cat({dense.weightT, dense.bias.unsqueeze(0)}, 0).contiguous();
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

namespace {

/// A block buffer of `columns` values per row plus a last column of ones, which multiplies a layer's bias
/// row (Dense::withBias): the bias then costs no pass of its own.
torch::Tensor withOnesColumn(std::int64_t rows, std::int64_t columns) {
    torch::Tensor buffer = torch::empty({rows, columns + 1});
    buffer.narrow(1, columns, 1).fill_(1.0f);
    return buffer;
}

}  // namespace

FoldedClassifier::Workspace::Workspace(const NetworkShape& shape) {
    const std::int64_t dims = static_cast<std::int64_t>(kPositionalEncodingDims), rows = kBlockRows;
    branchInput = withOnesColumn(rows, shape.branchInputs());
    encodingHidden = withOnesColumn(rows, shape.hidden);
    learnedEncoding = torch::empty({rows, dims});
    activations[0] = withOnesColumn(rows, shape.hidden);
    activations[1] = withOnesColumn(rows, shape.hidden);
    logits = torch::empty({rows, shape.classes});
}

void FoldedClassifier::probabilities(const float* inputs, const float* encoding, std::int64_t rows,
                                     float* out, Workspace& workspace) const {
    if (rows <= 0) return;
    if (rows > kBlockRows) throw std::invalid_argument("FoldedClassifier: more rows than one block");
    c10::InferenceMode inference;
    const std::int64_t features = m_shape.features, classes = m_shape.classes, hidden = m_shape.hidden;
    const std::int64_t dims = static_cast<std::int64_t>(kPositionalEncodingDims);
    // Buffers are narrowed to the block's rows: a shorter last block uses their leading rows. Layers write
    // all columns but the ones column of the buffer they fill.
    torch::Tensor input = workspace.branchInput.narrow(0, 0, rows);
    input.narrow(1, 0, features).copy_(torch::from_blob(const_cast<float*>(inputs), {rows, features}));
    if (m_shape.usesEncoding()) {
        const torch::Tensor fixed = torch::from_blob(const_cast<float*>(encoding), {rows, dims});
        torch::Tensor encodingColumns = input.narrow(1, features, dims);
        if (m_positional.empty()) {
            encodingColumns.copy_(fixed);
        } else {
            torch::Tensor h = workspace.encodingHidden.narrow(0, 0, rows);
            torch::Tensor hidden0 = h.narrow(1, 0, hidden);
            torch::addmm_out(hidden0, m_positional[0].bias, fixed, m_positional[0].weightT);
            hidden0.relu_();
            torch::Tensor learned = workspace.learnedEncoding.narrow(0, 0, rows);
            torch::mm_out(learned, h, m_positional[1].withBias);
            torch::sigmoid_out(encodingColumns, learned);
        }
    }
    torch::Tensor previous = input;
    for (std::size_t i = 0; i < m_invariant.size(); ++i) {
        torch::Tensor next = workspace.activations[i % 2].narrow(0, 0, rows);
        torch::Tensor values = next.narrow(1, 0, hidden);
        torch::mm_out(values, previous, m_invariant[i].withBias);
        values.relu_();
        previous = next;
    }
    torch::Tensor classLogits = workspace.logits.narrow(0, 0, rows);
    torch::mm_out(classLogits, previous, m_head.withBias);
    torch::Tensor probabilities = torch::from_blob(out, {rows, classes});
    torch::_softmax_out(probabilities, classLogits, 1, false);
}

}  // namespace bridgelc
