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

/// Reads the run store under `runsRoot` (RunStore::list(): each run's config.json and metrics.json) and, per
/// model, averages the test weighted F1 of every completed LORO run by its held-out region (the split name
/// "LORO-ATL", or config.json's split.heldOutRegion). Runs of `datasetPath` are preferred when there are any;
/// the model is `preferredModel` when it has LORO runs, else the one covering the most regions. Blocking file
/// reads: call it off the GUI thread.
LoroScores loroRegionScores(const QString& runsRoot, const std::string& datasetPath = {},
                            const std::string& preferredModel = {});

}  // namespace bridgelc
