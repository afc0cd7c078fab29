#pragma once
#include <cstdint>
#include <vector>

namespace bridgelc {

/// The labelled test points of one job: true and predicted class, in the split's test order.
struct SeedPredictions {
    std::uint64_t seed = 0;
    std::vector<int> truth, predicted;
};

/// A model's gain in weighted F1 over a baseline (model minus baseline, as a fraction, not percent) with
/// its 95 % percentile interval.
struct BootstrapGain {
    double gain = 0;           ///< mean over paired seeds of the gain on every test point
    double low = 0, high = 0;  ///< 2.5 and 97.5 percentiles of the resampled gains
    std::size_t seeds = 0;     ///< seeds both models finished
    std::size_t points = 0;    ///< test points of the fold
    bool excludesZero() const { return low > 0 || high < 0; }
};

/// Paired bootstrap over the folds of one comparison. Per fold and replicate, the fold's seeds (those both
/// models have) are drawn with replacement, and its test points are drawn with replacement once, shared by
/// both models and every drawn seed; the replicate's gain is the mean over the drawn seeds of weighted F1
/// (model) - weighted F1 (baseline) on the drawn points. The overall replicate is the mean of the folds'
/// replicates, so the overall interval carries every fold's uncertainty.
struct BootstrapComparison {
    std::vector<BootstrapGain> folds;  ///< in the order given
    BootstrapGain overall;             ///< mean over folds
    std::size_t foldsImproved = 0;     ///< folds whose gain is above 0
    /// The verdict rule: the overall interval lies above 0 and at least three quarters of the folds improve
    /// (6 of 8 held-out regions).
    bool beatsBaseline() const;
};

/// `model[f]` and `baseline[f]` hold the runs of fold f, one per seed; seeds are paired by value and
/// unpaired ones left out. Runs of one fold must share their truth (same test points), else
/// std::invalid_argument. A fold without a paired seed throws as well. `samples` replicates (B) drawn from
/// a generator seeded with `seed`, so a table is reproducible.
BootstrapComparison pairedBootstrap(const std::vector<std::vector<SeedPredictions>>& model,
                                    const std::vector<std::vector<SeedPredictions>>& baseline,
                                    std::size_t classes, int samples = 1000, std::uint64_t seed = 0);

/// Weighted F1 (support-weighted mean of per-class F1, as computeMetrics) of points counted `weights[i]`
/// times; undefined ratios count 0.
double weightedF1(const std::vector<int>& truth, const std::vector<int>& predicted,
                  const std::vector<std::uint32_t>& weights, std::size_t classes);

}  // namespace bridgelc
