// Tree weights read back from a file: XGBoost loads trees whose links loop or leave the tree and then never
// ends a prediction (found by the checkpoint libFuzzer target: one child index changed from 1 to 0), so the
// tree model refuses such weights with a message naming the tree and node.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

using Damage = std::function<void(nlohmann::json& tree, nlohmann::json& model)>;

class TreeWeights : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        const Dataset data = test::syntheticDataset(120, 6, 3);
        TrainingSettings settings;
        settings.trees = 4;
        settings.boostingRounds = 3;
        TrainingObserver quiet;
        m_model = createModel(GetParam());
        const FitResult fit = m_model->fit(
            TrainingData{data, test::rowRange(0, 100), test::rowRange(100, 120)}, settings, quiet);
        ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
        std::ostringstream out(std::ios::binary);
        m_model->saveWeights(out);
        m_weights = out.str();
    }

    /// The saved weights with `damage` applied to the first tree of the first booster.
    std::string damaged(const Damage& damage) const {
        std::uint32_t count = 0;
        std::uint64_t length = 0;
        std::memcpy(&count, m_weights.data(), sizeof count);
        std::memcpy(&length, m_weights.data() + 4, sizeof length);
        nlohmann::json booster = nlohmann::json::parse(m_weights.substr(12, length));
        damage(booster["learner"]["gradient_booster"]["model"]["trees"][0], booster);
        const std::string json = booster.dump();
        std::string bytes = m_weights.substr(0, 4);
        const std::uint64_t newLength = json.size();
        bytes.append(reinterpret_cast<const char*>(&newLength), sizeof newLength);
        return bytes + json + m_weights.substr(12 + length);
    }

    /// What loading `weights` into a fresh model of the same metadata throws; empty when it loads.
    std::string loadError(const std::string& weights) const {
        auto fresh = createModel(GetParam());
        fresh->setMetadata(m_model->metadata());
        std::istringstream in(weights, std::ios::binary);
        try {
            fresh->loadWeights(in);
        } catch (const std::runtime_error& error) {
            return error.what();
        }
        return "";
    }

    std::unique_ptr<Model> m_model;
    std::string m_weights;
};

TEST_P(TreeWeights, IntactWeightsLoadAndPredictAsSaved) {
    ASSERT_EQ(loadError(m_weights), "");
    auto fresh = createModel(GetParam());
    fresh->setMetadata(m_model->metadata());
    std::istringstream in(m_weights, std::ios::binary);
    fresh->loadWeights(in);
    const std::vector<float> x(6, 0.5f);
    const double lon = 10.0, lat = 50.0;
    EXPECT_EQ(fresh->predictProba(x.data(), &lon, &lat, 1), m_model->predictProba(x.data(), &lon, &lat, 1));
}

TEST_P(TreeWeights, LinksThatLoopOrLeaveTheTreeAreRefused) {
    // The fuzzer's input: the root's left child made the root itself.
    const std::string loop =
        loadError(damaged([](nlohmann::json& tree, nlohmann::json&) { tree["left_children"][0] = 0; }));
    EXPECT_NE(loop.find("tree 0: node 0 points to node 0"), std::string::npos) << loop;
    const std::string twoParents = loadError(damaged(
        [](nlohmann::json& tree, nlohmann::json&) { tree["right_children"][0] = tree["left_children"][0]; }));
    EXPECT_NE(twoParents.find("is the child of two nodes"), std::string::npos) << twoParents;
    const std::string outside =
        loadError(damaged([](nlohmann::json& tree, nlohmann::json&) { tree["right_children"][0] = 99999; }));
    EXPECT_NE(outside.find("points to node 99999"), std::string::npos) << outside;
    const std::string oneChild =
        loadError(damaged([](nlohmann::json& tree, nlohmann::json&) { tree["right_children"][0] = -1; }));
    EXPECT_NE(oneChild.find("node 0 has one child"), std::string::npos) << oneChild;
}

TEST_P(TreeWeights, SplitsOnMissingFeaturesAndTreesOfMissingClassesAreRefused) {
    const std::string feature =
        loadError(damaged([](nlohmann::json& tree, nlohmann::json&) { tree["split_indices"][0] = 6; }));
    EXPECT_NE(feature.find("splits on feature 6 of 6"), std::string::npos) << feature;
    const std::string group = loadError(damaged([](nlohmann::json&, nlohmann::json& model) {
        model["learner"]["gradient_booster"]["model"]["tree_info"][0] = 7;
    }));
    EXPECT_NE(group.find("tree 0 is for class 7 of 3"), std::string::npos) << group;
    const std::string count = loadError(
        damaged([](nlohmann::json& tree, nlohmann::json&) { tree["tree_param"]["num_nodes"] = "oops"; }));
    EXPECT_NE(count.find("damaged trees"), std::string::npos) << count;
}

// XGBoost puts each tree into the slot its id names, out of num_trees slots: an empty slot crashed
// prediction (the checkpoint libFuzzer target changed an id from 7 to 3).
TEST_P(TreeWeights, TreeIdsAndCountsThatLeaveASlotEmptyAreRefused) {
    const std::string id = loadError(damaged([](nlohmann::json& tree, nlohmann::json&) { tree["id"] = 1; }));
    EXPECT_NE(id.find("tree 0 carries the id 1"), std::string::npos) << id;
    const std::string slots = loadError(damaged([](nlohmann::json&, nlohmann::json& model) {
        auto& trees = model["learner"]["gradient_booster"]["model"];
        trees["gbtree_model_param"]["num_trees"] = std::to_string(trees["trees"].size() + 1);
    }));
    EXPECT_NE(slots.find("trees listed"), std::string::npos) << slots;
}

INSTANTIATE_TEST_SUITE_P(Kinds, TreeWeights, ::testing::Values("random-forest", "gradient-boosting"));

}  // namespace
}  // namespace bridgelc
