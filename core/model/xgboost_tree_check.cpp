#include "core/model/xgboost_tree_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

namespace bridgelc {
namespace {

std::runtime_error bad(const std::string& what) {
    return std::runtime_error("damaged trees: " + what);
}

/// XGBoost writes counts as strings ("9") and arrays as numbers; either is read here.
long long integer(const nlohmann::json& value) {
    if (value.is_string()) return std::stoll(value.get<std::string>());
    return value.get<long long>();
}

void checkTree(const nlohmann::json& tree, std::size_t t, std::size_t featureCount) {
    const auto& left = tree.at("left_children");
    const auto& right = tree.at("right_children");
    const auto& split = tree.at("split_indices");
    const std::size_t n = left.size();
    if (n == 0) throw bad(fmt::format("tree {} has no nodes", t));
    if (integer(tree.at("tree_param").at("num_nodes")) != static_cast<long long>(n))
        throw bad(fmt::format("tree {} says {} nodes and lists {}", t,
                              tree.at("tree_param").at("num_nodes").dump(), n));
    for (const char* key : {"right_children", "split_indices", "split_conditions", "default_left"})
        if (tree.at(key).size() != n)
            throw bad(fmt::format("tree {}: {} has {} entries for {} nodes", t, key, tree.at(key).size(), n));
    if (tree.contains("split_type"))
        for (const auto& type : tree.at("split_type"))
            if (integer(type) != 0) throw bad(fmt::format("tree {} has a categorical split", t));
    // Every node but the root has at most one parent and the root none: then the links from the root cannot
    // loop, and prediction ends.
    std::vector<bool> hasParent(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const long long l = integer(left[i]), r = integer(right[i]);
        if ((l == -1) != (r == -1))
            throw bad(fmt::format("tree {}: node {} has one child ({}, {})", t, i, l, r));
        if (l == -1) continue;
        for (const long long child : {l, r}) {
            if (child <= 0 || child >= static_cast<long long>(n))
                throw bad(fmt::format("tree {}: node {} points to node {} of {}", t, i, child, n));
            if (hasParent[static_cast<std::size_t>(child)])
                throw bad(fmt::format("tree {}: node {} is the child of two nodes", t, child));
            hasParent[static_cast<std::size_t>(child)] = true;
        }
        const long long feature = integer(split[i]);
        if (feature < 0 || feature >= static_cast<long long>(featureCount))
            throw bad(
                fmt::format("tree {}: node {} splits on feature {} of {}", t, i, feature, featureCount));
    }
}

}  // namespace

void checkXgboostTrees(const std::string& json, std::size_t featureCount) {
    try {
        const nlohmann::json model = nlohmann::json::parse(json);
        const auto& learner = model.at("learner");
        const long long features = integer(learner.at("learner_model_param").at("num_feature"));
        // XGBoost sizes its answer by its own class count (one output when it is 0); whether that count is
        // the model's is for the caller's probe prediction to see.
        const long long classes = std::max(1LL, integer(learner.at("learner_model_param").at("num_class")));
        if (features != static_cast<long long>(featureCount))
            throw bad(fmt::format("they use {} features, the model has {}", features, featureCount));
        const auto& trees = learner.at("gradient_booster").at("model").at("trees");
        // XGBoost makes num_trees slots and fills the one each tree's id names: a slot left empty is a null
        // tree at prediction.
        const long long slots =
            integer(learner.at("gradient_booster").at("model").at("gbtree_model_param").at("num_trees"));
        if (slots != static_cast<long long>(trees.size()))
            throw bad(fmt::format("{} trees listed, {} announced", trees.size(), slots));
        const auto& groups = learner.at("gradient_booster").at("model").at("tree_info");
        if (groups.size() != trees.size())
            throw bad(fmt::format("{} trees but {} class assignments", trees.size(), groups.size()));
        for (std::size_t t = 0; t < trees.size(); ++t) {
            const long long group = integer(groups[t]);
            if (group < 0 || group >= classes)
                throw bad(fmt::format("tree {} is for class {} of {}", t, group, classes));
            if (integer(trees[t].at("id")) != static_cast<long long>(t))
                throw bad(fmt::format("tree {} carries the id {}", t, trees[t].at("id").dump()));
            checkTree(trees[t], t, featureCount);
        }
    } catch (const nlohmann::json::exception& error) {
        throw bad(std::string("not the XGBoost model layout (") + error.what() + ")");
    } catch (const std::logic_error& error) {  // std::stoll on text that is no number
        throw bad(std::string("a count that is no number (") + error.what() + ")");
    }
}

}  // namespace bridgelc
