#pragma once
#include <memory>
#include <string>
#include <vector>

namespace bridgelc {

class Model;

/// What the registry knows of one model before it is created.
struct ModelInfo {
    std::string name;              ///< registry name, e.g. "bridgelc", "mlp", "random-forest"
    std::string displayName;       ///< e.g. "BRIDGE-LC"
    std::string description;       ///< one line
    bool usesCoordinates = false;  ///< needs lon/lat at inference
    bool usesRegions = false;      ///< needs the region of training points
    bool isTree = false;           ///< XGBoost model: no epochs, trained in rounds of trees
};

/// Every model the product offers, in the order menus show them (BRIDGE-LC first).
const std::vector<ModelInfo>& availableModels();
/// The info of one model; throws std::invalid_argument listing the valid names when unknown.
const ModelInfo& modelInfo(const std::string& name);
/// The info of one model, or null when no model has that name (e.g. a run saved by another version).
const ModelInfo* findModel(const std::string& name);
/// The name a person reads ("bridgelc" -> "BRIDGE-LC"); an unknown name as given.
std::string modelDisplayName(const std::string& name);
/// A new untrained model; throws std::invalid_argument when the name is unknown and std::logic_error when
/// the program does not link the area that builds it.
std::unique_ptr<Model> createModel(const std::string& name);

/// Makes a model of a core area above core/model (which the registry cannot include) for its entry in the
/// list; such areas register one at start-up (core/registered_models.cpp).
using ModelFactory = std::unique_ptr<Model> (*)(const ModelInfo&);
void registerModelFactory(const std::string& name, ModelFactory factory);

}  // namespace bridgelc
