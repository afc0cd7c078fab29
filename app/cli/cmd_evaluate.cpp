// `bridgelc evaluate`: scores of a saved model on the labelled points of a file — the same metrics as after
// training (per class, headline, per region), optionally as JSON.
#include <fmt/format.h>

#include <filesystem>

#include <iostream>

#include "app/cli/aoa_options.h"
#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "core/eval/metrics_format.h"
#include "core/geo/regions.h"
#include "core/io/atomic_file.h"
#include "core/io/metrics_json.h"
#include "core/model/model.h"
#include "core/run/sanity_checks.h"
#include "core/run/training_run.h"

namespace bridgelc::cli {
namespace {

struct EvaluateArgs {
    InputArgs input;
    std::string checkpoint;
    std::string json;
    int level = 0;
};

/// True when `file` is the file the checkpoint's model was trained on (same location).
bool trainedOn(const nlohmann::json& metadata, const std::string& file) {
    const auto it = metadata.find("datasetPath");
    if (it == metadata.end() || !it->is_string()) return false;
    std::error_code a, b;
    const auto trained = std::filesystem::weakly_canonical(it->get<std::string>(), a);
    const auto given = std::filesystem::weakly_canonical(file, b);
    return !a && !b && trained == given;
}

std::function<int()> setupEvaluate(CLI::App& app) {
    auto args = std::make_shared<EvaluateArgs>();
    app.add_option("--checkpoint", args->checkpoint, "A saved model (model.bridgelc)")->required();
    addInputOptions(app, args->input);
    addLevelOption(app, args->level, true);
    app.add_option("--json", args->json, "Also write the metrics to this JSON file (default: none)");
    return [args]() -> int {
        if (!args->json.empty()) requireParentFolder(args->json);
        auto loaded = loadModelAndInput(args->checkpoint, args->input, args->level);
        if (!loaded) return kExitFailure;
        const Model& model = *loaded->checkpoint.model;
        const Dataset& data = loaded->data;
        if (!args->input.sample && trainedOn(loaded->checkpoint.metadata, args->input.file))
            std::cerr
                << "note: " << args->input.file
                << " is the file the model was trained on: every labelled point is scored, its training "
                   "points included, so the scores overstate how it does on new points (`bridgelc "
                   "train` prints the held-out test scores)\n";
        const std::vector<std::string>& classes = model.meta().classNames;

        // The file's labels are matched to the model's classes by name; others cannot be scored.
        std::vector<int> toModel(data.classNames.size(), -1);
        for (std::size_t c = 0; c < data.classNames.size(); ++c)
            for (std::size_t k = 0; k < classes.size(); ++k)
                if (data.classNames[c] == classes[k]) toModel[c] = static_cast<int>(k);
        std::vector<std::int64_t> rows;
        std::vector<int> truth, region;
        std::size_t unknown = 0;
        for (std::size_t i = 0; i < data.size(); ++i) {
            const int label = data.label[i];
            const int mapped =
                label >= 0 && static_cast<std::size_t>(label) < toModel.size() ? toModel[label] : -1;
            if (mapped < 0) {
                ++unknown;
                continue;
            }
            rows.push_back(static_cast<std::int64_t>(i));
            truth.push_back(mapped);
            region.push_back(data.region[i]);
        }
        if (unknown > 0)
            std::cerr << fmt::format("{} point(s) have a class the model does not know and are not scored\n",
                                     unknown);
        if (rows.empty()) {
            std::cerr << "bridgelc: no point of the file has a class the model knows (" << classes.size()
                      << " classes: " << fmt::format("{}", fmt::join(classes, ", ")) << ")\n";
            return 1;
        }
        const CheckpointApplicability applicability = loadApplicability(args->checkpoint, loaded->checkpoint);
        if (!applicability.ok) return 1;
        Predictions predictions = predict(model, data, rows);
        const ConfusionMatrix confusion(truth, predictions.predicted, classes.size());
        const Metrics metrics = computeMetrics(confusion);
        const std::vector<Metrics> perRegion = metricsPerRegion(
            truth, predictions.predicted, region, classes.size(), biogeographicalRegions().size());

        std::cout << fmt::format("{} on {}: {}\n", model.name(),
                                 args->input.sample ? "sample" : args->input.file, formatHeadline(metrics));
        std::cout << formatClassTable(metrics, classes);
        const auto& regions = biogeographicalRegions();
        for (std::size_t r = 0; r < perRegion.size(); ++r)
            if (perRegion[r].points > 0)
                std::cout << fmt::format("  {:<4} weighted F1 {:.4f}  OA {:.4f}  (n = {})\n", regions[r].code,
                                         perRegion[r].weightedF1, perRegion[r].overallAccuracy,
                                         perRegion[r].points);
        nlohmann::json applicabilityJson = {{"available", false}, {"message", "no AOA"}};
        if (applicability.aoa) {
            addDissimilarity(*applicability.aoa, data, predictions);
            const std::vector<bool> inside(predictions.insideAoa.begin(), predictions.insideAoa.end());
            const ApplicabilityScores scores =
                scoreByApplicability(truth, predictions.predicted, inside, classes.size());
            std::cout << formatApplicability(scores, applicability.aoa->threshold());
            applicabilityJson = {{"available", true},
                                 {"threshold", applicability.aoa->threshold()},
                                 {"shareOutside", scores.shareOutside()},
                                 {"inside", metricsToJson(scores.insideMetrics, classes)},
                                 {"outside", metricsToJson(scores.outsideMetrics, classes)}};
        }
        std::vector<std::string> warnings = scoreWarnings(confusion, classes);
        printWarnings(warnings);
        // Printed when loaded, and kept with the scores, which are of the file as it is now.
        if (!loaded->dataChanged.empty()) warnings.insert(warnings.begin(), loaded->dataChanged);
        if (!args->json.empty()) {
            const nlohmann::json json = {{"checkpoint", args->checkpoint},
                                         {kWarningsKey, warnings},
                                         {"data", args->input.sample ? "sample" : args->input.file},
                                         {"model", model.name()},
                                         {"classNames", classes},
                                         {"labels", loaded->labels},
                                         {"unscoredPoints", unknown},
                                         {"test", metricsToJson(metrics, classes)},
                                         {"perRegion", perRegionToJson(perRegion, classes)},
                                         {"confusion", confusionToJson(confusion)},
                                         {"applicability", applicabilityJson}};
            writeFileAtomically(args->json, json.dump(2) + "\n");
            std::cerr << "wrote " << args->json << "\n";
        }
        return 0;
    };
}

const CommandRegistration registration{
    {"evaluate", "Score a saved model on the labelled points of a file", setupEvaluate}};

}  // namespace
}  // namespace bridgelc::cli
