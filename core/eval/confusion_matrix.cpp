#include "core/eval/confusion_matrix.h"

#include <stdexcept>
#include <string>

namespace bridgelc {

ConfusionMatrix::ConfusionMatrix(std::size_t classes) : m_classes(classes), m_counts(classes * classes, 0) {}

ConfusionMatrix::ConfusionMatrix(const std::vector<int>& truth, const std::vector<int>& predicted,
                                 std::size_t classes)
    : ConfusionMatrix(classes) {
    if (truth.size() != predicted.size())
        throw std::invalid_argument("confusion matrix: " + std::to_string(truth.size()) +
                                    " true labels but " + std::to_string(predicted.size()) + " predictions");
    for (std::size_t i = 0; i < truth.size(); ++i)
        add(truth[i], predicted[i]);
}

void ConfusionMatrix::add(int truth, int predicted, std::size_t count) {
    const auto inRange = [this](int c) { return c >= 0 && static_cast<std::size_t>(c) < m_classes; };
    if (!inRange(truth) || !inRange(predicted))
        throw std::out_of_range("confusion matrix: class pair (" + std::to_string(truth) + ", " +
                                std::to_string(predicted) + ") outside 0.." + std::to_string(m_classes) +
                                " classes");
    m_counts[static_cast<std::size_t>(truth) * m_classes + static_cast<std::size_t>(predicted)] += count;
}

std::size_t ConfusionMatrix::total() const {
    std::size_t sum = 0;
    for (std::size_t c : m_counts)
        sum += c;
    return sum;
}

std::size_t ConfusionMatrix::rowTotal(std::size_t truth) const {
    std::size_t sum = 0;
    for (std::size_t p = 0; p < m_classes; ++p)
        sum += at(truth, p);
    return sum;
}

std::size_t ConfusionMatrix::columnTotal(std::size_t predicted) const {
    std::size_t sum = 0;
    for (std::size_t t = 0; t < m_classes; ++t)
        sum += at(t, predicted);
    return sum;
}

std::size_t ConfusionMatrix::correct() const {
    std::size_t sum = 0;
    for (std::size_t c = 0; c < m_classes; ++c)
        sum += at(c, c);
    return sum;
}

}  // namespace bridgelc
