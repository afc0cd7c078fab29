#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/split/scenario.h"

namespace bridgelc {

/// Which rows of a dataset train, validate and test one model.
struct Split {
    std::string name;  ///< "EXTRAP", "LORO-ATL", "BLOCKS-3/5"
    Scenario scenario;
    int heldOutRegion = -1;  ///< LORO: index into biogeographicalRegions(); else -1
    std::vector<std::int64_t> train, validation, test;  ///< row indices, each sorted ascending
    /// Region-held-out validation: the training regions (indices into biogeographicalRegions()) whose points
    /// are the validation part; empty when validation is a random share of the training pool.
    std::vector<int> validationRegions;
};

/// Share of the points outside the test set that validation (early stopping, model selection) takes unless
/// a user asks for another: the paper's 90/10 of the training pool.
inline constexpr double kDefaultValidationFraction = 0.1;
/// EXTRAP's training share (the rest after validation is the test set), as the paper.
inline constexpr double kDefaultTrainFraction = 0.7;

/// Fractions for EXTRAP; test is what is left (1 - train - validation).
struct ExtrapOptions {
    double trainFraction = kDefaultTrainFraction;
    double validationFraction = kDefaultValidationFraction;
    std::uint64_t seed = 0;
    bool honourFixedSplit = true;  ///< use Dataset::fixedSplit when present: test = rows marked test
};

/// Random split stratified by class; when the dataset carries a fixed split, its test rows are the test set
/// and the rest is split stratified into train and validation in proportion.
Split extrapSplit(const Dataset& dataset, const ExtrapOptions& options = {});

/// One fold per region with at least `minTestPoints` points: test = every point of that region; the rest is
/// split stratified into train/validation by `validationFraction`. Skipped regions are appended to `notes`.
std::vector<Split> loroFolds(const Dataset& dataset, double validationFraction = kDefaultValidationFraction,
                             std::uint64_t seed = 0, std::size_t minTestPoints = 100,
                             std::vector<std::string>* notes = nullptr);

/// The LORO fold of one region (same rules as loroFolds, no minimum).
Split loroFold(const Dataset& dataset, int region, double validationFraction = kDefaultValidationFraction,
               std::uint64_t seed = 0);

/// Default of ScenarioOptions::validationMinPoints: a region validates only when it has this many points.
inline constexpr std::size_t kDefaultValidationRegionMinPoints = 1000;

/// The LORO fold of `region` with region-held-out validation: test = every point of `region`; validation =
/// every point of `validationRegions` training regions, so that every choice made on validation is made on a
/// region the model did not train on; train = the rest (including points outside every region). The
/// candidates are the other regions with at least `minValidationPoints` points, in
/// biogeographicalRegions() order; seed s takes candidates (s * k + j) mod m for j < k, so consecutive seeds
/// rotate through them. Throws std::invalid_argument when fewer than k candidates exist or nothing is left
/// to train on.
Split loroFoldRegionValidation(const Dataset& dataset, int region, int validationRegions = 1,
                               std::uint64_t seed = 0,
                               std::size_t minValidationPoints = kDefaultValidationRegionMinPoints);

/// k folds over square blocks of `blockMeters` in EPSG:3035; blocks are dealt to folds at random (seeded).
std::vector<Split> spatialBlockFolds(const Dataset& dataset, int k = 5, double blockMeters = 100000.0,
                                     double validationFraction = kDefaultValidationFraction,
                                     std::uint64_t seed = 0);

/// Everything that decides the splits of a scenario; the defaults are the paper's.
struct ScenarioOptions {
    Scenario scenario;
    std::uint64_t seed = 0;
    double trainFraction = kDefaultTrainFraction;  ///< EXTRAP
    double validationFraction = kDefaultValidationFraction;
    std::optional<int>
        heldOutRegion;  ///< LORO: only this region's fold, whatever its size; unset: every region
    std::size_t minTestPoints = 100;  ///< LORO over every region: regions with fewer points are skipped
    int blockFolds = 5;               ///< BLOCKS
    double blockMeters = 100000.0;    ///< BLOCKS: block side in EPSG:3035 metres
    /// LORO: 0 validates on a random share (validationFraction) of the training pool; k > 0 on k whole
    /// training regions (loroFoldRegionValidation), rotating with the seed.
    int validationRegions = 0;
    std::size_t validationMinPoints = kDefaultValidationRegionMinPoints;  ///< with validationRegions > 0
};

/// The splits of a scenario: one for EXTRAP, one per region for LORO (or the one asked for), one per fold for
/// BLOCKS. LORO's skipped regions are appended to `notes`.
std::vector<Split> scenarioSplits(const Dataset& dataset, const ScenarioOptions& options,
                                  std::vector<std::string>* notes = nullptr);

/// Points and class counts of each part of a split, for the CLI and the GUI.
struct SplitSummary {
    std::string name;
    std::size_t trainPoints = 0, validationPoints = 0, testPoints = 0;
    std::vector<std::size_t> trainClassCounts, validationClassCounts, testClassCounts;
};
SplitSummary summarize(const Dataset& dataset, const Split& split);

}  // namespace bridgelc
