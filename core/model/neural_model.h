#pragma once
#include <memory>

#include "core/model/model.h"
#include "core/nn/location_input.h"

namespace bridgelc {

/// Which parts of the BRIDGE-LC architecture a neural model has; every ablation is one combination.
struct NeuralVariant {
    LocationInput location = LocationInput::None;
    bool regionBranch = false;  ///< f_spec with the region head (disentanglement)
    bool contrastive = false;   ///< SupCon between the two branches (needs regionBranch)
    /// Location dropout by region used when the settings leave TrainingSettings::locationDropout at 0 (a
    /// default of the model, not a tuned value).
    double locationDropout = 0.0;
    /// Gradient reversal lambda of a region adversary on f_inv used when the settings leave
    /// TrainingSettings::adversarialWeight at 0; 0 = no adversary (needs regionBranch).
    double adversarialWeight = 0.0;
    /// > 0: a TabM-mini efficient ensemble of that many members instead of f_inv (no region branch).
    std::int64_t members = 0;
    /// > 0: periodic numeric embeddings of the features, this many values per feature, before the branches.
    std::int64_t numericWidth = 0;
};

/// A LibTorch network of the BRIDGE-LC family (the full model, its ablations and the MLP baselines), trained
/// by core/train's TorchTrainer. Features are scaled with training statistics stored in the metadata; the
/// network itself stays behind a pimpl so this header is torch-free.
class NeuralModel : public Model {
public:
    NeuralModel(const ModelInfo& info, NeuralVariant variant);
    ~NeuralModel() override;

    FitResult fit(const TrainingData& data, const TrainingSettings& settings,
                  TrainingObserver& observer) override;
    std::vector<float> predictProba(const float* features, const double* lon, const double* lat,
                                    std::size_t n) const override;
    void saveWeights(std::ostream& out) const override;
    void loadWeights(std::istream& in) override;
    std::size_t parameterCount() const override;

    const NeuralVariant& variant() const { return m_variant; }
    /// Output of the location input (learned: 128 sigmoid values; fixed: the sinusoid) for n points, n x 128;
    /// empty for models without a positional encoding.
    std::vector<float> positionalEncoding(const double* lon, const double* lat, std::size_t n) const;
    /// The last hidden layer (256 values per point, n x 256) of the region-invariant branch, or of the
    /// region-specific branch when `specific` (empty for models without one): the vectors SupCon separates.
    std::vector<float> embeddings(const float* features, const double* lon, const double* lat, std::size_t n,
                                  bool specific = false) const;
    /// An independent trained copy with the same weights.
    std::shared_ptr<NeuralModel> clone() const;

    struct Impl;  ///< the LibTorch side (core/model/neural_model.cpp)

protected:
    void rebuild() override;

private:
    NeuralVariant m_variant;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace bridgelc
