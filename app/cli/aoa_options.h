#pragma once
// The area of applicability on the command line: --aoa for predict and predict-raster, the DI of predicted
// points, and the inside/outside scores train and evaluate print.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/aoa/run_applicability.h"
#include "core/io/checkpoint.h"
#include "core/run/training_run.h"
#include "core/train/training_observer.h"

namespace bridgelc::cli {

/// Adds --aoa to a prediction command.
CLI::Option* addAoaOption(CLI::App& app, bool& aoa, const std::string& what);

/// What a command needs of a checkpoint's area of applicability.
struct CheckpointApplicability {
    bool ok = true;  ///< false: the files it names are damaged or missing (already printed, naming the file)
    std::shared_ptr<const AreaOfApplicability> aoa;  ///< null: saved without one ("no AOA", printed)
};
/// Loads the area of applicability saved beside `checkpointPath`; prints "no AOA" for a model saved without
/// one and the error naming the file for a damaged one.
CheckpointApplicability loadApplicability(const std::string& checkpointPath,
                                          const LoadedCheckpoint& checkpoint);

/// Fills predictions.dissimilarity and insideAoa for the predicted rows of `data`.
void addDissimilarity(const AreaOfApplicability& aoa, const Dataset& data, Predictions& predictions);

/// Lines giving the share of scored points outside the area of applicability and weighted and macro F1
/// inside and outside it.
std::string formatApplicability(const ApplicabilityScores& scores, double threshold);
/// The same for a finished run, or the sentence saying why the run has none, plus its training-time cost.
std::string formatRunApplicability(const RunResult& run);

/// predict-raster --aoa after the land-cover GeoTIFF `out` is written: the DI and inside/outside rasters of
/// `stack` beside it; returns the exit code (130 when interrupted).
int writeRasterApplicability(const AreaOfApplicability& aoa, const std::string& stack,
                             const std::string& bandsFile, const std::string& out,
                             TrainingObserver& progress);

}  // namespace bridgelc::cli
