#pragma once
#include <cstddef>
#include <vector>

#include "core/util/float_matrix.h"

namespace bridgelc {

/// A principal component analysis fitted on one matrix: the mean, the leading directions and how much of the
/// variance each explains. Component signs are fixed (the largest loading of each is positive), so the same
/// data always gives the same picture.
struct PcaResult {
    std::vector<float> mean;                     ///< d
    FloatMatrix components;                      ///< k x d, unit rows, by decreasing variance
    std::vector<double> explainedVarianceRatio;  ///< k shares of the total variance
    FloatMatrix scores;                          ///< n x k: the fitted rows projected
};

/// The first `components` principal components of the rows of `data` (LibTorch's symmetric eigensolver on
/// the covariance, in double precision). Throws std::invalid_argument when data has fewer than 2 rows or
/// `components` is 0 or more than its columns.
PcaResult pca(const FloatMatrix& data, std::size_t components);

/// Rows of `data` (same columns as the fit) projected on a fitted PCA: n x k.
FloatMatrix pcaTransform(const PcaResult& fit, const FloatMatrix& data);

}  // namespace bridgelc
