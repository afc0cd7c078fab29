#pragma once
#include <QString>
#include <string>
#include <vector>

#include "ui/map/choropleth_layer.h"

namespace bridgelc {

/// The held-out regions' scores of one model's LORO runs, ready for a ChoroplethLayer.
struct LoroScores {
    QString modelName;                ///< registry name of the model the scores belong to
    std::vector<RegionScore> scores;  ///< one per held-out region: mean test weighted F1 over its runs
    QString title;                    ///< legend title naming the score and the model
    QString note;                     ///< why there is nothing to show, when scores is empty
};

/// The dataset whose runs are wanted: runs match by fingerprint, or by path for runs saved without one.
struct DatasetScope {
    std::string fingerprint;  ///< datasetFingerprint() of the data shown
    std::string path;         ///< its source path
    QString name;             ///< its name in the legend ("lucas.csv")
};

/// Reads the run store under `runsRoot` (RunStore::list(): each run's config.json and metrics.json) and
/// averages the test weighted F1 of `model`'s completed LORO runs on `dataset` by held-out region (the split
/// name "LORO-ATL", or config.json's split.heldOutRegion). Runs of other data or of other models never mix
/// in: with no such run the scores are empty and `note` says why. With `model` empty (no run shown), the
/// model covering the most regions on `dataset` is taken and named in the title. Blocking file reads: call it
/// off the GUI thread.
LoroScores loroRegionScores(const QString& runsRoot, const DatasetScope& dataset, const std::string& model);

}  // namespace bridgelc
