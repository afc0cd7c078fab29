#pragma once
#include <cstddef>

namespace bridgelc {

/// The mean Euclidean distance over all unordered pairs of distinct rows of a rows x cols row-major matrix,
/// computed exactly: squared distances come from |a|^2 + |b|^2 - 2 a.b with the dot products of whole blocks
/// of rows as one BLAS dgemm call each. 0 when there are fewer than two rows.
double meanPairDistance(const double* matrix, std::size_t rows, std::size_t cols);

}  // namespace bridgelc
