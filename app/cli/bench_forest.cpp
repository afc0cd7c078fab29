#include "app/cli/bench_forest.h"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/eval/metrics.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/model/tree_model.h"
#include "core/split/split.h"

namespace bridgelc::cli {

namespace fs = std::filesystem;

namespace {

double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <typename T>
void writeBinary(const fs::path& path, const std::vector<T>& values) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(values.data()),
              static_cast<std::streamsize>(values.size() * sizeof(T)));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

double weightedF1(const std::vector<int>& truth, const std::vector<int>& predicted, std::size_t classes) {
    return computeMetrics(ConfusionMatrix(truth, predicted, classes)).weightedF1;
}

/// A scratch folder removed when the report is done.
struct ScratchDirectory {
    fs::path path;
    ScratchDirectory() {
        path = fs::temp_directory_path() / ("bridgelc-bench-forest-" + std::to_string(::getpid()));
        fs::create_directories(path);
    }
    ~ScratchDirectory() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

}  // namespace

nlohmann::json benchForest(const Dataset& data, int trees, const std::string& pythonExe,
                           const std::string& script) {
    const Split split = extrapSplit(data);
    const std::size_t d = data.featureCount(), classes = data.classNames.size();
    const Dataset test = data.subset(split.test);
    nlohmann::json report = {{"trees", trees},
                             {"split", split.name},
                             {"trainPoints", split.train.size()},
                             {"testPoints", split.test.size()}};

    TrainingSettings settings;
    settings.threads = 1;
    settings.trees = trees;
    settings.seed = 0;
    TrainingObserver quiet;
    auto model = createModel("random-forest");
    const double cpuStart = cpuSeconds();
    const auto wallStart = std::chrono::steady_clock::now();
    const FitResult fit = model->fit(TrainingData{data, split.train, split.validation}, settings, quiet);
    report["oursFitSeconds"] =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    report["oursFitCpuSeconds"] = cpuSeconds() - cpuStart;
    if (fit.status != RunStatus::Completed)
        throw std::runtime_error("the random forest failed: " + fit.message);
    const std::vector<float> p =
        model->predictProba(test.features.data(), test.lon.data(), test.lat.data(), test.size());
    std::vector<int> ours(test.size());
    for (std::size_t i = 0; i < test.size(); ++i)
        ours[i] =
            static_cast<int>(std::max_element(&p[i * classes], &p[i * classes] + classes) - &p[i * classes]);
    report["oursWeightedF1"] = weightedF1(test.label, ours, classes);

    // scikit-learn on the very same rows, scored by the same code.
    ScratchDirectory scratch;
    const Dataset train = data.subset(split.train);
    writeBinary(scratch.path / "x_train.f32", train.features);
    writeBinary(scratch.path / "y_train.i32", train.label);
    writeBinary(scratch.path / "x_test.f32", test.features);
    const fs::path predictions = scratch.path / "predicted.i32";
    const std::string command = fmt::format(
        "env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 '{}' '{}' --dir '{}' --features {} --trees {} "
        "--predictions '{}' 2>&1",
        pythonExe, script, scratch.path.string(), d, trees, predictions.string());
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        std::array<char, 4096> buffer{};
        while (std::fgets(buffer.data(), buffer.size(), pipe))
            output += buffer.data();
        ::pclose(pipe);
    }
    const auto brace = output.rfind('{');
    nlohmann::json sk;
    if (brace != std::string::npos) sk = nlohmann::json::parse(output.substr(brace), nullptr, false);
    if (!sk.is_object() || !sk.contains("fitSeconds")) {
        report["note"] = sk.is_object() && sk.contains("error")
                             ? sk["error"].get<std::string>()
                             : "the scikit-learn reference did not run (" + pythonExe + "): " + output;
        return report;
    }
    std::vector<int> theirs(test.size());
    std::ifstream in(predictions, std::ios::binary);
    in.read(reinterpret_cast<char*>(theirs.data()),
            static_cast<std::streamsize>(theirs.size() * sizeof(int)));
    if (!in) throw std::runtime_error("the scikit-learn reference wrote no predictions");
    report["sklearn"] = sk["library"];
    report["sklearnFitSeconds"] = sk["fitSeconds"];
    report["sklearnFitCpuSeconds"] = sk["fitCpuSeconds"];
    report["sklearnWeightedF1"] = weightedF1(test.label, theirs, classes);
    report["ratio"] = report["oursFitSeconds"].get<double>() / sk["fitSeconds"].get<double>();
    report["cpuRatio"] = report["oursFitCpuSeconds"].get<double>() / sk["fitCpuSeconds"].get<double>();
    report["method"] = fmt::format(
        "the same rows and threads, not the same algorithm: ours bins each feature into {} histogram bins "
        "and "
        "grows each tree on {} of the rows drawn without replacement; scikit-learn bootstraps the rows (with "
        "replacement) and searches exact splits",
        kRandomForestBins, kRandomForestRowShare);
    return report;
}

std::string forestReportText(const nlohmann::json& f) {
    std::string text = fmt::format(
        "\nrandom forest, {} trees, one thread, {} split ({} training, {} test points):\n  ours fit {:.1f} s "
        "(CPU {:.1f} s), weighted F1 {:.2f}\n",
        f["trees"].get<int>(), f["split"].get<std::string>(), f["trainPoints"].get<std::size_t>(),
        f["testPoints"].get<std::size_t>(), f["oursFitSeconds"].get<double>(),
        f["oursFitCpuSeconds"].get<double>(), 100 * f["oursWeightedF1"].get<double>());
    if (f.contains("note")) return text + "  scikit-learn skipped: " + f["note"].get<std::string>() + "\n";
    return text + fmt::format(
                      "  {} fit {:.1f} s (CPU {:.1f} s), weighted F1 {:.2f}\n  ratio ours / "
                      "scikit-learn {:.2f} (CPU time {:.2f}), F1 difference {:+.2f}\n  ({})\n",
                      f["sklearn"].get<std::string>(), f["sklearnFitSeconds"].get<double>(),
                      f["sklearnFitCpuSeconds"].get<double>(), 100 * f["sklearnWeightedF1"].get<double>(),
                      f["ratio"].get<double>(), f["cpuRatio"].get<double>(),
                      100 * (f["oursWeightedF1"].get<double>() - f["sklearnWeightedF1"].get<double>()),
                      f["method"].get<std::string>());
}

}  // namespace bridgelc::cli
