#include "app/cli/bench_aoa.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>

#include "core/aoa/feature_importance.h"
#include "core/aoa/nearest_neighbours.h"
#include "core/aoa/run_applicability.h"
#include "core/model/model.h"
#include "core/split/split.h"

namespace bridgelc::cli {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the process: on a machine shared with other work, wall clock also counts the time other
// processes held the core, and the share between two timed parts would follow the load rather than the work.
double cpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

// The largest |a[i] - b[i]| over a's points.
double largestDifference(const std::vector<double>& a, const std::vector<double>& b) {
    double largest = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        largest = std::max(largest, std::abs(a[i] - b[i]));
    return largest;
}

// The first `count` points' DI from the reference exact search (the k-d tree), standardised and weighted
// as AreaOfApplicability does, and how far the DI of the search in use lies from it.
nlohmann::json compareWithReference(const AreaOfApplicability& aoa, const std::vector<float>& queries,
                                    const std::vector<double>& di, std::size_t count) {
    const std::size_t d = aoa.featureCount();
    const NearestNeighbours reference(
        std::vector<double>(aoa.trainingMatrix().begin(), aoa.trainingMatrix().end()), d);
    std::vector<double> points(count * d), exact(count);
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t j = 0; j < d; ++j) {
            const double v = queries[i * d + j];
            points[i * d + j] = (std::isnan(v) || aoa.sds()[j] <= 0)
                                    ? 0.0
                                    : (v - aoa.means()[j]) / aoa.sds()[j] * aoa.weights()[j];
        }
    double cpuStart = cpuSeconds();
    reference.nearestDistances(points.data(), count, exact.data());
    const double referenceCpuSeconds = cpuSeconds() - cpuStart;
    // The search in use on the same points alone, for a speed comparison on equal terms (the full run's
    // points repeat these rows, which the groups of the clustered search may favour).
    cpuStart = cpuSeconds();
    const std::vector<double> again = aoa.dissimilarity(queries.data(), count);
    const double searchCpuSeconds = cpuSeconds() - cpuStart;
    std::size_t sameDecision = 0, withinOnePercent = 0;
    double largest = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double expected = exact[i] / aoa.meanDistance();
        // Relative to DI, or to 1e-6 for a point (nearly) equal to a training point.
        const double relative = std::abs(di[i] - expected) / std::max(expected, 1e-6);
        largest = std::max(largest, relative);
        withinOnePercent += relative <= 0.01 ? 1 : 0;
        sameDecision += aoa.inside(di[i]) == aoa.inside(expected) ? 1 : 0;
    }
    return {{"points", count},
            {"sameDecision", count ? double(sameDecision) / double(count) : 1.0},
            {"withinOnePercent", count ? double(withinOnePercent) / double(count) : 1.0},
            {"largestRelativeDifference", largest},
            {"referenceCpuSeconds", referenceCpuSeconds},
            {"referencePointsPerSecondCpu", referenceCpuSeconds > 0 ? count / referenceCpuSeconds : 0.0},
            {"searchPointsPerSecondCpu", searchCpuSeconds > 0 ? count / searchCpuSeconds : 0.0},
            {"largestDifferenceFromTheFullRun", largestDifference(again, di)}};
}

