#include "core/run/training_run.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/run/sanity_checks.h"
#include "core/run/training_memory.h"

namespace bridgelc {

namespace {

constexpr std::size_t kPredictChunk = 65536;

std::vector<double> testDissimilarity(const AreaOfApplicability& aoa, const Dataset& dataset,
                                      const std::vector<std::int64_t>& rows) {
    const std::size_t d = dataset.featureCount();
    std::vector<float> features(rows.size() * d);
    for (std::size_t i = 0; i < rows.size(); ++i)
        std::copy(dataset.row(rows[i]), dataset.row(rows[i]) + d, features.begin() + i * d);
    return aoa.dissimilarity(features.data(), rows.size());
}

}  // namespace

Predictions predict(const Model& model, const Dataset& dataset, const std::vector<std::int64_t>& rows) {
    if (dataset.featureCount() != model.featureCount())
        throw std::invalid_argument("the model expects " + std::to_string(model.featureCount()) +
                                    " features, the dataset has " + std::to_string(dataset.featureCount()));
    Predictions out;
    out.classes = model.classCount();
    if (rows.empty()) {
        out.rows.resize(dataset.size());
        for (std::size_t i = 0; i < dataset.size(); ++i)
            out.rows[i] = static_cast<std::int64_t>(i);
    } else {
        out.rows = rows;
    }
    const std::size_t n = out.rows.size(), d = dataset.featureCount(), classes = out.classes;
    out.predicted.resize(n);
    out.confidence.resize(n);
    out.probabilities.resize(n * classes);
    std::vector<float> features;
    std::vector<double> lon, lat;
    for (std::size_t start = 0; start < n; start += kPredictChunk) {
        const std::size_t length = std::min(kPredictChunk, n - start);
        features.resize(length * d);
        lon.resize(length);
        lat.resize(length);
        for (std::size_t i = 0; i < length; ++i) {
            const std::int64_t row = out.rows[start + i];
            std::copy(dataset.row(row), dataset.row(row) + d, features.begin() + i * d);
            lon[i] = dataset.lon[row];
            lat[i] = dataset.lat[row];
        }
        const std::vector<float> p = model.predictProba(features.data(), lon.data(), lat.data(), length);
        std::copy(p.begin(), p.end(), out.probabilities.begin() + start * classes);
        for (std::size_t i = 0; i < length; ++i) {
            const float* row = &p[i * classes];
            const std::size_t best = std::max_element(row, row + classes) - row;
            out.predicted[start + i] = static_cast<int>(best);
            out.confidence[start + i] = row[best];
        }
    }
    return out;
}

RunResult trainAndEvaluate(const Dataset& dataset, const Split& split, const std::string& modelName,
                           const TrainingSettings& settings, TrainingObserver& observer) {
    RunResult run;
    run.modelName = modelName;
    run.splitName = split.name;
    run.scenario = split.scenario;
    run.heldOutRegion = split.heldOutRegion;
    run.settings = settings;
    run.classNames = dataset.classNames;
    // The data's own problems travel with the run (metrics.json, the result banner), then the split's.
    run.warnings = datasetWarnings(dataset);
    for (std::string& warning : splitWarnings(dataset, split))
        run.warnings.push_back(std::move(warning));
    // Every return below keeps these warnings; the scores' are added once there are scores.
    auto addResultWarnings = [&run] {
        for (std::string& warning : resultWarnings(run))
            run.warnings.push_back(std::move(warning));
    };
    try {
        // Refuse before allocating anything rather than let the system kill the app half-way.
        const std::string memory = trainingMemoryProblem(modelInfo(modelName), settings,
                                                         split.train.size() + split.validation.size(),
                                                         dataset.featureCount(), dataset.classNames.size());
        if (!memory.empty()) {
            run.message = memory;
            observer.onMessage(memory);
            return run;
        }
        std::shared_ptr<Model> model = createModel(modelName);
        FitResult fit = model->fit(TrainingData{dataset, split.train, split.validation}, settings, observer);
        run.status = fit.status;
        run.message = fit.message;
        run.history = std::move(fit.history);
        run.bestEpoch = fit.bestEpoch;
        run.trainSeconds = fit.seconds;
        if (!fit.message.empty()) observer.onMessage(fit.message);
        if (!model->isTrained()) return run;
        run.model = model;
        const auto aoaStart = std::chrono::steady_clock::now();
        if (observer.isCancelled()) {
            // Stop means now: the seconds of importance and pairwise distances would hold the best model
            // back.
            run.aoaMessage = "no area of applicability: the run was stopped before it was computed";
        } else {
            observer.onPhase("area of applicability");
            try {
                run.aoa = buildAreaOfApplicability(*model, dataset, split, settings.seed);
            } catch (const std::exception& error) {
                run.aoaMessage = std::string("no area of applicability: ") + error.what();
            }
        }
        run.aoaSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - aoaStart).count();
        if (split.test.empty()) {
            addResultWarnings();
            return run;
        }

        observer.onPhase("evaluating");
        run.test = predict(*model, dataset, split.test);
        // Scores cover the test points with a known class; unlabelled ones still get predictions.
        if (run.aoa) run.testDi = testDissimilarity(*run.aoa, dataset, split.test);
        std::vector<int> truth, predicted, region;
        std::vector<bool> inside;
        truth.reserve(split.test.size());
        predicted.reserve(split.test.size());
        region.reserve(split.test.size());
        const int classes = static_cast<int>(dataset.classNames.size());
        for (std::size_t i = 0; i < split.test.size(); ++i) {
            const std::int64_t row = split.test[i];
            if (dataset.label[row] < 0 || dataset.label[row] >= classes) continue;
            truth.push_back(dataset.label[row]);
            predicted.push_back(run.test.predicted[i]);
            region.push_back(dataset.region[row]);
            if (run.aoa) inside.push_back(run.aoa->inside(run.testDi[i]));
        }
        if (run.aoa)
            run.testApplicability = scoreByApplicability(truth, predicted, inside, dataset.classNames.size());
        run.testConfusion = ConfusionMatrix(truth, predicted, dataset.classNames.size());
        run.testMetrics = computeMetrics(run.testConfusion);
        run.testMetricsPerRegion = metricsPerRegion(truth, predicted, region, dataset.classNames.size(),
                                                    biogeographicalRegions().size());
        addResultWarnings();
    } catch (const std::exception& error) {
        run.status = RunStatus::Failed;
        run.message = error.what();
    }
    return run;
}

}  // namespace bridgelc
