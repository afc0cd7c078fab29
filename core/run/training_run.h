#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/aoa/run_applicability.h"
#include "core/data/dataset.h"
#include "core/eval/metrics.h"
#include "core/split/split.h"
#include "core/train/fit_result.h"
#include "core/train/training_observer.h"
#include "core/train/training_settings.h"

namespace bridgelc {

class Model;

/// Class predictions for some rows of a dataset.
struct Predictions {
    std::vector<std::int64_t> rows;    ///< dataset row of each prediction
    std::vector<int> predicted;        ///< class index
    std::vector<float> confidence;     ///< probability of the predicted class
    std::vector<float> probabilities;  ///< rows.size() x classes, row-major
    std::size_t classes = 0;
    /// Dissimilarity index and inside (1) / outside (0) the area of applicability of each prediction, when
    /// asked for (exports then gain the columns di and inside_aoa); empty otherwise.
    std::vector<double> dissimilarity;
    std::vector<std::uint8_t> insideAoa;
};

/// Everything one training run produced, as plain values that can cross threads.
struct RunResult {
    RunStatus status = RunStatus::Failed;
    std::string message;
    std::string modelName;
    std::string splitName;
    Scenario scenario;
    int heldOutRegion = -1;
    TrainingSettings settings;
    std::vector<std::string> classNames;
    std::vector<EpochReport> history;
    int bestEpoch = 0;
    double trainSeconds = 0;
    Predictions test;
    ConfusionMatrix testConfusion;
    Metrics testMetrics;
    std::vector<Metrics> testMetricsPerRegion;  ///< indexed like biogeographicalRegions()
    /// Plain sentences saying why the split or the scores may mean nothing (splitWarnings then
    /// resultWarnings of core/run/sanity_checks.h); empty when nothing looks wrong.
    std::vector<std::string> warnings;
    std::shared_ptr<const Model>
        model;  ///< the best weights, shared read-only; null if training failed before any epoch
    /// Where the model's predictions can be trusted (core/aoa); null when it could not be defined, and then
    /// aoaMessage says why.
    std::shared_ptr<const AreaOfApplicability> aoa;
    std::string aoaMessage;
    double aoaSeconds = 0;          ///< importance, d̄ and training DI, after the fit
    std::vector<double> testDi;     ///< DI of each test prediction (empty without aoa)
    ApplicabilityScores testApplicability;  ///< labelled test points inside and outside the aoa
};

/// Trains `modelName` on split.train (early stopping on split.validation), evaluates the best model on
/// split.test, and returns everything. Never throws for training problems: they become status Failed.
RunResult trainAndEvaluate(const Dataset& dataset, const Split& split, const std::string& modelName,
                           const TrainingSettings& settings, TrainingObserver& observer);

/// Predictions of a trained model for the given rows (all rows when empty).
Predictions predict(const Model& model, const Dataset& dataset, const std::vector<std::int64_t>& rows = {});

}  // namespace bridgelc
