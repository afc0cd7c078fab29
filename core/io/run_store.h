#pragma once
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/label_choice.h"
#include "core/run/training_run.h"

namespace bridgelc {

/// Headline facts of a saved run, read from its metrics.json without loading the model.
struct RunSummary {
    std::string id;         ///< directory name, e.g. "20261125-171502-bridgelc-EXTRAP-s0"
    std::string directory;  ///< absolute path
    std::string modelName, splitName, scenario, status, datasetPath;
    std::string heldOutRegion;       ///< EEA code of a LORO run's test region, else empty
    std::string datasetFingerprint;  ///< datasetFingerprint() of the data it was trained on
    std::size_t datasetPoints = 0;
    bool datasetSynthetic = false;  ///< trained on the built-in sample
    std::string createdUtc;         ///< ISO 8601
    std::uint64_t seed = 0;
    int epochs = 0;
    double trainSeconds = 0;
    double overallAccuracy = 0, kappa = 0, macroF1 = 0, weightedF1 = 0;
    LabelChoice labels;  ///< the labels it learned; level 1 for runs saved before the choice was recorded
};

/// Saved runs under one root directory, one sub-directory per run (DESIGN section 7): config.json (model,
/// split, settings, dataset path and fingerprint), history.csv (one row per epoch), metrics.json (test
/// metrics with per-class and per-region scores and the confusion counts), confusion.csv (with class names),
/// predictions.csv (the test points) and model.bridgelc (the checkpoint, when a model was trained).
class RunStore {
public:
    explicit RunStore(std::string root);
    const std::string& root() const { return m_root; }

    /// Writes a finished run and returns its summary; files are written to temporaries and renamed.
    /// `dataset` is the data of the run's labels (datasetForLabels()); `labels` is recorded with the run and
    /// its checkpoint so the run reopens, predicts and evaluates with the same labels.
    RunSummary save(const RunResult& run, const Dataset& dataset, const LabelChoice& labels = {});
    /// Writes a run to exactly `directory` (e.g. the CLI's --out), replacing an earlier run there; refuses a
    /// directory that holds anything but a run. The directory name becomes the run id.
    static RunSummary saveTo(const RunResult& run, const Dataset& dataset, const std::string& directory,
                             const LabelChoice& labels = {});
    /// The summary of the run in `directory`; throws std::runtime_error when its config.json is unreadable.
    static RunSummary summaryOf(const std::string& directory);
    /// Every run found under root, newest first; unreadable ones are skipped.
    std::vector<RunSummary> list() const;
    /// The epoch history of a saved run (history.csv).
    std::vector<EpochReport> history(const std::string& id) const;
    /// The test metrics of a saved run (metrics.json) and, in `classNames`, the names of its classes.
    Metrics testMetrics(const std::string& id, std::vector<std::string>* classNames = nullptr) const;
    /// Removes a run directory; false if it did not exist.
    bool remove(const std::string& id);

private:
    std::string m_root;
};

}  // namespace bridgelc