// Points checked against the reference search: enough for a share of 99.9 % to mean something.
constexpr std::size_t kReferenceSample = 20000;

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
    std::vector<double> lon(points), lat(points);
    for (std::size_t i = 0; i < points; ++i) {
        const std::int64_t source = unseen[i % unseen.size()];
        std::copy(data.row(source), data.row(source) + d, queries.begin() + i * d);
        lon[i] = data.lon[source];
        lat[i] = data.lat[source];
    }
    start = Clock::now();
    double cpuStart = cpuSeconds();
    const std::vector<double> di = aoa->dissimilarity(queries.data(), points);
    const double diSeconds = secondsSince(start), diCpuSeconds = cpuSeconds() - cpuStart;
    // Inference of the same points, one pass, by CPU time like the DI above.
    cpuStart = cpuSeconds();
    const std::vector<float> probabilities =
        model.predictProba(queries.data(), lon.data(), lat.data(), points);
    const double inferenceCpuSeconds = cpuSeconds() - cpuStart;
    std::size_t outside = 0;
    for (double value : di)
        outside += aoa->inside(value) ? 0 : 1;
    const double diRate = diSeconds > 0 ? points / diSeconds : 0.0;
    std::size_t weighted = 0;
    for (double weight : aoa->weights())
        weighted += weight > 0 ? 1 : 0;
    const nlohmann::json reference =
        compareWithReference(*aoa, queries, di, std::min(points, kReferenceSample));
    return {{"trainingPoints", split.train.size()},
            {"features", d},
            {"weightKind", aoa->importance().kind},
            {"weightedFeatures", weighted},
            {"importanceSeconds", importanceSeconds},
            {"meanDistanceSeconds", aoa->meanDistanceSeconds()},
            {"trainingDiSeconds", aoa->trainingDiSeconds()},
            {"indexSeconds", aoa->indexSeconds()},
            {"buildSeconds", importanceSeconds + buildSeconds},
            {"points", points},
            {"diSeconds", diSeconds},
            {"diPointsPerSecond", diRate},
            {"inferencePointsPerSecond", inferencePointsPerSecond},
            {"addedShareOfPrediction", diRate > 0 ? inferencePointsPerSecond / diRate : 0.0},
            {"shareOutside", points ? double(outside) / double(points) : 0.0},
            {"diCpuSeconds", diCpuSeconds},
            {"inferenceCpuSeconds", inferenceCpuSeconds},
            {"addedShareOfPredictionCpu", inferenceCpuSeconds > 0 ? diCpuSeconds / inferenceCpuSeconds : 0.0},
            {"diPointsPerSecondCpu", diCpuSeconds > 0 ? points / diCpuSeconds : 0.0},
            {"inferencePointsPerSecondCpu", inferenceCpuSeconds > 0 ? points / inferenceCpuSeconds : 0.0},
            {"reference", reference}};
}

std::string applicabilityBenchText(const nlohmann::json& aoa) {
    std::string text = fmt::format(
        "\narea of applicability against {} training points x {} features, {} weighted above 0 (exact "
        "clustered search over those, one thread):\n"
        "  DI of {} unseen points: {:.0f} points/s ({:.2f} s); inference {:.0f} points/s, so the AOA adds "
        "{:.0f}% to a prediction; {:.1f}% of them outside\n"
        "  by CPU time, one pass each over the same points: DI {:.2f} s ({:.0f} points/s), inference "
        "{:.2f} s ({:.0f} points/s), so the AOA adds {:.0f}%\n"
        "  building it: {:.2f} s (importance {:.2f} s [{}], exact d̄ {:.2f} s, training DI {:.2f} s, search "
        "index {:.2f} s)\n",
        aoa["trainingPoints"].get<std::size_t>(), aoa["features"].get<std::size_t>(),
        aoa.value("weightedFeatures", aoa["features"].get<std::size_t>()), aoa["points"].get<std::size_t>(),
        aoa["diPointsPerSecond"].get<double>(), aoa["diSeconds"].get<double>(),
        aoa["inferencePointsPerSecond"].get<double>(), 100 * aoa["addedShareOfPrediction"].get<double>(),
        100 * aoa["shareOutside"].get<double>(), aoa.value("diCpuSeconds", 0.0),
        aoa.value("diPointsPerSecondCpu", 0.0), aoa.value("inferenceCpuSeconds", 0.0),
        aoa.value("inferencePointsPerSecondCpu", 0.0), 100 * aoa.value("addedShareOfPredictionCpu", 0.0),
        aoa["buildSeconds"].get<double>(), aoa["importanceSeconds"].get<double>(),
        aoa["weightKind"].get<std::string>(), aoa["meanDistanceSeconds"].get<double>(),
        aoa["trainingDiSeconds"].get<double>(), aoa.value("indexSeconds", 0.0));
    if (aoa.contains("reference")) {
        const nlohmann::json& reference = aoa["reference"];
        text += fmt::format(
            "  against the reference k-d tree on the first {} points: same inside/outside decision for "
            "{:.3f}%, DI within 1% for {:.3f}%, largest relative difference {:.2g}; on these points alone, "
            "by "
            "CPU time, the k-d tree ran {:.0f} points/s and the search in use {:.0f}\n",
            reference["points"].get<std::size_t>(), 100 * reference["sameDecision"].get<double>(),
            100 * reference["withinOnePercent"].get<double>(),
            reference["largestRelativeDifference"].get<double>(),
            reference["referencePointsPerSecondCpu"].get<double>(),
            reference.value("searchPointsPerSecondCpu", 0.0));
    }
    return text;
}

}  // namespace bridgelc::cli
