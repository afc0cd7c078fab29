#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/embed/linear_probe.h"
#include "core/embed/sample_rows.h"
#include "core/embed/reduction_control.h"
#include "core/util/float_matrix.h"

namespace bridgelc {

class Model;

/// One branch of BRIDGE-LC seen in 2-D, and how it groups the points in its full 256 dimensions.
struct BranchView {
    FloatMatrix pca;                       ///< n x 2
    FloatMatrix tsne;                      ///< n x 2; empty until computed
    std::array<double, 2> pcaExplained{};  ///< variance share of PC1 and PC2
    double classAgreement = 0;             ///< k-NN class agreement in 256-d
    double regionAgreement = 0;            ///< k-NN region agreement in 256-d
    ProbeResult classProbe, regionProbe;   ///< linear probes in 256-d, scored on held-out points
};

/// What the Embeddings view shows of one run: the sampled test points, their class and region, and both
/// branches. Plain values, made in a worker and handed to the GUI thread.
struct EmbeddingSet {
    std::vector<std::int64_t> rows;  ///< sampled dataset rows, ascending
    std::vector<int> classes;        ///< class index per point
    std::vector<int> regions;        ///< biogeographicalRegions() index per point, -1 outside
    std::size_t testPoints = 0;      ///< test points the sample was drawn from
    BranchView invariant, specific;
    double classChance = 0, regionChance = 0;  ///< agreement of a random neighbour
    double prepareSeconds = 0, tsneSeconds = 0;
};

/// Neighbours counted by the agreement numbers.
constexpr int kEmbeddingNeighbours = 10;
/// Points shown at most.
constexpr std::size_t kEmbeddingPointLimit = 5000;

/// Branch outputs of the sampled rows, PCA of each branch and the neighbour agreements (seconds on 5,000
/// points). Throws what branchOutputs() throws.
EmbeddingSet prepareEmbeddings(const Dataset& dataset, const Model& model,
                               const std::vector<std::int64_t>& testRows,
                               std::size_t limit = kEmbeddingPointLimit, std::uint64_t seed = 0);

/// t-SNE of both branches into set.invariant.tsne and set.specific.tsne (progress 0..1 over both); needs the
/// branch outputs again, so takes the model and dataset. False when cancelled (nothing written). The two
/// branches run side by side on two threads; `control` is only called from the calling thread.
bool computeTsne(EmbeddingSet& set, const Dataset& dataset, const Model& model,
                 const ReductionControl& control);

}  // namespace bridgelc
