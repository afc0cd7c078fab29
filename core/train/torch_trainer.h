#pragma once
// The mini-batch training loop of the neural models. Internal: include only from core .cpp files.
#include <functional>
#include <vector>

#include <torch/torch.h>

#include "core/nn/region_location_dropout.h"
#include "core/nn/torch_modules.h"
#include "core/train/fit_result.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// Rows of one part of the data as tensors, already scaled.
struct TensorData {
    torch::Tensor features;  ///< n x d float
    torch::Tensor encoding;  ///< n x 128 float fixed sinusoid; undefined when the network uses none
    torch::Tensor labels;    ///< n int64 class indices
    torch::Tensor regions;   ///< n int64 region-head indices; undefined without a region branch
    torch::Tensor
        locationGroups;  ///< n int64 region of each row (-1: none) for location dropout, or undefined
    std::int64_t size() const { return features.defined() ? features.size(0) : 0; }
};

/// Trains a LandCoverNet: per epoch a seeded permutation of the training rows, mini-batches by index_select
/// (the last partial batch dropped), AdamW with optional cosine annealing to 0, loss = weighted CE(land
/// cover) + CE(region) + lambda * SupCon. Tracks the best weights by validation weighted F1 in memory, stops
/// early, accumulates an EMA of the weights from half-way, and polls the observer's cancel flag every
/// mini-batch.
class TorchTrainer {
public:
    TorchTrainer(const TrainingSettings& settings, TrainingObserver& observer);

    /// Leaves `net` holding the weights the result describes (best, EMA, or last good) in eval mode.
    /// `hasWeights` is set false only when training failed before any weights worth keeping existed.
    /// `afterEpoch`, when set, runs after every reported epoch with `net` holding that epoch's weights.
    FitResult train(LandCoverNet& net, const TensorData& train, const TensorData& validation,
                    const std::vector<double>& classWeights, bool contrastive, bool& hasWeights,
                    const std::function<void()>& afterEpoch = {});

    /// Land-cover logits of every row of `data` in eval mode, in chunks.
    static torch::Tensor logits(LandCoverNet& net, const TensorData& data);

    /// The rows of `data` in a fixed order drawn from `seed` without touching LibTorch's generator (which
    /// fixes the training permutations and dropout masks, so training stays the same with or without it).
    static TensorData shuffled(const TensorData& data, std::uint64_t seed);

private:
    struct Evaluation {
        double landCover = 0, region = 0, contrastive = 0, total = 0;
        double accuracy = 0, macroF1 = 0, weightedF1 = 0;
    };
    /// Scores and loss terms of `data` in eval mode. With `terms`, also the region and contrastive terms as
    /// training defines them (contrastive: mean over consecutive batches of `batch` rows, so `data` should
    /// be in a random order); otherwise only the land-cover head runs.
    Evaluation evaluate(LandCoverNet& net, const TensorData& data, const torch::Tensor& weights, bool terms,
                        bool contrastive, std::int64_t batch) const;

    /// Location dropout by region as the settings ask, seeded from the settings' seed.
    RegionLocationDropout makeLocationDropout(LandCoverNet& net, const TensorData& train) const;

    const TrainingSettings& m_settings;
    TrainingObserver& m_observer;
};

}  // namespace bridgelc
