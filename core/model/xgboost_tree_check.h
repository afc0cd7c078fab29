#pragma once
// Checks a booster's XGBoost JSON before XGBoost loads it. Internal to core/model.
#include <cstddef>
#include <string>

namespace bridgelc {

/// Refuses XGBoost model JSON that XGBoost would load but could not predict with safely: a tree count or tree
/// ids that leave one of XGBoost's tree slots empty (a null tree at prediction), a tree whose child links
/// loop (prediction never ends), point outside the tree or give a node two parents, an inner node with one
/// child, a split on a feature the model does not have, a categorical split (never written here), or a tree
/// assigned to a class beyond the booster's own class count (prediction would write past its output). Throws
/// std::runtime_error naming the tree and node.
void checkXgboostTrees(const std::string& json, std::size_t featureCount);

}  // namespace bridgelc
