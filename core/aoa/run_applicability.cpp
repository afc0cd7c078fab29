#include "core/aoa/run_applicability.h"

#include "core/aoa/feature_importance.h"
#include "core/data/dataset.h"
#include "core/geo/regions.h"
#include "core/model/model.h"
#include "core/split/split.h"

namespace bridgelc {

TrainingFolds trainingFolds(const Dataset& dataset, const Split& split, std::uint64_t seed) {
    TrainingFolds out;
    out.fold.reserve(split.train.size());
    if (split.scenario == Scenario::Loro) {
        const auto& regions = biogeographicalRegions();
        for (const auto& region : regions)
            out.names.push_back(region.code);
        out.names.push_back("outside");
        for (std::int64_t row : split.train) {
            const int region = dataset.region[row];
            out.fold.push_back(region >= 0 && region < static_cast<int>(regions.size())
                                   ? region
                                   : static_cast<int>(regions.size()));
        }
        return out;
    }
    const ScenarioOptions blocks;  // the BLOCKS scenario's folds and block size
    const std::vector<Split> folds =
        spatialBlockFolds(dataset, blocks.blockFolds, blocks.blockMeters, blocks.validationFraction, seed);
    std::vector<int> foldOfRow(dataset.size(), -1);
    for (std::size_t f = 0; f < folds.size(); ++f) {
        out.names.push_back("block fold " + std::to_string(f + 1));
        for (std::int64_t row : folds[f].test)
            foldOfRow[row] = static_cast<int>(f);
    }
    for (std::int64_t row : split.train)
        out.fold.push_back(foldOfRow[row]);
    return out;
}

std::shared_ptr<const AreaOfApplicability> buildAreaOfApplicability(const Model& model,
                                                                    const Dataset& dataset,
                                                                    const Split& split, std::uint64_t seed) {
    const std::size_t d = model.featureCount();
    if (dataset.featureCount() != d)
        throw AoaError("the model and the dataset have different feature counts");
    const AoaWeights weights = featureImportance(model, dataset, split.validation, seed);
    const TrainingFolds folds = trainingFolds(dataset, split, seed);
    std::vector<float> features;
    features.reserve(split.train.size() * d);
    std::vector<std::string> ids;
    ids.reserve(split.train.size());
    for (std::int64_t row : split.train) {
        features.insert(features.end(), dataset.row(row), dataset.row(row) + d);
        ids.push_back(row < static_cast<std::int64_t>(dataset.ids.size()) ? dataset.ids[row]
                                                                          : std::to_string(row));
    }
    return AreaOfApplicability::build(features.data(), split.train.size(), model.meta().featureNames, weights,
                                      folds.fold, folds.names, ids);
}

ApplicabilityScores scoreByApplicability(const std::vector<int>& truth, const std::vector<int>& predicted,
                                         const std::vector<bool>& inside, std::size_t classes) {
    std::vector<int> truthIn, predictedIn, truthOut, predictedOut;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        auto& t = inside[i] ? truthIn : truthOut;
        auto& p = inside[i] ? predictedIn : predictedOut;
        t.push_back(truth[i]);
        p.push_back(predicted[i]);
    }
    ApplicabilityScores scores;
    scores.inside = truthIn.size();
    scores.outside = truthOut.size();
    scores.insideMetrics = computeMetrics(ConfusionMatrix(truthIn, predictedIn, classes));
    scores.outsideMetrics = computeMetrics(ConfusionMatrix(truthOut, predictedOut, classes));
    return scores;
}

}  // namespace bridgelc
