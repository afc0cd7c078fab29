#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace bridgelc {

/// Which rows of a dataset train, validate and test one model.
struct Split {
    std::string name;              ///< "EXTRAP", "LORO-ATL", "BLOCKS-3/5"
    std::string scenario;          ///< "extrap", "loro" or "blocks"
    int heldOutRegion = -1;        ///< LORO: index into biogeographicalRegions(); else -1
    std::vector<std::int64_t> train, validation, test;  ///< row indices, each sorted ascending
};

/// Fractions for EXTRAP; test is what is left (1 - train - validation).
struct ExtrapOptions {
    double trainFraction = 0.7;
    double validationFraction = 0.1;
    std::uint64_t seed = 0;
    bool honourFixedSplit = true;  ///< use Dataset::fixedSplit when present: test = rows marked test
};

/// Random split stratified by class; when the dataset carries a fixed split, its test rows are the test set and
/// the rest is split stratified into train and validation in proportion.
Split extrapSplit(const Dataset& dataset, const ExtrapOptions& options = {});

/// One fold per region with at least `minTestPoints` points: test = every point of that region; the rest is
/// split stratified into train/validation by `validationFraction`. Skipped regions are appended to `notes`.
std::vector<Split> loroFolds(const Dataset& dataset, double validationFraction = 0.1, std::uint64_t seed = 0,
                             std::size_t minTestPoints = 100, std::vector<std::string>* notes = nullptr);

/// The LORO fold of one region (same rules as loroFolds, no minimum).
Split loroFold(const Dataset& dataset, int region, double validationFraction = 0.1, std::uint64_t seed = 0);

/// k folds over square blocks of `blockMeters` in EPSG:3035; blocks are dealt to folds at random (seeded).
std::vector<Split> spatialBlockFolds(const Dataset& dataset, int k = 5, double blockMeters = 100000.0,
                                     double validationFraction = 0.1, std::uint64_t seed = 0);

/// Points and class counts of each part of a split, for the CLI and the GUI.
struct SplitSummary {
    std::string name;
    std::size_t trainPoints = 0, validationPoints = 0, testPoints = 0;
    std::vector<std::size_t> trainClassCounts, validationClassCounts, testClassCounts;
};
SplitSummary summarize(const Dataset& dataset, const Split& split);

}  // namespace bridgelc
