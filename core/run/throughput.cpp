#include "core/run/throughput.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <random>

#include <torch/torch.h>

#include "core/geo/regions.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/train/compute_threads.h"

namespace bridgelc {
namespace {

double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

double wallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double best(const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    return v.size() % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/// Clock readings at the end of every epoch.
class EpochClock : public TrainingObserver {
public:
    void onPhase(const std::string& phase) override {
        if (phase == "training") mark();
    }
    void onEpoch(const EpochReport&) override { mark(); }
    std::vector<double> wall, cpu;

private:
    void mark() {
        wall.push_back(wallSeconds());
        cpu.push_back(cpuSeconds());
    }
};

}  // namespace

TrainingThroughput measureTrainingThroughput(const std::string& modelName, const ThroughputShape& shape,
                                             int epochs, int threads) {
    Dataset ds;
    std::mt19937 rng(0);
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    std::uniform_real_distribution<double> lon(-10, 30), lat(36, 64);
    const int regionCount = std::min<int>(shape.regions, static_cast<int>(biogeographicalRegions().size()));
    for (int j = 0; j < shape.features; ++j)
        ds.featureNames.push_back("f" + std::to_string(j));
    for (int c = 0; c < shape.classes; ++c)
        ds.classNames.push_back("c" + std::to_string(c));
    ds.features.resize(static_cast<std::size_t>(shape.rows) * shape.features);
    for (float& v : ds.features)
        v = unit(rng);
    std::vector<std::int64_t> rows;
    for (int i = 0; i < shape.rows; ++i) {
        ds.lon.push_back(lon(rng));
        ds.lat.push_back(lat(rng));
        ds.label.push_back(static_cast<int>(rng() % shape.classes));
        ds.region.push_back(static_cast<int>(rng() % regionCount));
        rows.push_back(i);
    }
    TrainingSettings settings;
    settings.epochs = epochs + 1;
    settings.batchSize = shape.batch;
    settings.earlyStopping = false;
    settings.threads = threads;
    EpochClock clock;
    auto model = createModel(modelName);
    const FitResult fit = model->fit(TrainingData{ds, rows, {}}, settings, clock);
    if (fit.status != RunStatus::Completed) throw std::runtime_error("throughput run failed: " + fit.message);
    const double samples = static_cast<double>(shape.rows / shape.batch) * shape.batch;
    std::vector<double> wallRates, cpuRates;
    for (std::size_t e = 2; e < clock.wall.size(); ++e) {  // skip the start mark and the warm-up epoch
        wallRates.push_back(samples / (clock.wall[e] - clock.wall[e - 1]));
        cpuRates.push_back(samples / (clock.cpu[e] - clock.cpu[e - 1]));
    }
    return {best(wallRates), best(cpuRates), static_cast<int>(wallRates.size())};
}

Dataset repeatRows(const Dataset& source, std::size_t points) {
    Dataset out;
    out.featureNames = source.featureNames;
    out.classNames = source.classNames;
    const std::size_t d = source.featureCount(), n = source.size();
    out.features.resize(points * d);
    out.lon.resize(points);
    out.lat.resize(points);
    out.label.resize(points);
    out.region.resize(points);
    for (std::size_t i = 0; i < points; ++i) {
        const std::size_t r = i % n;
        std::copy(source.row(r), source.row(r) + d, out.features.begin() + i * d);
        out.lon[i] = source.lon[r];
        out.lat[i] = source.lat[r];
        out.label[i] = source.label[r];
        out.region[i] = source.region[r];
    }
    return out;
}

double measureInferenceThroughput(const Model& model, const Dataset& data, double* cpuPointsPerSecond,
                                  int passes) {
    double bestWall = 0, bestCpu = 0;
    for (int pass = 0; pass < std::max(passes, 1); ++pass) {
        const double wall0 = wallSeconds(), cpu0 = cpuSeconds();
        const std::vector<float> p =
            model.predictProba(data.features.data(), data.lon.data(), data.lat.data(), data.size());
        const double wall = wallSeconds() - wall0, cpu = cpuSeconds() - cpu0;
        if (p.empty()) return 0.0;
        bestWall = std::max(bestWall, data.size() / wall);
        bestCpu = std::max(bestCpu, data.size() / cpu);
    }
    if (cpuPointsPerSecond) *cpuPointsPerSecond = bestCpu;
    return bestWall;
}

namespace {

/// Random float32 operands of one (m x k)(k x n) multiply and its output, multiplied once to warm up.
class MatmulOperands {
public:
    MatmulOperands(int m, int k, int n)
        : m_a(torch::rand({m, k})),
          m_b(torch::rand({k, n})),
          m_c(torch::empty({m, n})),
          m_flop(2.0 * m * k * n) {
        multiply();
    }
    void multiply() { torch::mm_out(m_c, m_a, m_b); }
    double flop() const { return m_flop; }

private:
    torch::NoGradGuard m_noGrad;
    torch::Tensor m_a, m_b, m_c;
    double m_flop;
};

}  // namespace

double matmulGflops(int m, int k, int n, int threads, double minSeconds, double* cpuGflops) {
    setComputeThreads(threads);
    MatmulOperands operands(m, k, n);
    double best = 0, bestCpu = 0, spent = 0;
    int repeats = 1;
    while (spent < minSeconds) {
        const double t0 = wallSeconds(), c0 = cpuSeconds();
        for (int i = 0; i < repeats; ++i)
            operands.multiply();
        const double t = wallSeconds() - t0, cpu = cpuSeconds() - c0;
        spent += t;
        best = std::max(best, operands.flop() * repeats / t / 1e9);
        if (cpu > 0) bestCpu = std::max(bestCpu, operands.flop() * repeats / cpu / 1e9);
        if (t < 0.02) repeats *= 2;
    }
    if (cpuGflops) *cpuGflops = bestCpu;
    return best;
}

MatmulRun matmulRun(int m, int k, int n, double seconds) {
    MatmulOperands operands(m, k, n);
    const double wall0 = wallSeconds(), cpu0 = cpuSeconds();
    long long repeats = 0;
    double wall = 0;
    while (wall < seconds) {
        operands.multiply();
        ++repeats;
        wall = wallSeconds() - wall0;
    }
    const double flop = operands.flop() * static_cast<double>(repeats), cpu = cpuSeconds() - cpu0;
    return {flop / wall / 1e9, cpu > 0 ? flop / cpu / 1e9 : 0.0};
}

InferenceShare measureInferenceShare(const Model& model, const Dataset& data, double flopPerPoint, int m,
                                     int k, int n, int passes) {
    InferenceShare result;
    std::vector<double> cpuShares;
    double runSeconds = 1.0;
    for (int pass = 0; pass < std::max(passes, 1); ++pass) {
        const MatmulRun matmul = matmulRun(m, k, n, runSeconds);
        double cpuRate = 0;
        const double rate = measureInferenceThroughput(model, data, &cpuRate, 1);
        if (rate <= 0) return {};
        runSeconds = data.size() / rate;
        result.pointsPerSecond = std::max(result.pointsPerSecond, rate);
        result.passPointsPerSecond.push_back(rate);
        result.cpuPointsPerSecond = std::max(result.cpuPointsPerSecond, cpuRate);
        result.passShares.push_back(rate * flopPerPoint / 1e9 / matmul.gflops);
        cpuShares.push_back(cpuRate * flopPerPoint / 1e9 / matmul.cpuGflops);
    }
    result.medianPointsPerSecond = median(result.passPointsPerSecond);
    result.share = median(result.passShares);
    result.cpuShare = median(cpuShares);
    return result;
}

double bridgeLcMultiplyAddsPerSample(int features, int classes, int regions) {
    const double h = 256, pe = 128, in = features + pe;
    const double positional = pe * h + h * pe;
    const double branch = in * h + 2 * h * h;
    return positional + 2 * branch + h * classes + h * regions;
}

double bridgeLcInferenceMultiplyAddsPerPoint(int features, int classes) {
    const double h = 256, pe = 128, in = features + pe;
    return pe * h + h * pe + in * h + 2 * h * h + h * classes;
}

}  // namespace bridgelc
