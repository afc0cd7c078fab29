#pragma once
#include <memory>

#include "core/model/model.h"

namespace bridgelc {

/// A tree ensemble on raw (unscaled) features, built with XGBoost's C API; missing values stay missing
/// (XGBoost learns a default direction). Two kinds:
/// - RandomForest, the paper's baseline (130 trees, gini-like, min_samples_leaf 2, max_features sqrt), mapped
/// to
///   XGBoost's random-forest mode: one boosting round of `num_parallel_tree` trees, eta 1, lambda 0 (so a
///   leaf's value is an affine function of its class proportions, as in a CART leaf), rows sampled without
///   replacement at 0.632 (the expected share of distinct rows in a bootstrap), colsample_bynode sqrt(d)/d,
///   unlimited depth (grow_policy lossguide, max_depth 0) unless treeMaxDepth is set, and min_child_weight =
///   2 x the softmax hessian 2p(1-p) at p = 1/C, i.e. about two points per leaf, 32 histogram bins per
///   feature (the default 256 cost 3x the time for no better F1). The forest is grown in ~10
///   independent blocks of trees (different seeds) so Stop takes effect between blocks; their probabilities
///   are averaged weighted by tree count. Progress counts trees; the whole forest grown is kept (not cut
///   back to the block count that scored best on validation) and the message says so with its score.
/// - GradientBoosting: multi:softprob, hist, depth 6 (or treeMaxDepth), eta 0.1, subsample and colsample 0.8,
/// up
///   to `boostingRounds` rounds with early stopping on validation mlogloss; the round with the lowest
///   validation mlogloss is kept. One EpochReport per round, so the kept round is a point of the curve.
/// Histogram bins per feature of the random forest (XGBoost's max_bin; reasons in tree_model.cpp).
inline constexpr int kRandomForestBins = 32;
/// Share of the training rows each random-forest tree sees, drawn without replacement.
inline constexpr double kRandomForestRowShare = 0.632;

class TreeModel : public Model {
public:
    enum class Kind { RandomForest, GradientBoosting };

    TreeModel(const ModelInfo& info, Kind kind);
    ~TreeModel() override;

    FitResult fit(const TrainingData& data, const TrainingSettings& settings,
                  TrainingObserver& observer) override;
    std::vector<float> predictProba(const float* features, const double* lon, const double* lat,
                                    std::size_t n) const override;
    void saveWeights(std::ostream& out) const override;
    void loadWeights(std::istream& in) override;
    /// Total number of tree nodes.
    std::size_t parameterCount() const override;
    /// XGBoost's total gain per feature, summed over every booster of the ensemble.
    std::vector<double> totalGain() const override;

    Kind kind() const { return m_kind; }

    struct Impl;  ///< the XGBoost side (core/model/tree_model.cpp)

protected:
    void rebuild() override;

private:
    Kind m_kind;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace bridgelc
