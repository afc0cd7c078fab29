#pragma once
#include <cstddef>
#include <vector>

namespace bridgelc {

/// A dense rows x cols block of floats, row-major: what core hands to ui where a tensor would otherwise
/// cross (embeddings, encodings, projections), so no header ui includes needs LibTorch.
struct FloatMatrix {
    std::vector<float> values;  ///< rows * cols, row-major
    std::size_t rows = 0, cols = 0;

    FloatMatrix() = default;
    FloatMatrix(std::size_t rows_, std::size_t cols_) : values(rows_ * cols_), rows(rows_), cols(cols_) {}

    bool empty() const { return rows == 0 || cols == 0; }
    float at(std::size_t row, std::size_t col) const { return values[row * cols + col]; }
    float& at(std::size_t row, std::size_t col) { return values[row * cols + col]; }
    const float* row(std::size_t r) const { return values.data() + r * cols; }
};

}  // namespace bridgelc
