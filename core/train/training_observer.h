#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bridgelc {

class Model;

/// What one finished epoch (or one block of trees) looked like. Loss terms are means over the epoch's
/// batches.
struct EpochReport {
    int epoch = 0;   ///< 1-based
    int epochs = 0;  ///< planned total
    double trainLoss = 0;
    double landCoverLoss = 0;
    double regionLoss = 0;       ///< 0 for models without a region head
    double contrastiveLoss = 0;  ///< 0 for models without SupCon
    double validationLoss = 0;
    double trainAccuracy = 0;
    double validationAccuracy = 0;
    double validationMacroF1 = 0;
    double validationWeightedF1 = 0;
    double learningRate = 0;
    double samplesPerSecond = 0;
    double elapsedSeconds = 0;  ///< since the start of training
    bool improved = false;      ///< best validation weighted F1 so far
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
