// Dimensionality reduction at the Embeddings view's size: exact t-SNE and PCA of 5,000 points of 256
// dimensions (the branch width), on one and two compute threads. Run by hand:
//   bench_embedding --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <random>

#include "core/embed/neighbour_agreement.h"
#include "core/embed/pca.h"
#include "core/embed/tsne.h"
#include "core/train/compute_threads.h"

namespace bridgelc {
namespace {

/// n points in 8 Gaussian clusters of a 256-d space, like branch outputs of 8 classes.
FloatMatrix clusteredPoints(std::size_t n, std::vector<int>& labels) {
    std::mt19937 rng(11);
    std::normal_distribution<float> noise;
    FloatMatrix m(n, 256);
    labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<int>(i % 8);
        for (std::size_t j = 0; j < 256; ++j)
            m.at(i, j) = noise(rng) + (j % 8 == static_cast<std::size_t>(labels[i]) ? 4.f : 0.f);
    }
    return m;
}

// Threads as the app sets them: OpenBLAS gets them, LibTorch's own pool stays at one (two pools with two
// threads each fight over two cores; DESIGN section 5).
void threads(const benchmark::State& state) {
    setComputeThreads(static_cast<int>(state.range(1)));
}

void BM_Tsne(benchmark::State& state) {
    std::vector<int> labels;
    const FloatMatrix data = clusteredPoints(static_cast<std::size_t>(state.range(0)), labels);
    threads(state);
    double agreement = 0;
    int iterations = 0;
    TsneOptions options;
    options.iterations = static_cast<int>(state.range(2));
    for (auto _ : state) {
        const TsneResult result = tsne(data, options);
        iterations = result.iterations;
        agreement = neighbourAgreement(result.embedding, labels, 10);
    }
    state.counters["iterations"] = iterations;
    state.counters["knn_class_agreement"] = agreement;
}
// The view's case (1,000 iterations), and 100 iterations for the cost of one step after the calibration.
BENCHMARK(BM_Tsne)
    ->Args({5000, 1, 1000})
    ->Args({5000, 2, 1000})
    ->Args({5000, 1, 100})
    ->Args({5000, 2, 100})
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

void BM_Pca(benchmark::State& state) {
    std::vector<int> labels;
    const FloatMatrix data = clusteredPoints(static_cast<std::size_t>(state.range(0)), labels);
    threads(state);
    for (auto _ : state)
        benchmark::DoNotOptimize(pca(data, 2));
}
BENCHMARK(BM_Pca)->Args({5000, 1})->Args({5000, 2})->Unit(benchmark::kMillisecond);

void BM_NeighbourAgreement(benchmark::State& state) {
    std::vector<int> labels;
    const FloatMatrix data = clusteredPoints(static_cast<std::size_t>(state.range(0)), labels);
    threads(state);
    for (auto _ : state)
        benchmark::DoNotOptimize(neighbourAgreements(data, {labels, labels}, 10));
}
BENCHMARK(BM_NeighbourAgreement)->Args({5000, 1})->Args({5000, 2})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bridgelc

BENCHMARK_MAIN();
