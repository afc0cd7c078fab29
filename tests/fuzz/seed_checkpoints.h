#pragma once
// The well-formed checkpoints both checkpoint fuzzers start from: one tiny model of each family.
#include <string>

#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::fuzz {

/// The models written by writeSeedCheckpoint.
inline constexpr const char* kSeedModels[] = {"mlp", "bridgelc", "random-forest", "gradient-boosting"};

/// Trains a small `modelName` on 120 synthetic points (6 features, 3 classes) and saves it to `path`; returns
/// the training's error message, empty when the checkpoint was written.
inline std::string writeSeedCheckpoint(const std::string& modelName, const std::string& path) {
    const Dataset data = test::syntheticDataset(120, 6, 3);
    TrainingSettings settings;
    settings.epochs = 2;
    settings.batchSize = 32;
    settings.trees = 4;
    settings.boostingRounds = 3;
    TrainingObserver quiet;
    auto model = createModel(modelName);
    const FitResult fit =
        model->fit(TrainingData{data, test::rowRange(0, 100), test::rowRange(100, 120)}, settings, quiet);
    if (fit.status != RunStatus::Completed) return fit.message.empty() ? "training failed" : fit.message;
    saveCheckpoint(*model, path, {{"metrics", {{"weightedF1", 0.5}}}, {"dataFingerprint", "abc"}});
    return {};
}

}  // namespace bridgelc::fuzz
