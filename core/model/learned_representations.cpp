#include "core/model/learned_representations.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "core/model/model.h"
#include "core/model/neural_model.h"

namespace bridgelc {

namespace {

const NeuralModel* neural(const Model& model) {
    return dynamic_cast<const NeuralModel*>(&model);
}

}  // namespace

bool hasLearnedLocationEncoding(const Model& model) {
    const NeuralModel* network = neural(model);
    return network && network->variant().location == LocationInput::LearnedEncoding;
}

FloatMatrix learnedLocationEncoding(const Model& model, const double* lon, const double* lat, std::size_t n) {
    if (!hasLearnedLocationEncoding(model) || n == 0) return {};
    FloatMatrix out;
    out.values = neural(model)->positionalEncoding(lon, lat, n);
    if (out.values.empty()) return {};  // an untrained network of that shape has nothing to show yet
    out.rows = n;
    out.cols = out.values.size() / n;
    return out;
}

bool hasBranchOutputs(const Model& model) {
    const NeuralModel* network = neural(model);
    return network && network->variant().regionBranch;
}

BranchOutputs branchOutputs(const Model& model, const Dataset& dataset,
                            const std::vector<std::int64_t>& rows) {
    if (!hasBranchOutputs(model) || rows.empty()) return {};
    const NeuralModel& network = *neural(model);
    const std::size_t d = dataset.featureCount();
    if (d != model.featureCount())
        throw std::invalid_argument(
            fmt::format("the dataset has {} features, the model was trained on {}", d, model.featureCount()));
    // Gathered once into contiguous blocks: the network reads whole rows of features and coordinates.
    std::vector<float> features(rows.size() * d);
    std::vector<double> lon(rows.size()), lat(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::int64_t row = rows[i];
        if (row < 0 || static_cast<std::size_t>(row) >= dataset.size())
            throw std::out_of_range(
                fmt::format("row {} is outside the dataset ({} points)", row, dataset.size()));
        std::copy(dataset.row(static_cast<std::size_t>(row)), dataset.row(static_cast<std::size_t>(row)) + d,
                  features.begin() + static_cast<std::ptrdiff_t>(i * d));
        lon[i] = dataset.lon[static_cast<std::size_t>(row)];
        lat[i] = dataset.lat[static_cast<std::size_t>(row)];
    }
    BranchOutputs out;
    for (const bool specific : {false, true}) {
        FloatMatrix& m = specific ? out.specific : out.invariant;
        m.values = network.embeddings(features.data(), lon.data(), lat.data(), rows.size(), specific);
        m.rows = rows.size();
        m.cols = m.values.size() / rows.size();
    }
    return out;
}

std::string whyNoBranchOutputs(const Model& model) {
    if (hasBranchOutputs(model)) return {};
    const std::string name = model.info().displayName;
    if (model.info().isTree)
        return name +
               " is a tree ensemble: it has no network branches. The Embeddings view shows the "
               "region-invariant "
               "and region-specific branches of BRIDGE-LC and its disentangling variants.";
    return name +
           " has a single branch (no region-specific branch), so there is no disentanglement to show. Train "
           "BRIDGE-LC or one of its disentangling variants to compare the two branches.";
}

}  // namespace bridgelc
