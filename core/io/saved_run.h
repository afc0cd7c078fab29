#pragma once
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/io/run_store.h"
#include "core/run/training_run.h"

namespace bridgelc {

/// A run read back whole from its directory in a run store: what the views showed when it finished.
struct SavedRun {
    RunSummary summary;
    /// Scores, confusion, per-region scores, history, class names, warnings and test predictions; the model
    /// when the checkpoint could be read (else null and `modelProblem` says why). Until bindToDataset()
    /// succeeds the predictions' `rows` are empty: the file locates points by id, not by row.
    RunResult result;
    std::vector<std::string> testIds;  ///< point id of each test prediction, as written
    std::vector<int> testTruth;        ///< true class of each test prediction (-1 unknown)
    std::string datasetFingerprint;    ///< of the dataset the run was trained on
    std::size_t datasetPoints = 0;
    std::string modelProblem;  ///< why `result.model` is null, empty when it is set or there is no checkpoint
};

/// Reads the run in `directory` (config.json, metrics.json, history.csv, predictions.csv, model.bridgelc).
/// Throws std::runtime_error naming the file when config.json or metrics.json cannot be read; a missing or
/// unreadable history, prediction file or checkpoint only leaves that part empty.
SavedRun loadSavedRun(const std::string& directory);

/// Locates the saved test predictions in `dataset` by point id (row number when the dataset has no ids) and
/// sets result.test.rows. False, leaving rows empty, when the dataset is not the run's (another fingerprint)
/// or a prediction's point is not in it.
bool bindToDataset(SavedRun& run, const Dataset& dataset);

}  // namespace bridgelc
