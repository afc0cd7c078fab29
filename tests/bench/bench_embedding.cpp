// Dimensionality reduction at the Embeddings view's size: Barnes-Hut t-SNE and PCA of 5,000 points of 256
// dimensions (the branch width), on one and two compute threads; t-SNE of 20,000 points; and, when
// scikit-learn is installed, its Barnes-Hut t-SNE of the same 5,000 points with the same settings on one
// thread in the same run, as a speed ratio. Run by hand:
//   bench_embedding --benchmark_min_time=1
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

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
// The view's case (1,000 iterations), 100 iterations for the cost of the neighbours and calibration with a
// few steps, and 20,000 points.
BENCHMARK(BM_Tsne)
    ->Args({5000, 1, 1000})
    ->Args({5000, 2, 1000})
    ->Args({5000, 1, 100})
    ->Args({20000, 1, 1000})
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Runs tests/bench/reference/tsne_sklearn.py on `data` (same settings as `options`) and returns its JSON;
/// its embedding lands in `embedding`. Throws with the script's output when it fails.
nlohmann::json runScikitLearn(const FloatMatrix& data, const TsneOptions& options, int threads,
                              FloatMatrix& embedding) {
    namespace fs = std::filesystem;
    const fs::path script = fs::path(BRIDGELC_BENCH_REFERENCE_DIR) / "tsne_sklearn.py";
    const fs::path dir = fs::temp_directory_path() / fmt::format("bench_embedding_{}", ::getpid());
    fs::create_directories(dir);
    const fs::path input = dir / "x.f32", output = dir / "y.f32";
    std::ofstream(input, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.values.data()),
               static_cast<std::streamsize>(data.values.size() * sizeof(float)));
    // Debian's python3-sklearn lives in the system interpreter, which a pyenv or venv may shadow.
    const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const std::string command = fmt::format(
        "env OMP_NUM_THREADS={0} OPENBLAS_NUM_THREADS={0} '{1}' '{2}' --input '{3}' --output '{4}' --rows "
        "{5} "
        "--cols {6} --perplexity {7} --exaggeration {8} --learning-rate {9} --iterations {10} --threads {0} "
        "2>&1",
        threads, python, script.string(), input.string(), output.string(), data.rows, data.cols,
        options.perplexity, options.earlyExaggeration, tsneLearningRate(options, data.rows),
        options.iterations);
    FILE* pipe = popen(command.c_str(), "r");
    std::string text;
    std::array<char, 4096> buffer{};
    while (pipe && fgets(buffer.data(), buffer.size(), pipe))
        text += buffer.data();
    const int status = pipe ? pclose(pipe) : -1;
    embedding = FloatMatrix(data.rows, 2);
    std::ifstream(output, std::ios::binary)
        .read(reinterpret_cast<char*>(embedding.values.data()),
              static_cast<std::streamsize>(embedding.values.size() * sizeof(float)));
    fs::remove_all(dir);
    const std::size_t line = text.rfind("{\"");
    if (status != 0 || line == std::string::npos)
        throw std::runtime_error("scikit-learn t-SNE failed: " + text);
    nlohmann::json result = nlohmann::json::parse(text.substr(line));
    if (result.contains("error")) throw std::runtime_error(result["error"].get<std::string>());
    return result;
}

/// Ours and scikit-learn's Barnes-Hut t-SNE of the same points, both on one thread with the same perplexity,
/// exaggeration, learning rate and iterations: the seconds of each and their ratio, and each embedding's
/// KL divergence and 10-NN class agreement.
void BM_TsneAgainstScikitLearn(benchmark::State& state) {
    std::vector<int> labels;
    const FloatMatrix data = clusteredPoints(static_cast<std::size_t>(state.range(0)), labels);
    setComputeThreads(1);
    const TsneOptions options;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const std::clock_t cpuStart = std::clock();
        const TsneResult ours = tsne(data, options);
        const double oursSeconds = secondsSince(start);
        // CPU seconds too: on a shared machine they tell the work apart from the waiting.
        const double oursCpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        FloatMatrix theirs;
        nlohmann::json reference;
        try {
            reference = runScikitLearn(data, options, 1, theirs);
        } catch (const std::exception& e) {
            state.SkipWithError(e.what());
            return;
        }
        const double theirSeconds = reference["seconds"].get<double>();
        state.counters["ours_s"] = oursSeconds;
        state.counters["sklearn_s"] = theirSeconds;
        state.counters["speedup"] = theirSeconds / oursSeconds;
        state.counters["ours_cpu_s"] = oursCpu;
        state.counters["sklearn_cpu_s"] = reference["cpu_seconds"].get<double>();
        state.counters["cpu_speedup"] = reference["cpu_seconds"].get<double>() / oursCpu;
        state.counters["ours_kl"] = ours.klDivergence;
        state.counters["sklearn_kl"] = reference["kl_divergence"].get<double>();
        state.counters["ours_knn"] = neighbourAgreement(ours.embedding, labels, 10);
        state.counters["sklearn_knn"] = neighbourAgreement(theirs, labels, 10);
        std::printf(
            "t-SNE of %zu x %zu, 1 thread, %d iterations: ours %.2f s (CPU %.2f s), scikit-learn %s %.2f s "
            "(CPU %.2f s): %.2fx\n",
            data.rows, data.cols, options.iterations, oursSeconds, oursCpu,
            reference["sklearn"].get<std::string>().c_str(), theirSeconds,
            reference["cpu_seconds"].get<double>(), theirSeconds / oursSeconds);
    }
}
BENCHMARK(BM_TsneAgainstScikitLearn)->Arg(5000)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

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
