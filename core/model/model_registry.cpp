#include "core/model/model_registry.h"

#include <functional>
#include <map>
#include <stdexcept>

#include "core/model/model.h"
#include "core/model/neural_model.h"
#include "core/model/tree_model.h"

namespace bridgelc {
namespace {

struct Entry {
    ModelInfo info;
    std::function<std::unique_ptr<Model>(const ModelInfo&)> create;
};

std::function<std::unique_ptr<Model>(const ModelInfo&)> neural(NeuralVariant variant) {
    return [=](const ModelInfo& info) { return std::make_unique<NeuralModel>(info, variant); };
}

std::function<std::unique_ptr<Model>(const ModelInfo&)> neural(LocationInput location, bool regions,
                                                               bool supcon) {
    return neural(NeuralVariant{location, regions, supcon});
}

/// Location dropout of the candidate model when the settings leave it at 0: a default, not a tuned value.
constexpr double kDefaultLocationDropout = 0.3;
/// Gradient reversal lambda of the adversarial candidate when the settings leave it at 0: DANN's final value
/// (Ganin & Lempitsky 2015), not a tuned one.
constexpr double kDefaultAdversarialWeight = 1.0;
/// TabM's default ensemble size k (Gorishniy et al., ICLR 2025).
constexpr std::int64_t kTabmMembers = 32;
/// Values per feature of the numeric embeddings: d_embedding of Gorishniy et al.'s reference implementation.
constexpr std::int64_t kNumericWidth = 24;

std::function<std::unique_ptr<Model>(const ModelInfo&)> trees(TreeModel::Kind kind) {
    return [=](const ModelInfo& info) { return std::make_unique<TreeModel>(info, kind); };
}

const std::vector<Entry>& entries() {
    using L = LocationInput;
    static const std::vector<Entry> list = {
        {{"bridgelc", "BRIDGE-LC",
          "learned positional encoding, region-invariant and region-specific branches, SupCon", true, true,
          false},
         neural(L::LearnedEncoding, true, true)},
        {{"bridgelc-fixed-pe", "BRIDGE-LC (fixed PE)",
          "BRIDGE-LC with the fixed sinusoid instead of the learned PE", true, true, false},
         neural(L::FixedEncoding, true, true)},
        {{"bridgelc-no-supcon", "BRIDGE-LC (no SupCon)", "BRIDGE-LC trained without the contrastive term",
          true, true, false},
         neural(L::LearnedEncoding, true, false)},
        {{"disentangle-regions", "Region disentanglement",
          "both branches and SupCon on features only, no location", false, true, false},
         neural(L::None, true, true)},
        {{"mlp", "MLP", "one branch and a land-cover head on spectral features only", false, false, false},
         neural(L::None, false, false)},
        {{"mlp-learned-pe", "MLP + learned PE", "MLP on features and the learned positional encoding", true,
          false, false},
         neural(L::LearnedEncoding, false, false)},
        {{"mlp-fixed-pe", "MLP + fixed PE", "MLP on features and the raw 128-d sinusoid", true, false, false},
         neural(L::FixedEncoding, false, false)},
        {{"mlp-latlon", "MLP + lat/lon", "MLP on features plus scaled longitude and latitude", true, false,
          false},
         neural(L::LatLon, false, false)},
        {{"bridgelc-region-dropout", "BRIDGE-LC + region location dropout",
          "BRIDGE-LC whose training hides the location of one training region of a mini-batch at a time "
          "(p = 0.3 unless set), so it keeps a strong location-free path for regions it never saw",
          true, true, false},
         neural(NeuralVariant{L::LearnedEncoding, true, true, kDefaultLocationDropout})},
        {{"bridgelc-adversarial", "BRIDGE-LC + region adversary",
          "BRIDGE-LC with a region classifier on the region-invariant branch behind gradient reversal "
          "(lambda = 1 unless set), so that branch learns to hide the region",
          true, true, false},
         neural(NeuralVariant{L::LearnedEncoding, true, true, 0.0, kDefaultAdversarialWeight})},
        {{"tabm", "TabM (MLP ensemble)",
          "TabM-mini: 32 MLPs sharing one backbone, each with its own input scaling and head, on spectral "
          "features only; the mean of their probabilities",
          false, false, false},
         neural(NeuralVariant{L::None, false, false, 0.0, 0.0, kTabmMembers})},
        {{"mlp-numeric", "MLP + numeric embeddings",
          "MLP on spectral features only, each feature first turned into 24 learned periodic responses "
          "(PLR embeddings, Gorishniy et al. 2022)",
          false, false, false},
         neural(NeuralVariant{L::None, false, false, 0.0, 0.0, 0, kNumericWidth})},
        {{"bridgelc-numeric", "BRIDGE-LC + numeric embeddings",
          "BRIDGE-LC whose branches read each spectral feature as 24 learned periodic responses (PLR "
          "embeddings, Gorishniy et al. 2022) instead of one number",
          true, true, false},
         neural(NeuralVariant{L::LearnedEncoding, true, true, 0.0, 0.0, 0, kNumericWidth})},
        {{"aoa-gated", "AOA-gated BRIDGE-LC / MLP",
          "BRIDGE-LC for points inside the area of applicability of its training data, the MLP without "
          "location outside it; both trained, the gate saved with them",
          true, true, false},
         nullptr},
        {{"random-forest", "Random forest",
          "130 trees, sqrt features per split, min 2 points per leaf (XGBoost)", false, false, true},
         trees(TreeModel::Kind::RandomForest)},
        {{"gradient-boosting", "Gradient boosting", "XGBoost boosted trees with early stopping on validation",
          false, false, true},
         trees(TreeModel::Kind::GradientBoosting)},
    };
    return list;
}

const Entry& entry(const std::string& name) {
    for (const Entry& e : entries())
        if (e.info.name == name) return e;
    std::string valid;
    for (const Entry& e : entries())
        valid += (valid.empty() ? "" : ", ") + e.info.name;
    throw std::invalid_argument("unknown model '" + name + "' (available: " + valid + ")");
}

}  // namespace

const std::vector<ModelInfo>& availableModels() {
    static const std::vector<ModelInfo> infos = [] {
        std::vector<ModelInfo> list;
        for (const Entry& e : entries())
            list.push_back(e.info);
        return list;
    }();
    return infos;
}

const ModelInfo& modelInfo(const std::string& name) {
    return entry(name).info;
}

const ModelInfo* findModel(const std::string& name) {
    for (const ModelInfo& info : availableModels())
        if (info.name == name) return &info;
    return nullptr;
}

std::string modelDisplayName(const std::string& name) {
    const ModelInfo* info = findModel(name);
    return info ? info->displayName : name;
}

static std::map<std::string, ModelFactory>& registeredFactories() {
    static std::map<std::string, ModelFactory> factories;
    return factories;
}

void registerModelFactory(const std::string& name, ModelFactory factory) {
    entry(name);  // only models the list names
    registeredFactories()[name] = factory;
}

std::unique_ptr<Model> createModel(const std::string& name) {
    const Entry& e = entry(name);
    if (e.create) return e.create(e.info);
    const auto registered = registeredFactories().find(name);
    if (registered == registeredFactories().end() || !registered->second)
        throw std::logic_error("model '" + name +
                               "' is built by a part of the program this one does not link");
    return registered->second(e.info);
}

}  // namespace bridgelc
