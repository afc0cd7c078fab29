#include "app/cli/aoa_options.h"

#include <fmt/format.h>

#include <iostream>

#include "core/io/applicability_json.h"
#include "core/raster/applicability_raster.h"

namespace bridgelc::cli {

CLI::Option* addAoaOption(CLI::App& app, bool& aoa, const std::string& what) {
    return app.add_flag("--aoa", aoa,
                        "Add the dissimilarity index and whether each " + what +
                            " lies inside the model's area of applicability (Meyer & Pebesma 2021)");
}

CheckpointApplicability loadApplicability(const std::string& checkpointPath,
                                          const LoadedCheckpoint& checkpoint) {
    CheckpointApplicability out;
    try {
        out.aoa = loadCheckpointApplicability(checkpointPath, checkpoint.metadata);
    } catch (const AoaError& error) {
        std::cerr << "bridgelc: " << error.what() << "\n";
        out.ok = false;
        return out;
    }
    if (!out.aoa)
        std::cerr << fmt::format("no AOA: '{}' was saved without an area of applicability\n", checkpointPath);
    return out;
}

void addDissimilarity(const AreaOfApplicability& aoa, const Dataset& data, Predictions& predictions) {
    const std::size_t d = data.featureCount(), n = predictions.rows.size();
    constexpr std::size_t kChunk = 65536;
    std::vector<float> features;
    predictions.dissimilarity.resize(n);
    predictions.insideAoa.resize(n);
    for (std::size_t start = 0; start < n; start += kChunk) {
        const std::size_t length = std::min(kChunk, n - start);
        features.resize(length * d);
        for (std::size_t i = 0; i < length; ++i) {
            const float* row = data.row(static_cast<std::size_t>(predictions.rows[start + i]));
            std::copy(row, row + d, features.begin() + i * d);
        }
        const std::vector<double> di = aoa.dissimilarity(features.data(), length);
        for (std::size_t i = 0; i < length; ++i) {
            predictions.dissimilarity[start + i] = di[i];
            predictions.insideAoa[start + i] = aoa.inside(di[i]) ? 1 : 0;
        }
    }
}

std::string formatApplicability(const ApplicabilityScores& scores, double threshold) {
    const auto line = [](const char* where, std::size_t n, const Metrics& m) {
        return n == 0 ? fmt::format("  {:<8} no points\n", where)
                      : fmt::format("  {:<8} weighted F1 {:.4f}  macro F1 {:.4f}  (n = {})\n", where,
                                    m.weightedF1, m.macroF1, n);
    };
    return fmt::format("area of applicability (threshold DI {:.4f}): {:.1f} % of scored points outside\n",
                       threshold, 100.0 * scores.shareOutside()) +
           line("inside", scores.inside, scores.insideMetrics) +
           line("outside", scores.outside, scores.outsideMetrics);
}

std::string formatRunApplicability(const RunResult& run) {
    if (!run.aoa) return run.aoaMessage.empty() ? std::string() : run.aoaMessage + "\n";
    std::string text = run.test.rows.empty()
                           ? std::string()
                           : formatApplicability(run.testApplicability, run.aoa->threshold());
    text += fmt::format("  computing it took {:.2f} s after {:.2f} s of training ({:.1f} %; weights: {})\n",
                        run.aoaSeconds, run.trainSeconds,
                        run.trainSeconds > 0 ? 100.0 * run.aoaSeconds / run.trainSeconds : 0.0,
                        run.aoa->importance().kind);
    return text;
}

int writeRasterApplicability(const AreaOfApplicability& aoa, const std::string& stack,
                             const std::string& bandsFile, const std::string& out,
                             TrainingObserver& progress) {
    const ApplicabilityRasterResult result = writeApplicabilityRasters(aoa, stack, bandsFile, out, progress);
    if (!result.completed) {
        std::cerr << "\ninterrupted: the area of applicability rasters were not written\n";
        return 130;
    }
    std::cout << fmt::format(
        "wrote {} and {} ({} pixels with data, {:.1f} % outside the area of applicability, threshold DI "
        "{:.4f}; "
        "{:.1f} s, {:.0f} pixels/s)\n",
        result.diPath, result.maskPath, result.valid,
        result.valid ? 100.0 * static_cast<double>(result.outside) / static_cast<double>(result.valid) : 0.0,
        aoa.threshold(), result.seconds,
        result.seconds > 0 ? static_cast<double>(result.pixels) / result.seconds : 0.0);
    return 0;
}

}  // namespace bridgelc::cli
