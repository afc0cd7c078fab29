#pragma once
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/dataset.h"
#include "core/model/feature_scaler.h"
#include "core/model/model_registry.h"
#include "core/train/fit_result.h"
#include "core/train/training_observer.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// The rows of one dataset a model learns from; the referenced objects must outlive the fit() call.
struct TrainingData {
    const Dataset& dataset;
    const std::vector<std::int64_t>& train;
    const std::vector<std::int64_t>& validation;  ///< may be empty: then the last epoch is kept
};

/// What a trained model needs to know about the data it was trained on; saved in every checkpoint.
struct ModelMetadata {
    std::vector<std::string> featureNames;  ///< the d input columns, in order
    std::vector<std::string> classNames;    ///< output classes, in order
    std::vector<int> regionIds;             ///< region head index -> index into biogeographicalRegions()
    std::vector<std::string> regionNames;   ///< names of regionIds
    FeatureScaler scaler;                   ///< training statistics (imputation means only, for trees)
    nlohmann::json settings;                ///< the TrainingSettings of the fit
    nlohmann::json network;                 ///< model-specific shape information
};

/// A land-cover classifier of points: learns from a dataset's features (and coordinates/regions where the
/// model uses them) and returns class probabilities. Every model the product offers implements this interface
/// and is created by name through the registry; LibTorch and XGBoost stay behind it.
class Model {
public:
    explicit Model(const ModelInfo& info) : m_info(info) {}
    virtual ~Model() = default;
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const ModelInfo& info() const { return m_info; }
    const std::string& name() const { return m_info.name; }

    /// Trains from scratch on data.train (validation for model selection / early stopping). Never throws for
    /// training problems: they come back as status Failed with a message.
    virtual FitResult fit(const TrainingData& data, const TrainingSettings& settings,
                          TrainingObserver& observer) = 0;

    /// Class probabilities (n x classCount(), row-major) for raw, unscaled features (n x featureCount(), NaN
    /// allowed: imputed with the training mean) at WGS84 lon/lat degrees. Throws std::logic_error if
    /// untrained.
    virtual std::vector<float> predictProba(const float* features, const double* lon, const double* lat,
                                            std::size_t n) const = 0;

    /// The learned parameters only; metadata() is needed to rebuild the model before loadWeights().
    virtual void saveWeights(std::ostream& out) const = 0;
    /// Reads weights written by saveWeights() into a model whose metadata was set; throws std::runtime_error.
    virtual void loadWeights(std::istream& in) = 0;

    /// Number of learned scalars (network parameters, or tree nodes for tree models).
    virtual std::size_t parameterCount() const = 0;

    /// The model's own importance of each feature where it has one (tree ensembles: XGBoost's total gain);
    /// empty otherwise.
    virtual std::vector<double> totalGain() const { return {}; }

    /// Feature names, scaling statistics, class names, region mapping, settings and network shape as JSON.
    nlohmann::json metadata() const;
    /// Restores metadata() output and rebuilds an untrained model of that shape; throws std::runtime_error
    /// naming the missing or malformed field.
    void setMetadata(const nlohmann::json& metadata);

    const ModelMetadata& meta() const { return m_meta; }
    bool isTrained() const { return m_trained; }
    std::size_t featureCount() const { return m_meta.featureNames.size(); }
    std::size_t classCount() const { return m_meta.classNames.size(); }

protected:
    /// Builds the untrained network/booster from m_meta (called by setMetadata()).
    virtual void rebuild() = 0;
    void requireTrained() const;

    ModelMetadata m_meta;
    bool m_trained = false;

private:
    ModelInfo m_info;
};

}  // namespace bridgelc
