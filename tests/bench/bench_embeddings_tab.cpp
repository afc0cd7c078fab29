// The Embeddings tab's work on the real table: BRIDGE-LC trained on its EXTRAP split (a few epochs, the
// laptop preset otherwise), the tab's sample of test points (kEmbeddingPointLimit, seed 0), the branch
// outputs, PCA and agreements (prepareEmbeddings), and the t-SNE of both branches as the tab runs it
// (computeTsne, the two branches side by side) against the two branches one after the other on one thread,
// in the same run. Run by hand:
//   bench_embeddings_tab [--benchmark_filter=...]   (BRIDGELC_EMBEDDING_EPOCHS=n to train longer)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "core/data/point_reader.h"
#include "core/embed/tsne.h"
#include "core/model/learned_representations.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/split/split.h"
#include "core/train/compute_threads.h"
#include "ui/jobs/embedding_job.h"

namespace bridgelc {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The real table, a trained BRIDGE-LC and its EXTRAP test rows, made once.
struct TabInput {
    std::unique_ptr<Dataset> dataset;
    std::unique_ptr<Model> model;
    std::vector<std::int64_t> testRows;
};

const TabInput& tabInput() {
    static const TabInput input = [] {
        TabInput in;
        LoadResult loaded = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2.csv");
        if (!loaded.dataset) return in;
        in.dataset = std::make_unique<Dataset>(std::move(*loaded.dataset));
        const Split split = extrapSplit(*in.dataset);
        TrainingSettings settings;
        const char* epochs = std::getenv("BRIDGELC_EMBEDDING_EPOCHS");
        settings.epochs = epochs ? std::atoi(epochs) : 3;
        settings.earlyStopping = false;
        settings.threads = 1;
        TrainingObserver quiet;
        in.model = createModel("bridgelc");
        in.model->fit(TrainingData{*in.dataset, split.train, split.validation}, settings, quiet);
        in.testRows = split.test;
        return in;
    }();
    return input;
}

/// What the tab does: the sample, branch outputs, PCA and agreements, then t-SNE of both branches.
void BM_EmbeddingsTab(benchmark::State& state) {
    setComputeThreads(1);
    const TabInput& in = tabInput();
    if (!in.model) {
        state.SkipWithError("the real table did not load");
        return;
    }
    double prepare = 0, sideBySide = 0, oneAfterOther = 0;
    for (auto _ : state) {
        auto start = std::chrono::steady_clock::now();
        EmbeddingSet set = prepareEmbeddings(*in.dataset, *in.model, in.testRows);
        prepare = secondsSince(start);
        start = std::chrono::steady_clock::now();
        if (!computeTsne(set, *in.dataset, *in.model, ReductionControl())) {
            state.SkipWithError("t-SNE did not finish");
            return;
        }
        sideBySide = secondsSince(start);
        // The former way, for the ratio: the same branch outputs, one branch after the other.
        start = std::chrono::steady_clock::now();
        const BranchOutputs outputs = branchOutputs(*in.model, *in.dataset, set.rows);
        benchmark::DoNotOptimize(tsne(outputs.invariant).klDivergence);
        benchmark::DoNotOptimize(tsne(outputs.specific).klDivergence);
        oneAfterOther = secondsSince(start);
        state.counters["points"] = static_cast<double>(set.rows.size());
    }
    state.counters["prepare_s"] = prepare;
    state.counters["tsne_both_side_by_side_s"] = sideBySide;
    state.counters["tsne_both_one_after_other_s"] = oneAfterOther;
    state.counters["tab_total_s"] = prepare + sideBySide;
    state.counters["speedup"] = oneAfterOther / sideBySide;
}
BENCHMARK(BM_EmbeddingsTab)->Iterations(1)->Repetitions(3)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace bridgelc

BENCHMARK_MAIN();
