// `bridgelc bench`: how fast BRIDGE-LC trains and predicts on this machine, next to LibTorch's
// matrix-multiply speed at the model's layer sizes and, with --python, the same model in PyTorch (Python), as
// ratios; and the random forest's fit against scikit-learn's on the same rows.
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/bench_aoa.h"
#include "app/cli/bench_forest.h"
#include "app/cli/bench_raster.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "core/data/point_reader.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/nn/inference_block.h"
#include "core/run/throughput.h"
#include "core/train/compute_threads.h"

namespace bridgelc::cli {
namespace {

constexpr int kInferenceBlock = static_cast<int>(kInferenceBlockRows);
constexpr int kInferencePasses = 3;

struct BenchArgs {
    std::string data;
    bool python = false;
    std::string pythonExe;
    std::string script;
    int threads = 1;
    int pythonThreads = 0;  ///< 0: the same as threads
    int rows = 16384;
    int epochs = 3;
    std::size_t points = 1000000;
    int rasterSide = -1;  ///< 0: no raster benchmark; -1: about as many pixels as --points
    int forestTrees = 130;
    bool noForest = false;
    bool noAoa = false;
    bool json = false;
};

std::string referenceScript(const char* name) {
    // Next to the source tree the program was built from (benchmarks are a developer tool).
    return (std::filesystem::path(BRIDGELC_SOURCE_RESOURCES_DIR).parent_path() / "tests/bench/reference" /
            name)
        .string();
}

std::string defaultScript() {
    return referenceScript("bridgelc_torch.py");
}

std::string defaultPython() {
    // Debian's python3-torch and python3-sklearn live in the system interpreter, which a user's pyenv/venv
    // may shadow.
    return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

int pythonThreadCount(const BenchArgs& a) {
    return a.pythonThreads > 0 ? a.pythonThreads : a.threads;
}

/// Writes `data`'s rows for the PyTorch reference's inference (float32: lon, lat, then the features), so
/// both sides predict the same points; the reference repeats them up to --points as repeatRows() does.
std::string writeInferenceRows(const Dataset& data) {
    const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                       fmt::format("bridgelc-bench-rows-{}.f32", static_cast<long>(getpid()));
    std::ofstream out(path, std::ios::binary);
    std::vector<float> row(2 + data.featureCount());
    for (std::size_t i = 0; i < data.size(); ++i) {
        row[0] = static_cast<float>(data.lon[i]);
        row[1] = static_cast<float>(data.lat[i]);
        std::copy(data.row(i), data.row(i) + data.featureCount(), row.begin() + 2);
        out.write(reinterpret_cast<const char*>(row.data()), std::streamsize(row.size() * sizeof(float)));
    }
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path.string();
}

/// Runs the PyTorch reference and returns its JSON line; throws with its output when it fails. `extra`:
/// more options for the script.
nlohmann::json runPython(const BenchArgs& a, const ThroughputShape& shape, std::size_t points, int epochs,
                         const std::string& extra = {}) {
    // torch.set_num_threads does not reach the OpenBLAS that Debian's torch calls: without these variables
    // the reference would use every core while claiming one.
    const int threads = pythonThreadCount(a);
    const std::string command = fmt::format(
        "env OMP_NUM_THREADS={0} OPENBLAS_NUM_THREADS={0} MKL_NUM_THREADS={0} '{1}' '{2}' --rows {3} "
        "--features {4} --classes {5} --regions {6} --batch {7} --epochs {8} --points {9} --threads {0} {10} "
        "2>&1",
        threads, a.pythonExe, a.script, shape.rows, shape.features, shape.classes, shape.regions, shape.batch,
        epochs, points, extra);
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + a.pythonExe);
    std::string output;
    std::array<char, 4096> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe))
        output += buffer.data();
    const int status = pclose(pipe);
    const auto brace = output.rfind("\n{");
    const std::string line = output.substr(brace == std::string::npos ? 0 : brace + 1);
    if (status != 0 || line.empty() || line[0] != '{')
        throw std::runtime_error(
            "the PyTorch reference failed (is python3-torch installed? `apt-get install -y "
            "python3-torch`):\n" +
            output);
    return nlohmann::json::parse(line);
}

