#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/eval/metrics.h"
#include "core/split/scenario.h"
#include "core/train/training_observer.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// One cell of an experiment: one model (with one class weighting) trained and tested on one split of one
/// seed.
struct ExperimentJob {
    std::string model;  ///< registry name
    ClassWeighting weighting = ClassWeighting::InverseFrequency;
    Scenario scenario;
    std::string splitName;   ///< "EXTRAP", "LORO-ATL", "BLOCKS-2/5"
    int heldOutRegion = -1;  ///< LORO: index into biogeographicalRegions()
    std::uint64_t seed = 0;
    std::size_t splitIndex = 0;  ///< the runner's split this job uses
    /// A sweep point: the setting this job changes from the plan's settings and its value (as given);
    /// empty outside sweeps.
    std::string sweepSetting, sweepValue;
    std::vector<int> validationRegions;  ///< the split's region-held-out validation, if any

    /// The table row this job belongs to: the model name, with "-unweighted" when its cross-entropy is plain
    /// (never for trees, which have no cross-entropy), and "@setting=value" for a sweep point.
    std::string variant() const;
    /// File-name-safe identity: "<variant>__<split>__s<seed>", e.g. "mlp__LORO-ATL__s0",
    /// "mlp__BLOCKS-2_5__s1", "bridgelc_regionWeight_0_5__EXTRAP__s0" (characters other than letters, digits
    /// and '-' become '_').
    std::string key() const;
};

/// One candidate setting a job tried when the plan tunes: chosen by its validation weighted F1.
struct TuningTrial {
    std::string settings;  ///< "learningRate=0.001, dropout=0.3"
    std::string status;
    double validationWeightedF1 = 0;  ///< of the weights it kept
    int bestEpoch = 0;
    double trainSeconds = 0;
};

/// What one finished job produced; saved as jobs/<key>.json so a resumed experiment skips it.
struct JobResult {
    ExperimentJob job;
    std::string status;  ///< "completed", "stopped" or "failed"
    std::string message;
    std::vector<std::string> classNames;
    Metrics test;
    std::vector<Metrics> perRegion;  ///< indexed like biogeographicalRegions()
    ConfusionMatrix confusion;
    int bestEpoch = 0;
    double trainSeconds = 0;
    std::vector<EpochReport> history;
    /// The test points inside and outside the model's area of applicability and their scores; `hasAoa`
    /// false when the run has none (results saved before it existed, or a run where it was not defined).
    bool hasAoa = false;
    std::size_t testInside = 0, testOutside = 0;
    Metrics insideTest, outsideTest;
    double aoaThreshold = 0;
    double shareOutside() const {
        return testInside + testOutside ? double(testOutside) / double(testInside + testOutside) : 0.0;
    }
    bool resumed = false;  ///< read from an earlier invocation rather than trained now (not saved)
    /// True and predicted class of each labelled test point, in the split's test order, for paired
    /// comparisons between models; empty in results saved before they were kept.
    std::vector<int> testTruth, testPredicted;
    /// With tuning: every candidate tried and the one whose test scores this result holds.
    std::vector<TuningTrial> tuning;
    std::string chosenSettings;
    /// The id of the run saved for this job in the plan's run store; empty when none was saved.
    std::string savedRun;

    bool succeeded() const { return status == "completed"; }
};

/// The weightings a model is trained with in an experiment: trees ignore cross-entropy weights, so they get
/// one job (and one table row) whatever weightings are compared.
std::vector<ClassWeighting> weightingsForModel(const std::string& model,
                                               const std::vector<ClassWeighting>& compared);

nlohmann::json jobResultToJson(const JobResult& result);
/// Throws std::runtime_error naming the missing or malformed field.
JobResult jobResultFromJson(const nlohmann::json& json);

}  // namespace bridgelc
