#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/aoa/area_of_applicability.h"

namespace bridgelc {

class Model;
struct Dataset;

/// Repeats of each feature's permutation: enough for a stable ranking at ~35 features, cheap next to
/// training.
inline constexpr int kPermutationRepeats = 3;
/// Validation points permutation importance uses at most (a seeded sample of them).
inline constexpr std::size_t kPermutationPoints = 2000;

/// The importance that weights the area of applicability: the model's own (tree ensembles: XGBoost's total
/// gain) when it has one; otherwise permutation importance on `validation`: the mean drop in weighted F1 when
/// one feature's column is shuffled, `repeats` times per feature, seeded, on at most kPermutationPoints of
/// them. Validation rows without a known
/// class are left out; with none left every feature weighs the same (kind "equal").
AoaWeights featureImportance(const Model& model, const Dataset& dataset,
                             const std::vector<std::int64_t>& validation, std::uint64_t seed,
                             int repeats = kPermutationRepeats);

}  // namespace bridgelc