int runBench(const BenchArgs& a) {
    LoadResult loaded = a.data.empty() ? loadBuiltInSample() : loadPoints(a.data);
    if (!loaded.dataset) {
        std::cerr << "bridgelc bench: cannot load the data: " << loaded.report.fatalMessage() << "\n";
        return 1;
    }
    const Dataset& data = *loaded.dataset;
    ThroughputShape shape;
    shape.rows = a.rows;
    shape.features = static_cast<int>(data.featureCount());
    shape.classes = static_cast<int>(data.classNames.size());
    shape.regions = 8;
    nlohmann::json report = {
        {"data", data.sourcePath},    {"threads", a.threads},     {"pythonThreads", pythonThreadCount(a)},
        {"features", shape.features}, {"classes", shape.classes}, {"regions", shape.regions},
        {"rows", shape.rows}};
    const double macs = bridgeLcMultiplyAddsPerSample(shape.features, shape.classes, shape.regions);

    if (!a.json)
        std::cout << fmt::format(
            "BRIDGE-LC on this machine: {} features, {} classes, {} regions, {} thread(s){}\n",
            shape.features, shape.classes, shape.regions, a.threads,
            a.python ? fmt::format(", PyTorch {} thread(s)", pythonThreadCount(a)) : "");
    nlohmann::json matmul = nlohmann::json::object(), matmulCpu = nlohmann::json::object();
    for (auto [m, k, n] : {std::array<int, 3>{128, shape.features + 128, 256},
                           {128, 256, 256},
                           {kInferenceBlock, shape.features + 128, 256},
                           {kInferenceBlock, 256, 256},
                           {1024, shape.features + 128, 256},
                           {1024, 256, 256},
                           {2048, 2048, 2048}}) {
        double cpu = 0;
        const std::string size = fmt::format("{}x{}x{}", m, k, n);
        matmul[size] = matmulGflops(m, k, n, a.threads, 0.3, &cpu);
        matmulCpu[size] = cpu;
    }
    report["matmulGflops"] = matmul;
    report["matmulCpuGflops"] = matmulCpu;

    for (int batch : {128, 1024}) {
        shape.batch = batch;
        const TrainingThroughput ours = measureTrainingThroughput("bridgelc", shape, a.epochs, a.threads);
        nlohmann::json row = {{"batch", batch},
                              {"oursSamplesPerSecond", ours.samplesPerSecond},
                              {"oursCpuSamplesPerSecond", ours.cpuSamplesPerSecond},
                              {"oursGflops", ours.cpuSamplesPerSecond * 6 * macs / 1e9}};
        if (a.python) {
            const nlohmann::json py = runPython(a, shape, 0, a.epochs);
            row["pytorchSamplesPerSecond"] = py["trainSamplesPerSecond"];
            row["pytorchCpuSamplesPerSecond"] = py["trainCpuSamplesPerSecond"];
            row["ratio"] = ours.samplesPerSecond / py["trainSamplesPerSecond"].get<double>();
            row["cpuRatio"] = ours.cpuSamplesPerSecond / py["trainCpuSamplesPerSecond"].get<double>();
            report["pytorch"] = py["framework"];
        }
        report["training"].push_back(row);
    }

    {
        setComputeThreads(a.threads);
        std::vector<std::int64_t> rows(data.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            rows[i] = static_cast<std::int64_t>(i);
        TrainingSettings settings;
        settings.epochs = 1;
        settings.threads = a.threads;
        TrainingObserver quiet;
        auto model = createModel("bridgelc");
        model->fit(TrainingData{data, rows, {}}, settings, quiet);
        const Dataset points = repeatRows(data, a.points);
        // Inference multiplies blocks of kInferenceBlock points by 256-wide layers: the matmul rate at that
        // shape is what it could reach if nothing but the multiplies cost time.
        const std::string peakSize = fmt::format("{}x256x256", kInferenceBlock);
        const double flop = 2 * bridgeLcInferenceMultiplyAddsPerPoint(shape.features, shape.classes);
        const InferenceShare measured =
            measureInferenceShare(*model, points, flop, kInferenceBlock, 256, 256, kInferencePasses);
        const double rate = measured.pointsPerSecond, cpuRate = measured.cpuPointsPerSecond;
        nlohmann::json row = {{"points", a.points},
                              {"passes", kInferencePasses},
                              {"oursPointsPerSecond", rate},
                              {"oursMedianPointsPerSecond", measured.medianPointsPerSecond},
                              {"oursPassPointsPerSecond", measured.passPointsPerSecond},
                              {"oursCpuPointsPerSecond", cpuRate},
                              {"mflopPerPoint", flop / 1e6},
                              {"oursGflops", rate * flop / 1e9},
                              {"oursCpuGflops", cpuRate * flop / 1e9},
                              {"matmulSize", peakSize},
                              {"shareOfMatmul", measured.share},
                              {"cpuShareOfMatmul", measured.cpuShare},
                              {"passSharesOfMatmul", measured.passShares},
                              {"shareOfMatmulPeak", rate * flop / 1e9 / matmul[peakSize].get<double>()}};
        if (a.python) {
            // The same rows, the same matmul warm-up before each pass and the same number of passes.
            shape.batch = 128;
            const std::string rowsFile = writeInferenceRows(data);
            nlohmann::json py;
            try {
                py = runPython(a, shape, a.points, 0,
                               fmt::format("--inference-rows '{}' --passes {} --warmup-shape {}x{}x256",
                                           rowsFile, kInferencePasses, kInferenceBlock, 256));
            } catch (...) {
                std::filesystem::remove(rowsFile);
                throw;
            }
            std::filesystem::remove(rowsFile);
            row["pytorchPointsPerSecond"] = py["inferencePointsPerSecond"];
            row["pytorchMedianPointsPerSecond"] = py["inferenceMedianPointsPerSecond"];
            row["pytorchPassPointsPerSecond"] = py["inferencePassPointsPerSecond"];
            row["ratio"] = rate / py["inferencePointsPerSecond"].get<double>();
            row["medianRatio"] =
                measured.medianPointsPerSecond / py["inferenceMedianPointsPerSecond"].get<double>();
            row["cpuRatio"] = cpuRate / py["inferenceCpuPointsPerSecond"].get<double>();
        }
        report["inference"] = row;
        const int side = a.rasterSide >= 0 ? a.rasterSide : rasterSideFor(a.points);
        if (side > 0) report["raster"] = benchRaster(*model, data, side, rate, a.threads);
        if (!a.noAoa) report["aoa"] = benchApplicability(*model, data, a.points, rate);
    }

    // scikit-learn runs whenever the interpreter has it; no --python needed, as it costs no extra setup.
    if (!a.noForest)
        report["forest"] =
            benchForest(data, a.forestTrees, a.pythonExe, referenceScript("forest_sklearn.py"));

    if (a.json) {
        std::cout << report.dump(2) << "\n";
        return 0;
    }
    std::cout << "\nfloat32 matrix multiply (torch::mm), GFLOP/s:\n";
    for (const auto& [size, gflops] : matmul.items())
        std::cout << fmt::format("  {:<16} {:8.1f}\n", size, gflops.get<double>());
    std::cout << fmt::format("\ntraining (samples/s; {:.2f} MFLOP per sample and step){}\n", 6 * macs / 1e6,
                             a.python ? ", ours / PyTorch by wall clock and by CPU time" : "");
    for (const auto& row : report["training"]) {
        const int batch = row["batch"];
        const double gflops = row["oursGflops"];
        const double peak = matmul[fmt::format("{}x256x256", batch)];
        std::cout << fmt::format(
            "  batch {:<5} ours {:9.0f}  ({:.1f} GFLOP per CPU second = {:.0f}% of the matmul speed at this "
            "size)",
            batch, row["oursSamplesPerSecond"].get<double>(), gflops, 100 * gflops / peak);
        if (row.contains("ratio"))
            std::cout << fmt::format("  PyTorch {:9.0f}  ratio {:.2f} (CPU time {:.2f})",
                                     row["pytorchSamplesPerSecond"].get<double>(), row["ratio"].get<double>(),
                                     row["cpuRatio"].get<double>());
        std::cout << "\n";
    }
    const auto& inf = report["inference"];
    std::cout << fmt::format(
        "\ninference over {} points, best of {} passes: ours {:.0f} points/s (median {:.0f}; {:.2f} s; "
        "{:.2f} "
        "MFLOP per point = {:.1f} GFLOP/s)\n  {:.0f}% of the {} matmul rate run just before each pass "
        "(median; by CPU time {:.0f}%), {:.0f}% of its best window above",
        a.points, inf["passes"].get<int>(), inf["oursPointsPerSecond"].get<double>(),
        inf["oursMedianPointsPerSecond"].get<double>(), a.points / inf["oursPointsPerSecond"].get<double>(),
        inf["mflopPerPoint"].get<double>(), inf["oursGflops"].get<double>(),
        100 * inf["shareOfMatmul"].get<double>(), inf["matmulSize"].get<std::string>(),
        100 * inf["cpuShareOfMatmul"].get<double>(), 100 * inf["shareOfMatmulPeak"].get<double>());
    if (inf.contains("ratio"))
        std::cout << fmt::format(
            "\n  PyTorch on the same rows, warm-up and passes: best {:.0f} points/s, median {:.0f}; ratio of "
            "the best passes {:.2f}, of the medians {:.2f} (CPU time {:.2f})",
            inf["pytorchPointsPerSecond"].get<double>(), inf["pytorchMedianPointsPerSecond"].get<double>(),
            inf["ratio"].get<double>(), inf["medianRatio"].get<double>(), inf["cpuRatio"].get<double>());
    std::cout << "\n";
    if (report.contains("raster")) std::cout << formatRasterBench(report["raster"]);
    if (report.contains("forest")) std::cout << forestReportText(report["forest"]);
    if (report.contains("aoa")) std::cout << applicabilityBenchText(report["aoa"]);
    return 0;
}

std::function<int()> setupBench(CLI::App& app) {
    auto args = std::make_shared<BenchArgs>();
    args->pythonExe = defaultPython();
    args->script = defaultScript();
    app.add_option("--data", args->data,
                   "point file whose feature count and rows the benchmark uses "
                   "(default: the built-in sample)");
    app.add_flag("--python", args->python,
                 "also run the same model in PyTorch (python3-torch) and print ratios");
    app.add_option("--python-exe", args->pythonExe,
                   "Python interpreter with torch (and scikit-learn for the forest)")
        ->capture_default_str();
    app.add_option("--python-script", args->script,
                   "the PyTorch reference script (default: tests/bench/reference/bridgelc_torch.py of the "
                   "source tree this program was built from)");
    app.add_option("--threads", args->threads, "LibTorch/OpenBLAS threads on both sides")
        ->check(wholeNumberAtLeast(1))
        ->capture_default_str();
    app.add_option("--python-threads", args->pythonThreads,
                   "threads of the PyTorch reference alone, e.g. every core against our best single thread "
                   "(default: --threads)")
        ->check(wholeNumberAtLeast(1));
    app.add_option("--rows", args->rows,
                   "training rows (random data of the data's shape); with --python at least 1024, the "
                   "largest batch timed")
        ->check(wholeNumberAtLeast(2))
        ->capture_default_str();
    app.add_option("--epochs", args->epochs, "measured epochs after one warm-up")
        ->check(wholeNumberAtLeast(1))
        ->capture_default_str();
    app.add_option("--points", args->points, "inference points (the data's rows repeated)")
        ->check(wholeNumberAtLeast(1))
        ->capture_default_str();
    app.add_option("--raster-side", args->rasterSide,
                   "side in pixels of the square feature stack predict-raster is measured on (default: about "
                   "sqrt(--points), at least 256; 0: skip)")
        ->check(wholeNumberAtLeast(0));
    app.add_option("--forest-trees", args->forestTrees,
                   "trees of the random forest timed against scikit-learn's on the data's EXTRAP split")
        ->check(wholeNumberAtLeast(1))
        ->capture_default_str();
    app.add_flag("--no-forest", args->noForest, "skip the random forest against scikit-learn");
    app.add_flag("--no-aoa", args->noAoa, "skip the area of applicability (DI of --points points)");
    app.add_flag("--json", args->json, "print one JSON document");
    return [args] {
        if (args->python && args->rows < 1024)
            throw UsageError("--python needs --rows of at least 1024, the largest batch timed, not " +
                             std::to_string(args->rows));
        return runBench(*args);
    };
}

const CommandRegistration registration{
    {"bench", "Measure training and inference speed (optionally against PyTorch)", setupBench}};

}  // namespace
}  // namespace bridgelc::cli
