#pragma once
#include <string>
#include <vector>

#include "core/train/training_observer.h"

namespace bridgelc {

/// How a run ended.
enum class RunStatus {
    Completed,  ///< all epochs ran, or early stopping ended it
    Stopped,    ///< cancelled by the user; the best model so far is kept
    Failed      ///< an error (e.g. NaN loss); `message` says what, the last good weights are kept if any
};

/// "completed", "stopped" or "failed", as saved runs and experiment jobs record it.
const char* runStatusName(RunStatus status);

/// How a fit() ended and what every epoch (or block of trees) looked like.
struct FitResult {
    RunStatus status = RunStatus::Failed;
    std::string message;  ///< why it stopped or failed; empty when it simply completed
    std::vector<EpochReport> history;
    int bestEpoch = 0;  ///< the step the model holds, in the history's unit (epoch, trees, rounds); 0 if none
    double seconds = 0;    ///< wall time of the fit
    bool usedEma = false;  ///< the model holds the exponential moving average of the weights
};

}  // namespace bridgelc
