#pragma once
#include <QString>
#include <memory>
#include <string>

#include "core/data/dataset.h"
#include "core/data/label_choice.h"
#include "core/split/scenario.h"
#include "core/train/training_settings.h"

namespace bridgelc {

/// A loaded dataset shared read-only between the GUI and worker threads; nobody changes it after loading.
using DatasetPtr = std::shared_ptr<const Dataset>;

/// One training job as the GUI asks for it: which model, on which data, under which scenario. The worker
/// turns the scenario into a Split itself so the GUI thread never walks the dataset.
struct TrainingRequest {
    DatasetPtr dataset;  ///< the points and classes of `labels` (datasetForLabels of the file as loaded)
    LabelChoice labels;  ///< saved with the run, so it reopens with the same labels
    std::string modelName = "bridgelc";
    Scenario scenario = Scenario::Extrap;  ///< EXTRAP, LORO or BLOCKS
    int heldOutRegion = -1;                ///< LORO: index into biogeographicalRegions()
    int blockFold = 0;                     ///< BLOCKS: which fold (0-based) of the k-fold is the test part
    TrainingSettings settings;
    QString runsRoot;  ///< RunStore root the finished run is saved under; empty: not saved
};

}  // namespace bridgelc
