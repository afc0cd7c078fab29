#include "app/cli/bench_aoa.h"

#include <fmt/format.h>

#include <chrono>

#include "core/aoa/feature_importance.h"
#include "core/aoa/run_applicability.h"
#include "core/model/model.h"
#include "core/split/split.h"

namespace bridgelc::cli {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

nlohmann::json benchApplicability(const Model& model, const Dataset& data, std::size_t points,
                                  double inferencePointsPerSecond) {
    const Split split = extrapSplit(data, ExtrapOptions{});
    const std::size_t d = data.featureCount();

    auto start = Clock::now();
    const AoaWeights weights = featureImportance(model, data, split.validation, 0);
    const double importanceSeconds = secondsSince(start);
    const TrainingFolds folds = trainingFolds(data, split, 0);
    std::vector<float> training;
    training.reserve(split.train.size() * d);
    std::vector<std::string> ids;
    for (std::int64_t row : split.train) {
        training.insert(training.end(), data.row(row), data.row(row) + d);
        ids.push_back(data.ids.empty() ? std::to_string(row) : data.ids[row]);
    }
    start = Clock::now();
    const auto aoa =
        AreaOfApplicability::build(training.data(), split.train.size(), model.meta().featureNames, weights,
                                   folds.fold, folds.names, ids);
    const double buildSeconds = secondsSince(start);

    // Points the training part does not hold (a training point would find itself at distance 0 at once).
    std::vector<std::int64_t> unseen = split.validation;
    unseen.insert(unseen.end(), split.test.begin(), split.test.end());
    std::vector<float> queries(points * d);
    for (std::size_t i = 0; i < points; ++i) {
        const float* row = data.row(unseen[i % unseen.size()]);
        std::copy(row, row + d, queries.begin() + i * d);
    }
    start = Clock::now();
    const std::vector<double> di = aoa->dissimilarity(queries.data(), points);
    const double diSeconds = secondsSince(start);
    std::size_t outside = 0;
    for (double value : di)
        outside += aoa->inside(value) ? 0 : 1;
    const double diRate = diSeconds > 0 ? points / diSeconds : 0.0;
    std::size_t weighted = 0;
    for (double weight : aoa->weights())
        weighted += weight > 0 ? 1 : 0;
    return {{"trainingPoints", split.train.size()},
            {"features", d},
            {"weightKind", aoa->importance().kind},
            {"weightedFeatures", weighted},
            {"importanceSeconds", importanceSeconds},
            {"meanDistanceSeconds", aoa->meanDistanceSeconds()},
            {"trainingDiSeconds", aoa->trainingDiSeconds()},
            {"buildSeconds", importanceSeconds + buildSeconds},
            {"points", points},
            {"diSeconds", diSeconds},
            {"diPointsPerSecond", diRate},
            {"inferencePointsPerSecond", inferencePointsPerSecond},
            {"addedShareOfPrediction", diRate > 0 ? inferencePointsPerSecond / diRate : 0.0},
            {"shareOutside", points ? double(outside) / double(points) : 0.0}};
}

std::string applicabilityBenchText(const nlohmann::json& aoa) {
    return fmt::format(
        "\narea of applicability against {} training points x {} features, {} weighted above 0 (exact "
        "k-d tree over those, one thread):\n"
        "  DI of {} unseen points: {:.0f} points/s ({:.2f} s); inference {:.0f} points/s, so the AOA adds "
        "{:.0f}% to a prediction; {:.1f}% of them outside\n"
        "  building it: {:.2f} s (importance {:.2f} s [{}], exact d̄ {:.2f} s, training DI {:.2f} s)\n",
        aoa["trainingPoints"].get<std::size_t>(), aoa["features"].get<std::size_t>(),
        aoa.value("weightedFeatures", aoa["features"].get<std::size_t>()), aoa["points"].get<std::size_t>(),
        aoa["diPointsPerSecond"].get<double>(), aoa["diSeconds"].get<double>(),
        aoa["inferencePointsPerSecond"].get<double>(), 100 * aoa["addedShareOfPrediction"].get<double>(),
        100 * aoa["shareOutside"].get<double>(), aoa["buildSeconds"].get<double>(),
        aoa["importanceSeconds"].get<double>(), aoa["weightKind"].get<std::string>(),
        aoa["meanDistanceSeconds"].get<double>(), aoa["trainingDiSeconds"].get<double>());
}

}  // namespace bridgelc::cli
