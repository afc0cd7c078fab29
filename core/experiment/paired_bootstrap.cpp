#include "core/experiment/paired_bootstrap.h"

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace bridgelc {
namespace {

// Uniform in [0, bound) by rejection: std::uniform_int_distribution differs between standard libraries,
// and the same seed must give the same interval everywhere.
std::size_t below(std::mt19937_64& engine, std::size_t bound) {
    const std::uint64_t n = bound;
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t draw;
    do
        draw = engine();
    while (draw >= limit);
    return static_cast<std::size_t>(draw % n);
}

// Linear interpolation between order statistics (numpy's default percentile).
double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const double position = q * static_cast<double>(values.size() - 1);
    const std::size_t below = static_cast<std::size_t>(position);
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

struct PairedRun {
    const SeedPredictions* model;
    const SeedPredictions* baseline;
};

}  // namespace

double weightedF1(const std::vector<int>& truth, const std::vector<int>& predicted,
                  const std::vector<std::uint32_t>& weights, std::size_t classes) {
    std::vector<double> tp(classes, 0), row(classes, 0), column(classes, 0);
    double total = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        if (w == 0) continue;
        const auto t = static_cast<std::size_t>(truth[i]), p = static_cast<std::size_t>(predicted[i]);
        row[t] += w;
        if (p < classes) column[p] += w;
        if (t == p) tp[t] += w;
        total += w;
    }
    if (total == 0) return 0;
    double sum = 0;
    for (std::size_t c = 0; c < classes; ++c)
        if (row[c] + column[c] > 0) sum += row[c] * 2 * tp[c] / (row[c] + column[c]);
    return sum / total;
}

bool BootstrapComparison::beatsBaseline() const {
    return !folds.empty() && overall.low > 0 && foldsImproved * 4 >= folds.size() * 3;
}

BootstrapComparison pairedBootstrap(const std::vector<std::vector<SeedPredictions>>& model,
                                    const std::vector<std::vector<SeedPredictions>>& baseline,
                                    std::size_t classes, int samples, std::uint64_t seed) {
    if (model.size() != baseline.size())
        throw std::invalid_argument("paired bootstrap: the model has " + std::to_string(model.size()) +
                                    " folds, the baseline " + std::to_string(baseline.size()));
    if (samples < 1) throw std::invalid_argument("paired bootstrap: at least one replicate is needed");
    const auto b = static_cast<std::size_t>(samples);
    BootstrapComparison comparison;
    std::vector<double> overall(b, 0.0);
    for (std::size_t f = 0; f < model.size(); ++f) {
        std::vector<PairedRun> runs;
        for (const SeedPredictions& m : model[f])
            for (const SeedPredictions& g : baseline[f])
                if (m.seed == g.seed) runs.push_back({&m, &g});
        if (runs.empty())
            throw std::invalid_argument("paired bootstrap: fold " + std::to_string(f) +
                                        " has no seed both models finished");
        const std::vector<int>& truth = runs.front().model->truth;
        for (const PairedRun& run : runs)
            if (run.model->truth != truth || run.baseline->truth != truth ||
                run.model->predicted.size() != truth.size() || run.baseline->predicted.size() != truth.size())
                throw std::invalid_argument("paired bootstrap: the runs of fold " + std::to_string(f) +
                                            " were not tested on the same points");
        for (int t : truth)
            if (t < 0 || static_cast<std::size_t>(t) >= classes)
                throw std::invalid_argument("paired bootstrap: a true class outside 0.." +
                                            std::to_string(classes - 1));

        BootstrapGain gain;
        gain.seeds = runs.size();
        gain.points = truth.size();
        const std::vector<std::uint32_t> everyPoint;
        std::vector<double> seedGains;
        for (const PairedRun& run : runs)
            seedGains.push_back(weightedF1(truth, run.model->predicted, everyPoint, classes) -
                                weightedF1(truth, run.baseline->predicted, everyPoint, classes));
        for (double g : seedGains)
            gain.gain += g / static_cast<double>(runs.size());

        // One generator per fold, so adding a fold leaves the others' replicates as they were.
        std::mt19937_64 engine(seed * 1000003ULL + f);
        std::vector<double> replicates(b);
        std::vector<std::uint32_t> weights(truth.size());
        std::vector<std::size_t> drawnSeeds(runs.size());
        for (std::size_t r = 0; r < b; ++r) {
            std::fill(drawnSeeds.begin(), drawnSeeds.end(), 0);
            for (std::size_t s = 0; s < runs.size(); ++s)
                ++drawnSeeds[below(engine, runs.size())];
            std::fill(weights.begin(), weights.end(), 0);
            for (std::size_t i = 0; i < truth.size(); ++i)
                ++weights[below(engine, truth.size())];
            double sum = 0;
            for (std::size_t s = 0; s < runs.size(); ++s)
                if (drawnSeeds[s])
                    sum += static_cast<double>(drawnSeeds[s]) *
                           (weightedF1(truth, runs[s].model->predicted, weights, classes) -
                            weightedF1(truth, runs[s].baseline->predicted, weights, classes));
            replicates[r] = sum / static_cast<double>(runs.size());
            overall[r] += replicates[r] / static_cast<double>(model.size());
        }
        gain.low = percentile(replicates, 0.025);
        gain.high = percentile(replicates, 0.975);
        comparison.foldsImproved += gain.gain > 0 ? 1 : 0;
        comparison.overall.gain += gain.gain / static_cast<double>(model.size());
        comparison.overall.seeds = std::max(comparison.overall.seeds, gain.seeds);
        comparison.overall.points += gain.points;
        comparison.folds.push_back(gain);
    }
    if (!model.empty()) {
        comparison.overall.low = percentile(overall, 0.025);
        comparison.overall.high = percentile(overall, 0.975);
    }
    return comparison;
}

}  // namespace bridgelc
