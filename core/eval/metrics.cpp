#include "core/eval/metrics.h"

#include <stdexcept>
#include <string>

namespace bridgelc {

namespace {
double ratio(double numerator, double denominator) {
    return denominator > 0 ? numerator / denominator : 0.0;
}
}  // namespace

Metrics computeMetrics(const ConfusionMatrix& confusion) {
    const std::size_t classes = confusion.classes();
    Metrics metrics;
    metrics.points = confusion.total();
    metrics.perClass.resize(classes);
    if (metrics.points == 0) return metrics;
    const double n = static_cast<double>(metrics.points);

    double diagonal = 0, chance = 0;
    double macroSum = 0, weightedSum = 0, recallSum = 0;
    std::size_t labelsSeen = 0, classesInTruth = 0;
    for (std::size_t c = 0; c < classes; ++c) {
        const double tp = static_cast<double>(confusion.at(c, c));
        const std::size_t row = confusion.rowTotal(c);
        const std::size_t column = confusion.columnTotal(c);
        ClassScores& s = metrics.perClass[c];
        s.support = row;
        s.precision = ratio(tp, static_cast<double>(column));
        s.recall = ratio(tp, static_cast<double>(row));
        // 2tp / (2tp + fp + fn) equals 2pr / (p + r) and is defined whenever the class appears at all.
        s.f1 = ratio(2 * tp, static_cast<double>(row + column));

        diagonal += tp;
        chance += static_cast<double>(row) * static_cast<double>(column);
        weightedSum += s.f1 * static_cast<double>(row);
        // scikit-learn's default label set is the union of true and predicted labels: a class that is in
        // neither does not dilute the macro average.
        if (row + column > 0) {
            macroSum += s.f1;
            ++labelsSeen;
        }
        if (row > 0) {
            recallSum += s.recall;
            ++classesInTruth;
        }
    }
    metrics.overallAccuracy = diagonal / n;
    const double expected = chance / (n * n);
    metrics.kappa = ratio(metrics.overallAccuracy - expected, 1.0 - expected);
    metrics.macroF1 = ratio(macroSum, static_cast<double>(labelsSeen));
    metrics.weightedF1 = weightedSum / n;
    metrics.balancedAccuracy = ratio(recallSum, static_cast<double>(classesInTruth));
    return metrics;
}

std::vector<Metrics> metricsPerRegion(const std::vector<int>& truth, const std::vector<int>& predicted,
                                      const std::vector<int>& region, std::size_t classes,
                                      std::size_t regions) {
    if (truth.size() != predicted.size() || truth.size() != region.size())
        throw std::invalid_argument("metrics per region: " + std::to_string(truth.size()) + " labels, " +
                                    std::to_string(predicted.size()) + " predictions and " +
                                    std::to_string(region.size()) + " regions differ in length");
    std::vector<ConfusionMatrix> confusions(regions, ConfusionMatrix(classes));
    for (std::size_t i = 0; i < truth.size(); ++i) {
        // Points outside every region (-1) or beyond the list have no region to be scored in.
        if (region[i] < 0 || static_cast<std::size_t>(region[i]) >= regions) continue;
        confusions[static_cast<std::size_t>(region[i])].add(truth[i], predicted[i]);
    }
    std::vector<Metrics> result;
    result.reserve(regions);
    for (const ConfusionMatrix& confusion : confusions)
        result.push_back(computeMetrics(confusion));
    return result;
}

}  // namespace bridgelc
