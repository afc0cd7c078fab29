#include "core/nn/tabm.h"

#include <cmath>
#include <string>

#include "core/nn/torch_dropout.h"

namespace bridgelc {

TabMImpl::TabMImpl(std::int64_t inputs, std::int64_t hidden, int layers, double dropout_,
                   std::int64_t classes, std::int64_t members_)
    : members(members_), dropout(dropout_) {
    // Random signs, as TabM initialises its first adapter: members start as different views of the input.
    adapter = register_parameter("adapter", torch::randint(0, 2, {members, inputs}, torch::kFloat) * 2 - 1);
    for (int i = 0; i < layers; ++i)
        linears.push_back(register_module("linear" + std::to_string(i),
                                          torch::nn::Linear(i == 0 ? inputs : hidden, hidden)));
    // The default initialisation of a Linear(hidden, classes), once per member.
    const double bound = 1.0 / std::sqrt(static_cast<double>(hidden));
    headWeight =
        register_parameter("headWeight", torch::empty({members, hidden, classes}).uniform_(-bound, bound));
    headBias = register_parameter("headBias", torch::empty({members, classes}).uniform_(-bound, bound));
}

torch::Tensor TabMImpl::memberLogits(const torch::Tensor& x) {
    torch::Tensor h = x.unsqueeze(1) * adapter.unsqueeze(0);  // B x k x inputs
    for (auto& linear : linears) {
        h = linear->forward(h);
        h.relu_();
        if (is_training() && dropout > 0) h = fastDropout(h, dropout);
    }
    // Per member: B x hidden times hidden x classes.
    return torch::matmul(h.transpose(0, 1), headWeight).transpose(0, 1) + headBias.unsqueeze(0);
}

torch::Tensor TabMImpl::forward(const torch::Tensor& x) {
    return logMeanProbability(memberLogits(x));
}

torch::Tensor logMeanProbability(const torch::Tensor& memberLogits) {
    const double members = static_cast<double>(memberLogits.size(1));
    return torch::logsumexp(torch::log_softmax(memberLogits, 2), 1) - std::log(members);
}

}  // namespace bridgelc
