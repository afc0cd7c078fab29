#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/float_matrix.h"

namespace bridgelc {

class Model;

/// What a trained model learned, for inspection (map and Embeddings view): the learned location encoding and
/// the outputs of BRIDGE-LC's two branches. Free functions over the Model interface, so tree models and
/// networks without these parts simply answer "not available" (false, empty matrices) and ui stays
/// torch-free.

/// True for networks whose location input is the learned PE-MLP (BRIDGE-LC, BRIDGE-LC without SupCon, MLP +
/// learned PE); false for the fixed sinusoid, raw lat/lon, no location and tree models.
bool hasLearnedLocationEncoding(const Model& model);

/// The PE-MLP's output (n x 128, sigmoid values) at WGS84 lon/lat degrees; empty when the model has no
/// learned encoding. Deterministic (evaluation mode). Throws std::logic_error for an untrained model that has
/// one.
FloatMatrix learnedLocationEncoding(const Model& model, const double* lon, const double* lat, std::size_t n);

/// True for networks with both a region-invariant and a region-specific branch (BRIDGE-LC and its
/// disentangling ablations).
bool hasBranchOutputs(const Model& model);

/// The last hidden layer of each branch (rows.size() x 256 each): f_inv, which feeds the land-cover head, and
/// f_spec, which feeds the region head; the vectors SupCon pulls apart.
struct BranchOutputs {
    FloatMatrix invariant;
    FloatMatrix specific;
    bool empty() const { return invariant.empty(); }
};

/// Both branches' outputs for the given dataset rows (features as stored, scaled by the model); empty when
/// the model has no branches. Throws std::invalid_argument when the dataset's feature count differs from the
/// model's, std::out_of_range for a row outside the dataset.
BranchOutputs branchOutputs(const Model& model, const Dataset& dataset,
                            const std::vector<std::int64_t>& rows);

/// Why a model has no branch outputs, in one sentence for a person ("Random forest is a tree ensemble: ...");
/// empty when it has them.
std::string whyNoBranchOutputs(const Model& model);

}  // namespace bridgelc
