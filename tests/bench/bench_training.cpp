// Training and inference speed of BRIDGE-LC on this machine, next to LibTorch's own matrix-multiply speed at
// the model's layer sizes (the ceiling a training step can approach). `bridgelc bench` prints the same
// figures as ratios and compares with PyTorch. Single thread unless --benchmark_filter picks a *Threads2
// case.
#include <benchmark/benchmark.h>

#include <torch/torch.h>

#include "core/data/point_reader.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/nn/positional_encoding.h"
#include "core/run/throughput.h"
#include "core/train/compute_threads.h"
#include "core/train/training_step.h"

namespace {

using namespace bridgelc;

constexpr int kFeatures = 35, kClasses = 8, kRegions = 8;

/// One optimiser step of BRIDGE-LC (the trainer's own TrainingStep) on a random batch of state.range(0).
void BM_TrainStep(benchmark::State& state) {
    setComputeThreads(static_cast<int>(state.range(1)));
    keepFreedMemoryForReuse();
    const std::int64_t batch = state.range(0);
    torch::manual_seed(0);
    NetworkShape shape;
    shape.features = kFeatures;
    shape.classes = kClasses;
    shape.regions = kRegions;
    shape.location = LocationInput::LearnedEncoding;
    LandCoverNet net(shape);
    net->train();
    TrainingSettings settings;
    TrainingStep step(net, settings, torch::ones({kClasses}), true);
    const torch::Tensor x = torch::rand({batch, kFeatures});
    const torch::Tensor e = torch::rand({batch, static_cast<std::int64_t>(kPositionalEncodingDims)});
    const torch::Tensor y = torch::randint(kClasses, {batch}, torch::kLong);
    const torch::Tensor r = torch::randint(kRegions, {batch}, torch::kLong);
    for (auto _ : state)
        benchmark::DoNotOptimize(step.run(x, e, y, r).total);
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["MFLOP/sample"] = 6e-6 * bridgeLcMultiplyAddsPerSample(kFeatures, kClasses, kRegions);
}
BENCHMARK(BM_TrainStep)->Args({128, 1})->Args({1024, 1})->Args({128, 2})->Unit(benchmark::kMillisecond);

/// A whole epoch through the product path (NeuralModel::fit -> TorchTrainer): index_select batches, loss
/// bookkeeping, everything a user's training run pays for.
void BM_TrainEpochs(benchmark::State& state) {
    ThroughputShape shape;
    shape.batch = static_cast<int>(state.range(0));
    shape.rows = 8192;
    double rate = 0;
    for (auto _ : state)
        rate = measureTrainingThroughput("bridgelc", shape, 2, 1).samplesPerSecond;
    state.counters["samples/s"] = rate;
}
BENCHMARK(BM_TrainEpochs)->Arg(128)->Arg(1024)->Iterations(1)->Unit(benchmark::kSecond);

/// predict over 1,000,000 points made by repeating the real 4k sample's rows.
void BM_Inference1M(benchmark::State& state) {
    setComputeThreads(1);
    LoadResult loaded = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv");
    if (!loaded.dataset) {
        state.SkipWithError("the 4k sample did not load");
        return;
    }
    const Dataset& sample = *loaded.dataset;
    std::vector<std::int64_t> rows(sample.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = static_cast<std::int64_t>(i);
    TrainingSettings settings;
    settings.epochs = 1;
    TrainingObserver quiet;
    auto model = createModel("bridgelc");
    model->fit(TrainingData{sample, rows, {}}, settings, quiet);
    const Dataset points = repeatRows(sample, 1000000);
    for (auto _ : state)
        benchmark::DoNotOptimize(measureInferenceThroughput(*model, points));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(points.size()));
}
BENCHMARK(BM_Inference1M)->Iterations(1)->Unit(benchmark::kSecond);

/// torch::mm speed at the model's layer sizes and at a large size.
void BM_Matmul(benchmark::State& state) {
    setComputeThreads(1);
    const auto m = state.range(0), k = state.range(1), n = state.range(2);
    const torch::Tensor a = torch::rand({m, k}), b = torch::rand({k, n});
    torch::Tensor c = torch::empty({m, n});
    for (auto _ : state)
        torch::mm_out(c, a, b);
    state.counters["GFLOP/s"] =
        benchmark::Counter(2.0 * m * k * n * state.iterations() / 1e9, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Matmul)
    ->Args({128, kFeatures + 128, 256})
    ->Args({128, 256, 256})
    ->Args({1024, 256, 256})
    ->Args({2048, 2048, 2048})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
