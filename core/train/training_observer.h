#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bridgelc {

class Model;

/// What the steps of a training curve count.
enum class IterationUnit {
    Epoch,         ///< passes over the training rows (neural models)
    Tree,          ///< trees grown so far (random forest)
    BoostingRound  ///< boosting rounds done so far (gradient-boosted trees)
};

/// "epoch"/"epochs", "tree"/"trees", "boosting round"/"boosting rounds": for messages and axis titles.
inline const char* iterationUnitName(IterationUnit unit, bool plural) {
    switch (unit) {
        case IterationUnit::Tree:
            return plural ? "trees" : "tree";
        case IterationUnit::BoostingRound:
            return plural ? "boosting rounds" : "boosting round";
        case IterationUnit::Epoch:
            break;
    }
    return plural ? "epochs" : "epoch";
}

/// What one finished epoch (or one block of trees or rounds) looked like. Train loss terms are means over the
/// epoch's batches (train mode: dropout on, weights changing); validation terms are measured on the
/// validation rows after the epoch (eval mode), with the same definitions, so train and validation of the
/// same term compare; the train total and the validation land-cover loss do not.
struct EpochReport {
    int epoch = 0;   ///< 1-based count in `unit`: epochs done, trees grown or boosting rounds done
    int epochs = 0;  ///< planned total, in `unit`
    IterationUnit unit = IterationUnit::Epoch;
    double trainLoss = 0;        ///< total: land cover + region + lambda x contrastive
    double landCoverLoss = 0;    ///< (weighted) cross-entropy of the land-cover head
    double regionLoss = 0;       ///< 0 for models without a region head
    double contrastiveLoss = 0;  ///< 0 for models without SupCon (unweighted: lambda is applied in the total)
    double validationLoss = 0;   ///< land-cover term on the validation rows: compare with landCoverLoss
    double validationTotalLoss = 0;        ///< compare with trainLoss; 0 when not measured (older runs)
    double validationRegionLoss = 0;       ///< compare with regionLoss; 0 without a region head
    double validationContrastiveLoss = 0;  ///< compare with contrastiveLoss; 0 without SupCon
    double trainAccuracy = 0;
    double validationAccuracy = 0;
    double validationMacroF1 = 0;
    double validationWeightedF1 = 0;
    double learningRate = 0;
    double samplesPerSecond = 0;
    double elapsedSeconds = 0;  ///< since the start of training
    /// The model keeps this step so far: best validation weighted F1 (neural models), lowest validation
    /// log-loss (boosting), every step (a forest keeps all its trees).
    bool improved = false;
};

/// The trainer's only way to talk to the outside: progress, epochs and a cancel flag it polls every
/// mini-batch. Implementations must be cheap; they are called from the training thread.
class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void onEpoch(const EpochReport&) {}
    /// Work done within the current phase, at most every 100 ms.
    virtual void onProgress(std::int64_t /*done*/, std::int64_t /*total*/) {}
    /// A phase starts: "scaling", "training", "evaluating"...
    virtual void onPhase(const std::string& /*phase*/) {}
    /// Something the user should know (e.g. "stopped early at epoch 23").
    virtual void onMessage(const std::string& /*message*/) {}
    virtual bool isCancelled() const { return false; }
    /// True to receive onSnapshot() after every epoch of a neural model (costs one copy of the weights).
    virtual bool wantsSnapshots() const { return false; }
    /// A trained, independent copy of the model as it is after the epoch just reported (e.g. for a live
    /// prediction map); safe to use from another thread while training goes on.
    virtual void onSnapshot(std::shared_ptr<const Model> /*model*/) {}
};

}  // namespace bridgelc
