// `bridgelc probe`: how well the land-cover class and the biogeographical region can be read off each branch
// of saved BRIDGE-LC runs, by a linear probe fitted on half of the run's test points and scored on the other
// half. Several runs (e.g. with and without the contrastive term) give one table.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "core/embed/linear_probe.h"
#include "core/embed/sample_rows.h"
#include "core/io/atomic_file.h"
#include "core/io/saved_run.h"
#include "core/model/learned_representations.h"
#include "core/model/model.h"

namespace bridgelc::cli {
namespace {

struct ProbeArgs {
    InputArgs input;
    std::vector<std::string> runs;
    std::size_t points = 5000;
    std::uint64_t seed = 0;
    std::string json;
};

nlohmann::json probeJson(const ProbeResult& probe) {
    if (!probe.defined()) return nullptr;
    return {{"accuracy", probe.accuracy},
            {"majorityAccuracy", probe.majorityAccuracy},
            {"fitPoints", probe.fitPoints},
            {"heldOutPoints", probe.heldOutPoints},
            {"labels", probe.labels}};
}

std::string probeCell(const ProbeResult& probe) {
    return probe.defined() ? fmt::format("{:.3f} ({:.3f})", probe.accuracy, probe.majorityAccuracy) : "–";
}

/// One table line: run, branch, class probe, region probe.
using ProbeLine = std::array<std::string, 4>;

/// One run's probes as two table lines; false (with the reason on stderr) when it has none.
bool probeRun(const std::string& directory, const Dataset& data, const ProbeArgs& args, nlohmann::json& out,
              std::vector<ProbeLine>& lines) {
    SavedRun saved = loadSavedRun(directory);
    const RunResult& run = saved.result;
    if (!run.model) {
        std::cerr << "bridgelc: " << directory << ": no model to probe"
                  << (saved.modelProblem.empty() ? std::string() : ": " + saved.modelProblem) << "\n";
        return false;
    }
    if (!hasBranchOutputs(*run.model)) {
        std::cerr << "bridgelc: " << directory << ": " << whyNoBranchOutputs(*run.model) << "\n";
        return false;
    }
    if (!bindToDataset(saved, data)) {
        std::cerr << "bridgelc: " << directory
                  << ": its test points are not in this data (the run was trained on another file or "
                     "version of it)\n";
        return false;
    }
    const std::vector<std::int64_t> rows = sampleRows(run.test.rows, args.points, args.seed);
    std::vector<int> classes, regions;
    for (std::int64_t row : rows) {
        classes.push_back(data.label[static_cast<std::size_t>(row)]);
        regions.push_back(data.region[static_cast<std::size_t>(row)]);
    }
    const BranchOutputs outputs = branchOutputs(*run.model, data, rows);
    ProbeOptions options;
    options.seed = args.seed;
    const std::string name = fmt::format("{} {} [{}]", run.modelName, run.splitName,
                                         std::filesystem::path(directory).filename().string());
    nlohmann::json branches = nlohmann::json::object();
    for (const auto& [branch, matrix] :
         {std::pair{"f_inv", &outputs.invariant}, {"f_spec", &outputs.specific}}) {
        const ProbeResult cls = linearProbe(*matrix, classes, options);
        const ProbeResult region = linearProbe(*matrix, regions, options);
        lines.push_back(
            {branch == std::string("f_inv") ? name : "", branch, probeCell(cls), probeCell(region)});
        branches[branch] = {{"class", probeJson(cls)}, {"region", probeJson(region)}};
    }
    out.push_back({{"run", directory},
                   {"model", run.modelName},
                   {"split", run.splitName},
                   {"testPoints", run.test.rows.size()},
                   {"probedPoints", rows.size()},
                   {"branches", branches}});
    return true;
}

const CommandRegistration registration{Command{
    "probe",
    "Linear probes of the class and the region from each branch of saved BRIDGE-LC runs (disentanglement)",
    [](CLI::App& app) -> std::function<int()> {
        auto args = std::make_shared<ProbeArgs>();
        app.add_option("--run", args->runs, "a saved run's folder (repeat for several runs)")->required();
        addInputOptions(app, args->input);
        app.add_option("--points", args->points, "test points probed at most (a seeded sample)")
            ->capture_default_str()
            ->check(CLI::Range(std::size_t{20}, std::size_t{1} << 30));
        app.add_option("--seed", args->seed, "seed of the sample and of the probes' halves")
            ->capture_default_str();
        app.add_option("--json", args->json, "also write the table to this JSON file (default: none)");
        app.footer(
            "Each probe is a multinomial logistic regression on the standardised 256-d branch output, fitted "
            "on "
            "half of the probed test points and scored on the other half; in brackets what always guessing "
            "the "
            "most frequent label scores. A region-invariant branch should read the class well and the region "
            "badly, the region-specific branch the other way round.\n\n"
            "Example:\n  bridgelc probe --run runs/bridgelc --run runs/bridgelc-no-supcon lucas.csv");
        return [args]() -> int {
            if (!args->json.empty()) requireParentFolder(args->json);
            const std::optional<Dataset> data = loadInput(args->input);
            if (!data) return kExitFailure;
            std::vector<ProbeLine> lines = {{"run", "branch", "class (majority)", "region (majority)"}};
            nlohmann::json table = nlohmann::json::array();
            int failed = 0;
            for (const std::string& run : args->runs) {
                try {
                    if (!probeRun(run, *data, *args, table, lines)) ++failed;
                } catch (const std::exception& error) {
                    std::cerr << "bridgelc: " << run << ": " << error.what() << "\n";
                    ++failed;
                }
            }
            std::size_t width = 0;
            for (const ProbeLine& line : lines)
                width = std::max(width, line[0].size());
            for (const ProbeLine& line : lines)
                std::cout << fmt::format("{:<{}}  {:<7} {:<18} {}\n", line[0], width, line[1], line[2],
                                         line[3]);
            if (!args->json.empty()) {
                writeFileAtomically(args->json, nlohmann::json{{"probes", table}}.dump(2) + "\n");
                std::cerr << "wrote " << args->json << "\n";
            }
            return failed ? kExitFailure : 0;
        };
    }}};

}  // namespace
}  // namespace bridgelc::cli
