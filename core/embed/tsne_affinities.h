#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/embed/tsne.h"

namespace bridgelc {

/// A symmetric sparse matrix of joint affinities p_ij in compressed rows: row i's entries are
/// columns[rowStart[i] .. rowStart[i + 1]) with their values. The values sum to 1 over the whole matrix.
struct SparseAffinities {
    std::vector<std::size_t> rowStart;  ///< n + 1
    std::vector<std::uint32_t> columns;
    std::vector<float> values;

    std::size_t rows() const { return rowStart.empty() ? 0 : rowStart.size() - 1; }
};

/// The input t-SNE works on: `data` reduced to options.pcaDimensions by PCA when wider, centred and scaled
/// into
/// [-1, 1] (as the reference implementation), so the bisection starts near the answer whatever the units.
FloatMatrix preparedTsneInput(const FloatMatrix& data, const TsneOptions& options);

/// Joint affinities from the k = 3 x perplexity nearest neighbours of each row of `x` (faiss exact search):
/// p(j|i) Gaussian with its width found by bisection so that the row's entropy is log(perplexity), then
/// p_ij = (p(j|i) + p(i|j)) / 2n. Progress goes from 0 to `progressEnd`; nullopt when cancelled.
std::optional<SparseAffinities> sparseAffinities(const FloatMatrix& x, double perplexity,
                                                 const ReductionControl& control, double progressEnd);

}  // namespace bridgelc
