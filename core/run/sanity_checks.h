#pragma once
// Plain-sentence checks that call out data, splits and results that look normal but mean nothing: a single
// class, a handful of test points, an empty validation part, features that are mostly missing or are not the
// satellite inputs the models are built for. Each sentence names the class, column or part and its numbers,
// so it can be shown as is next to the result (GUI) or printed (CLI).
#include <cstddef>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/eval/confusion_matrix.h"
#include "core/run/training_run.h"
#include "core/split/split.h"

namespace bridgelc {

/// A class with fewer labelled points cannot be both learnt and scored: with EXTRAP's 70/10/20 split a class
/// of 10 points gives 7 to train on, 1 to validate and 2 to test, the least that puts it in every part.
inline constexpr std::size_t kMinClassPoints = 10;
/// A test part with fewer points gives scores that mean nothing: each point moves the overall accuracy by
/// more than 3 percentage points.
inline constexpr std::size_t kMinTestPoints = 30;
/// A training part with fewer points cannot fit even the smallest model (its first layer has 256 units).
inline constexpr std::size_t kMinTrainPoints = 50;
/// A validation part with fewer points picks the best epoch by noise.
inline constexpr std::size_t kMinValidationPoints = 10;
/// A labelled dataset with fewer points leaves fewer than kMinTestPoints in EXTRAP's 20 % test part.
inline constexpr std::size_t kMinDatasetPoints = 150;

/// Checks of a loaded dataset, shown as soon as it is loaded: a single class, classes with fewer than
/// kMinClassPoints points, too few points overall, feature columns missing in more than kMostlyMissingShare
/// of the points (present only when the user kept them), and feature names that do not look like the
/// Sentinel-1/2 band, index and backscatter statistics the models are built for (e.g. soil chemistry or
/// elevation columns of a raw LUCAS survey table). Empty when nothing is wrong.
std::vector<std::string> datasetWarnings(const Dataset& dataset);

/// Checks of one split: an empty or tiny validation part (early stopping and the validation loss then mean
/// nothing), too few training or test points, classes in the test part that training never sees.
std::vector<std::string> splitWarnings(const Dataset& dataset, const Split& split);

/// Checks of scores on some labelled points (a test part, or a file scored by a saved model): too few
/// points, a single class (100 % accuracy with kappa 0 is not a result), every point predicted as one class.
std::vector<std::string> scoreWarnings(const ConfusionMatrix& confusion,
                                       const std::vector<std::string>& classNames);

/// Checks of a finished run: no test points, then scoreWarnings of its test part.
std::vector<std::string> resultWarnings(const RunResult& run);

/// True when a feature column's name looks like a Sentinel-1/2 input: a band (blue, nir, swir1, B8A, R1 red
/// edge...), an index (ndvi, nbr, ndsi, ndwi, evi...) or a backscatter term (vv, vh, dpol, asc_/desc_).
bool looksLikeSatelliteFeature(const std::string& name);

}  // namespace bridgelc
