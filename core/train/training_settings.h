#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace bridgelc {

/// How cross-entropy terms weight the classes.
enum class ClassWeighting {
    None,             ///< plain cross-entropy (the authors' code)
    InverseFrequency  ///< weight_c proportional to 1/count_c, normalised to mean 1 (the paper's "weighted")
};

/// How spectral features are scaled with training statistics (never for tree models).
enum class FeatureScaling {
    MinMax,  ///< to [0, 1], as the paper
    ZScore   ///< zero mean, unit variance
};

/// Every hyper-parameter of a training run; saved with the run.
struct TrainingSettings {
    std::string preset = "laptop";  ///< "laptop" or "paper"; informative once values are changed
    int epochs = 40;
    int batchSize = 128;
    double learningRate = 1e-3;      ///< laptop: 1e-3 so 40 epochs converge; paper: 1e-4 over 500 epochs
    double weightDecay = 1e-2;       ///< AdamW default
    bool cosineSchedule = true;      ///< cosine annealing to 0 over `epochs`
    bool earlyStopping = true;       ///< on validation weighted F1
    int patience = 8;                ///< epochs without improvement before stopping
    double emaMomentum = 0.0;        ///< 0 disables; the paper preset uses 0.95 from half-way
    double contrastiveWeight = 1.0;  ///< lambda of SupCon
    double contrastiveTemperature = 0.07;
    /// laptop: none, which on validation beat inverse-frequency weights for BRIDGE-LC and both MLPs
    /// by 1.5-2.1 points of weighted F1 (docs/results/level1-checks); paper: inverse-frequency, as the
    /// paper's text says
    ClassWeighting classWeighting = ClassWeighting::None;
    FeatureScaling scaling = FeatureScaling::MinMax;
    int threads = 1;  ///< OpenBLAS threads; one leaves the desktop app a core (the CLI uses every core)
    std::uint64_t seed = 0;
    // Tree models
    int trees = 130;           ///< random forest trees / boosting rounds
    int treeMaxDepth = 0;      ///< 0 = unlimited (forest) or library default (boosting)
    int boostingRounds = 300;  ///< gradient boosting: maximum rounds
    double boostingLearningRate = 0.1;
    int boostingEarlyStoppingRounds = 20;  ///< rounds without better validation mlogloss (when earlyStopping)
    // Loss weights and network size of the neural models; the defaults are the paper's.
    double landCoverWeight = 1.0;  ///< weight of the land-cover cross-entropy in the training loss
    double regionWeight = 1.0;     ///< weight of the region cross-entropy (models with a region branch)
    double dropout = 0.5;          ///< dropout of every hidden layer
    int hidden = 256;              ///< width of every hidden layer of the branches
    int layers = 3;                ///< hidden layers per branch
    // Candidates beyond the paper
    /// Probability per mini-batch of hiding the location input of every point of one training region of the
    /// batch (core/nn/region_location_dropout.h); 0 = off, or the model's own default where it has one.
    double locationDropout = 0.0;
    /// Lambda of the gradient reversal between the region-invariant branch and its region adversary; 0 = no
    /// adversary (or the model's own default where it has one).
    double adversarialWeight = 0.0;

    /// The paper's settings: 500 epochs, no early stopping, EMA 0.95 from half-way, AdamW 1e-4, cosine, batch
    /// 128.
    static TrainingSettings paper();
    /// Finishes on a laptop in minutes: 40 epochs with early stopping, same optimiser (AdamW, cosine) at a
    /// 10x larger learning rate and plain cross-entropy; on the ELC10 table (BRIDGE-LC, EXTRAP, seed 0) it
    /// reached test weighted F1 0.909 in 112 s against 0.904 for the paper preset in 1,445 s
    /// (docs/results/presets).
    static TrainingSettings laptop();
};

const char* classWeightingName(ClassWeighting weighting);  ///< "none" / "inverse-frequency"
const char* featureScalingName(FeatureScaling scaling);    ///< "min-max" / "z-score"

/// JSON form saved with runs and checkpoints (nlohmann ADL hooks: `json j = settings;`). from_json keeps the
/// defaults of missing fields and throws nlohmann::json::exception for values of the wrong type.
void to_json(nlohmann::json& json, const TrainingSettings& settings);
void from_json(const nlohmann::json& json, TrainingSettings& settings);

}  // namespace bridgelc
