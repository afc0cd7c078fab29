#pragma once
// A crop-type run on the real LUCAS table for the many-classes GUI tests: the cropland points whose crop code
// has at least 20 points (25 classes named by the legend, "B11 Common wheat" ...), an EXTRAP split and an MLP
// trained for a few epochs, so its confusion matrix and scores are real ones.
#include <memory>
#include <stdexcept>

#include "core/data/dataset.h"
#include "core/data/point_reader.h"
#include "core/run/training_run.h"
#include "core/split/split.h"
#include "tests/ui/ui_test_support.h"

namespace bridgelc::test {

struct CropTypeRun {
    Dataset dataset;
    RunResult run;
};

inline const CropTypeRun& cropTypeRun() {
    static const std::unique_ptr<CropTypeRun> once = [] {
        LoadResult loaded = loadPoints(realTable().toStdString());
        if (!loaded.dataset) throw std::runtime_error(loaded.report.fatalMessage());
        auto result = std::make_unique<CropTypeRun>();
        result->dataset = cropTypeSubset(*loaded.dataset, 20);
        TrainingSettings settings = TrainingSettings::laptop();
        settings.epochs = 12;
        settings.earlyStopping = false;
        settings.threads = 1;
        settings.seed = 7;
        TrainingObserver quiet;
        result->run = trainAndEvaluate(result->dataset, extrapSplit(result->dataset), "mlp", settings, quiet);
        return result;
    }();
    return *once;
}

}  // namespace bridgelc::test
