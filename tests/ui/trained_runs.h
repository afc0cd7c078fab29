#pragma once
// Small trained runs for the GUI tests of what a model learned (PE layer, Embeddings view): the synthetic
// Gaussian-cluster dataset of the core tests, an EXTRAP split, a few epochs.
#include <memory>
#include <string>

#include "core/run/training_run.h"
#include "core/split/split.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc::test {

inline std::shared_ptr<const Dataset> smallDataset() {
    static const auto dataset = std::make_shared<const Dataset>(syntheticDataset(600, 6, 3));
    return dataset;
}

/// `model` trained for `epochs` on smallDataset() (EXTRAP: 70/10/20).
inline RunResult smallRun(const std::string& model, int epochs = 3) {
    const auto dataset = smallDataset();
    const Split split = extrapSplit(*dataset);
    TrainingSettings settings;
    settings.epochs = epochs;
    settings.batchSize = 32;
    settings.earlyStopping = false;
    TrainingObserver quiet;
    return trainAndEvaluate(*dataset, split, model, settings, quiet);
}

}  // namespace bridgelc::test
