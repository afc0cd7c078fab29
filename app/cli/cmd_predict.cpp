// `bridgelc predict`: a saved model's class, confidence and per-class probabilities for every point of a
// file, labelled or not, written as GeoPackage, GeoJSON or CSV for QGIS.
#include <fmt/format.h>

#include <iostream>

#include "app/cli/aoa_options.h"
#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "core/io/export_provenance.h"
#include "core/io/prediction_writer.h"
#include "core/model/model.h"
#include "core/run/training_run.h"

namespace bridgelc::cli {
namespace {

struct PredictArgs {
    InputArgs input;
    std::string checkpoint;
    std::string out;
    bool aoa = false;
    int level = 0;
};

std::function<int()> setupPredict(CLI::App& app) {
    auto args = std::make_shared<PredictArgs>();
    app.add_option("--checkpoint", args->checkpoint, "A saved model (model.bridgelc)")->required();
    addInputOptions(app, args->input);
    addLevelOption(app, args->level, true);
    app.add_option("--out", args->out,
                   "Output file: .gpkg, .geojson or .csv (the model, run, training data and date go into a "
                   "GeoPackage's metadata, or beside other formats in NAME.provenance.txt)")
        ->required();
    addAoaOption(app, args->aoa, "point (columns di and inside_aoa)");
    return [args]() -> int {
        try {
            predictionFormatForPath(args->out);  // a bad extension fails before any work
        } catch (const std::exception& error) {
            throw UsageError(error.what());
        }
        requireParentFolder(args->out);
        // Mapping new points is the point of a saved model, so labels are optional here (only scored).
        args->input.options.requireLabel = false;
        auto loaded = loadModelAndInput(args->checkpoint, args->input, args->level);
        if (!loaded) return kExitFailure;
        const Model& model = *loaded->checkpoint.model;
        const CheckpointApplicability applicability =
            args->aoa ? loadApplicability(args->checkpoint, loaded->checkpoint) : CheckpointApplicability{};
        if (!applicability.ok) return 1;
        Predictions predictions = predict(model, loaded->data);
        const Dataset& data = loaded->data;
        if (applicability.aoa) addDissimilarity(*applicability.aoa, data, predictions);
        writePredictions(args->out, data, predictions, model.meta().classNames);
        addExportProvenance(args->out, checkpointProvenance(loaded->checkpoint.metadata));

        std::size_t labelled = 0, correct = 0;
        for (std::size_t i = 0; i < predictions.rows.size(); ++i) {
            const int label = data.label[static_cast<std::size_t>(predictions.rows[i])];
            if (label < 0 || static_cast<std::size_t>(label) >= data.classNames.size()) continue;
            ++labelled;
            correct += data.classNames[static_cast<std::size_t>(label)] ==
                       model.meta().classNames[static_cast<std::size_t>(predictions.predicted[i])];
        }
        std::cout << fmt::format("wrote {} predictions to {}", predictions.rows.size(), args->out);
        if (labelled > 0)
            std::cout << fmt::format(" ({} of {} labelled points agree, {:.1f} %)", correct, labelled,
                                     100.0 * static_cast<double>(correct) / static_cast<double>(labelled));
        if (labelled < predictions.rows.size())
            std::cout << fmt::format("; {} point(s) without a label", predictions.rows.size() - labelled);
        std::cout << "\n";
        if (applicability.aoa) {
            std::size_t outside = 0;
            for (std::uint8_t inside : predictions.insideAoa)
                outside += inside ? 0 : 1;
            std::cout << fmt::format(
                "{} of {} points ({:.1f} %) lie outside the area of applicability\n", outside,
                predictions.rows.size(),
                predictions.rows.empty() ? 0.0 : 100.0 * outside / predictions.rows.size());
        }
        return 0;
    };
}

const CommandRegistration registration{
    {"predict", "Predict every point of a file with a saved model and write GeoPackage, GeoJSON or CSV",
     setupPredict}};

}  // namespace
}  // namespace bridgelc::cli
