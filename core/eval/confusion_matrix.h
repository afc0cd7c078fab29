#pragma once
#include <cstddef>
#include <vector>

namespace bridgelc {

/// Counts of (true class, predicted class) pairs; rows are true classes, columns predictions.
class ConfusionMatrix {
public:
    explicit ConfusionMatrix(std::size_t classes = 0);
    ConfusionMatrix(const std::vector<int>& truth, const std::vector<int>& predicted, std::size_t classes);

    void add(int truth, int predicted, std::size_t count = 1);
    std::size_t classes() const { return m_classes; }
    std::size_t at(std::size_t truth, std::size_t predicted) const {
        return m_counts[truth * m_classes + predicted];
    }
    std::size_t total() const;
    /// Points on the diagonal (predicted as their true class).
    std::size_t correct() const;
    std::size_t rowTotal(std::size_t truth) const;
    std::size_t columnTotal(std::size_t predicted) const;

private:
    std::size_t m_classes;
    std::vector<std::size_t> m_counts;
};

}  // namespace bridgelc
