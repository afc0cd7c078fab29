#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/aoa/area_of_applicability.h"
#include "core/model/model.h"

namespace bridgelc {

/// Registry name of the gated ensemble.
inline constexpr char kAoaGatedModelName[] = "aoa-gated";

/// Two models and a gate: BRIDGE-LC (location-aware) answers for points inside the area of applicability of
/// its training data, the location-free MLP for points outside it, where learned coordinates are known to
/// mislead (Meyer et al. 2019). The gate is the product's own area of applicability (core/aoa), built on the
/// training rows with BRIDGE-LC's permutation importance and spatial-block folds, and saved with the weights.
class AoaGatedModel : public Model {
public:
    explicit AoaGatedModel(const ModelInfo& info);
    ~AoaGatedModel() override;

    /// Trains BRIDGE-LC, then the MLP, with the same settings, then builds the gate. The MLP's epochs are not
    /// reported (the curves show BRIDGE-LC's); a failure of either fails the fit.
    FitResult fit(const TrainingData& data, const TrainingSettings& settings,
                  TrainingObserver& observer) override;
    std::vector<float> predictProba(const float* features, const double* lon, const double* lat,
                                    std::size_t n) const override;
    void saveWeights(std::ostream& out) const override;
    void loadWeights(std::istream& in) override;
    std::size_t parameterCount() const override;

    /// Whether each point lies inside the gate's area of applicability (so BRIDGE-LC answers for it).
    std::vector<bool> insideGate(const float* features, std::size_t n) const;
    const Model& locationAware() const { return *m_located; }
    const Model& locationFree() const { return *m_free; }
    const AreaOfApplicability* gate() const { return m_gate.get(); }

    /// Combines trained parts into a trained gated model (for tests and for reuse of models already fitted):
    /// both models must share features and classes, the gate the features.
    void assemble(std::unique_ptr<Model> locationAware, std::unique_ptr<Model> locationFree,
                  std::shared_ptr<const AreaOfApplicability> gate);

protected:
    void rebuild() override;

private:
    void adoptMetadata();

    std::unique_ptr<Model> m_located, m_free;
    std::shared_ptr<const AreaOfApplicability> m_gate;
};

/// Registers the gated model's factory with the model registry (idempotent); returns true.
bool registerAoaGatedModel();

}  // namespace bridgelc
