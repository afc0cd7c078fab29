// `bridgelc predict-raster` and `bridgelc merge-raster`: a saved model applied to every pixel of a feature
// stack, streamed block by block into a Cloud-Optimised land-cover GeoTIFF; `--tiles I/N` splits the work
// into N independent tasks (e.g. a Slurm array) that merge-raster assembles into the same file.
#include <cpl_conv.h>
#include <fmt/format.h>
#include <gdal.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/cli/aoa_options.h"
#include "app/cli/cli_common.h"
#include "app/cli/command_registry.h"
#include "app/cli/option_checks.h"
#include "app/cli/slurm_array.h"
#include "app/cli/terminal_progress.h"
#include "core/io/checkpoint.h"
#include "core/model/model.h"
#include "core/raster/raster_error.h"
#include "core/raster/raster_merge.h"
#include "core/raster/raster_part.h"
#include "core/raster/raster_predictor.h"
#include "core/train/compute_threads.h"

namespace bridgelc::cli {
namespace {

struct RasterArgs {
    std::string checkpoint;
    RasterPredictionOptions options;
    std::string tiles;
    int threads = 0;
    bool keepParts = false;
    int cacheMb = 64;
    SlurmArgs slurm;
    int slurmTiles = 4;
    bool aoa = false;
    std::string tasksScript;  ///< merge-raster: the array script whose missing tiles it names
};

bool hasExtension(const std::string& path, std::initializer_list<const char*> extensions) {
    std::string extension = std::filesystem::path(path).extension().string();
    for (char& c : extension)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* e : extensions)
        if (extension == e) return true;
    return false;
}

/// What predict-raster checks before anything is read: a GeoTIFF name and an existing folder for it. With
/// --slurm the folder (often on shared storage the tasks write to) is made now, so every task finds it.
void checkOutput(const RasterArgs& args) {
    if (!hasExtension(args.options.out, {".tif", ".tiff"}))
        throw UsageError(
            fmt::format("--out {}: the output is a GeoTIFF; name it .tif or .tiff", args.options.out));
    const std::filesystem::path parent = std::filesystem::path(args.options.out).parent_path();
    if (!args.slurm.directory.empty() && !parent.empty()) {
        std::error_code error;
        std::filesystem::create_directories(parent, error);
        if (error)
            throw std::runtime_error(fmt::format("cannot create the folder {} for {}: {}", parent.string(),
                                                 args.options.out, error.message()));
    }
    requireParentFolder(args.options.out);
}

/// Threads of one task: --threads, else Slurm's allocation, else every core.
int taskThreads(int requested) {
    if (requested > 0) return requested;
    if (const char* slurm = std::getenv("SLURM_CPUS_PER_TASK")) {
        const int n = std::atoi(slurm);
        if (n > 0) return n;
    }
    return machineCores();
}

/// GDAL's block cache grows to 5 % of RAM by default, which would make peak memory follow the raster's size;
/// a fixed cache keeps it bounded (GDAL_CACHEMAX, when set, still wins).
void boundGdalCache(int megabytes) {
    if (CPLGetConfigOption("GDAL_CACHEMAX", nullptr) == nullptr)
        GDALSetCacheMax64(static_cast<GIntBig>(megabytes) * 1024 * 1024);
}

int merge(const std::string& out, int threads, TerminalProgress& progress, bool keepParts) {
    const RasterMergeResult merged = mergeRasterParts(out, threads, progress);
    progress.finishLine();
    if (!keepParts) std::filesystem::remove_all(RasterPart::partsDirectory(out));
    std::cout << fmt::format("wrote {} ({}x{} pixels from {} part{}, {:.1f} s)", out, merged.width,
                             merged.height, merged.parts, merged.parts == 1 ? "" : "s", merged.seconds);
    if (std::filesystem::exists(probabilitiesPath(out))) std::cout << " and " << probabilitiesPath(out);
    std::cout << "\n";
    return 0;
}

// --slurm: the raster's blocks as an array of --slurm-tiles tasks (task I runs this command with --tiles I/N)
// and a merge job that assembles the GeoTIFF once every task has ended.
int writeSlurmScripts(const RasterArgs& args) {
    std::vector<std::string> command;
    const std::vector<std::string> typed = withoutSlurmOptions(commandArguments());
    for (std::size_t i = 0; i < typed.size(); ++i) {  // --slurm-tiles is this command's own Slurm option
        if (typed[i] == "--slurm-tiles")
            ++i;
        else if (typed[i].rfind("--slurm-tiles=", 0) != 0)
            command.push_back(typed[i]);
    }
    command.insert(command.begin(), currentExecutable());
    const std::string cwd = std::filesystem::current_path().string();
    const int n = args.slurmTiles;

    SbatchScript merge;
    merge.jobName = "bridgelc-merge-raster";
    merge.command = {currentExecutable(),
                     "merge-raster",
                     "--out",
                     args.options.out,
                     "--tasks-script",
                     (std::filesystem::absolute(args.slurm.directory) / "predict_raster.sbatch").string()};
    if (args.keepParts) merge.command.push_back("--keep-parts");
    merge.workingDirectory = cwd;
    merge.logName = "merge_%j.out";
    merge.comments = {"Assembles " + args.options.out +
                      " from the tiles predicted so far (all must be done)."};
    const std::string mergePath = writeSbatchScript(merge, args.slurm, "merge_raster.sbatch");

    SbatchScript tasks;
    tasks.jobName = "bridgelc-predict-raster";
    tasks.tasks = static_cast<std::size_t>(n);
    tasks.firstTask = 1;  // --tiles counts from 1
    tasks.command = command;
    tasks.command.insert(tasks.command.end(), {"--tiles", fmt::format("{{task}}/{}", n)});
    tasks.workingDirectory = cwd;
    tasks.logName = "%A_%a.out";
    tasks.comments = {
        fmt::format("BRIDGE-LC raster prediction into {}: {} tiles, one per array task.", args.options.out,
                    n),
        "Finished blocks are kept, so submitting this script again resumes an interrupted prediction.",
        "When every task has ended, assemble the GeoTIFF: sbatch " + mergePath};
    const std::string tasksPath = writeSbatchScript(tasks, args.slurm, "predict_raster.sbatch");
    std::cout << fmt::format("wrote {} ({} array tasks, {} CPU(s) each)\nwrote {}\n", tasksPath, n,
                             args.slurm.cpusPerTask, mergePath);
    if (!args.slurm.submit) {
        std::cout << fmt::format("submit with: sbatch {} && sbatch --dependency=afterok:<job id> {}\n",
                                 tasksPath, mergePath);
        return 0;
    }
    const std::string arrayJob = submitSbatch(tasksPath);
    const std::string mergeJob = submitSbatch(mergePath, arrayJob);
    std::cout << fmt::format("submitted array job {} and merge job {} (runs after it)\n", arrayJob, mergeJob);
    return 0;
}

std::function<int()> setupPredictRaster(CLI::App& app) {
    auto args = std::make_shared<RasterArgs>();
    app.add_option("--checkpoint", args->checkpoint, "A saved model (model.bridgelc)")->required();
    app.add_option("stack", args->options.stack, "Feature stack: any raster GDAL opens (GeoTIFF, VRT...)")
        ->required();
    app.add_option("--out", args->options.out, "Output land-cover GeoTIFF")->required();
    app.add_option("--bands", args->options.bandsFile,
                   "CSV feature,band mapping (band number or description); default: band descriptions");
    app.add_flag("--confidence", args->options.confidence,
                 "Add the winning class's probability band (percent)");
    app.add_flag("--probabilities", args->options.probabilities,
                 "Also write <out>_probabilities.tif: one band per class (percent)");
    CLI::Option* tiles = app.add_option(
        "--tiles", args->tiles,
        "I/N: predict share I of N of the work into <out>.parts/ (merge with merge-raster; default: "
        "the whole raster)");
    app.add_option("--threads", args->threads,
                   "Compute threads (default: SLURM_CPUS_PER_TASK, else all cores)")
        ->check(wholeNumberAtLeast(1));
    app.add_option("--cache-mb", args->cacheMb, "GDAL block cache in MB (bounds memory)")
        ->check(CLI::Range(8, 1 << 20));
    app.add_flag("--keep-parts", args->keepParts, "Keep <out>.parts/ after writing the GeoTIFF");
    CLI::Option* slurm = addSlurmOptions(app, args->slurm);
    app.add_option("--slurm-tiles", args->slurmTiles,
                   "With --slurm: tiles, i.e. array tasks, each with about the same number of valid pixels "
                   "(at most the stack's rows of pixels)")
        ->check(wholeNumberAtLeast(1))
        ->capture_default_str()
        ->needs(slurm);
    slurm->excludes(tiles);
    addAoaOption(app, args->aoa, "pixel (<out>_di.tif and <out>_aoa.tif; one process, not with --tiles)")
        ->excludes(tiles)
        ->excludes(slurm);
    return [args]() -> int {
        if (!args->tiles.empty()) {
            try {
                std::tie(args->options.part, args->options.parts) = parseTiles(args->tiles);
            } catch (const RasterError& error) {
                throw UsageError(error.what());
            }
        }
        checkOutput(*args);
        const LoadedCheckpoint loaded = loadCheckpointFile(args->checkpoint);
        RasterPredictor predictor(loaded.model, checkpointKey(args->checkpoint), args->options);
        // Everything the tasks need is checked here, before a script is written or a block predicted.
        const int rows = predictor.check();
        const int tiles = args->slurm.directory.empty() ? args->options.parts : args->slurmTiles;
        if (tiles > rows)
            throw UsageError(fmt::format("{} {}: {} has only {} rows of pixels; use at most {} tiles",
                                         args->slurm.directory.empty() ? "--tiles" : "--slurm-tiles",
                                         args->slurm.directory.empty() ? args->tiles : std::to_string(tiles),
                                         args->options.stack, rows, rows));
        if (!args->slurm.directory.empty()) return writeSlurmScripts(*args);
        const int threads = taskThreads(args->threads);
        setComputeThreads(threads);
        if (args->threads == 0 && std::getenv("SLURM_CPUS_PER_TASK"))
            std::cerr << fmt::format("{} thread(s) (SLURM_CPUS_PER_TASK)\n", threads);
        boundGdalCache(args->cacheMb);
        const CheckpointApplicability applicability =
            args->aoa ? loadApplicability(args->checkpoint, loaded) : CheckpointApplicability{};
        if (!applicability.ok) return 1;

        installInterruptHandler();
        TerminalProgress progress;
        progress.setRateUnit("pixels");
        if (args->options.parts > 1)
            progress.setContext(fmt::format("tile {}/{}", args->options.part, args->options.parts));
        const RasterPartResult result = predictor.run(progress);
        progress.finishLine();
        std::cerr << fmt::format(
            "{} of {} blocks done; this run: {} pixels ({} predicted, the rest nodata) in "
            "{:.1f} s, {:.0f} pixels/s on {} thread{}\n",
            result.blocksDone, result.blocksTotal, result.pixels, result.predicted, result.seconds,
            result.pixelsPerSecond(), threads, threads == 1 ? "" : "s");
        if (!result.completed) {
            std::cerr << "interrupted: run the same command again to resume from block "
                      << result.blocksDone + 1 << "\n";
            return 130;
        }
        if (args->options.parts > 1) {
            std::cout << fmt::format(
                "tile {}/{} done; once all {} are done: bridgelc merge-raster --out {}\n", args->options.part,
                args->options.parts, args->options.parts, args->options.out);
            return 0;
        }
        const int merged = merge(args->options.out, threads, progress, args->keepParts);
        if (merged != 0 || !applicability.aoa) return merged;
        return writeRasterApplicability(*applicability.aoa, args->options.stack, args->options.bandsFile,
                                        args->options.out, progress);
    };
}

std::function<int()> setupMergeRaster(CLI::App& app) {
    auto args = std::make_shared<RasterArgs>();
    app.add_option("--out", args->options.out, "The GeoTIFF whose <out>.parts/ predict-raster --tiles filled")
        ->required();
    app.add_option("--threads", args->threads, "Compression threads (default: SLURM_CPUS_PER_TASK, else all)")
        ->check(wholeNumberAtLeast(1));
    app.add_option("--tasks-script", args->tasksScript,
                   "The Slurm array script of the tiles (default: none); when tiles are missing, the error "
                   "gives the sbatch line that reruns exactly those");
    app.add_flag("--keep-parts", args->keepParts, "Keep <out>.parts/ after writing the GeoTIFF");
    return [args]() -> int {
        installInterruptHandler();
        TerminalProgress progress;
        try {
            return merge(args->options.out, taskThreads(args->threads), progress, args->keepParts);
        } catch (const RasterError& error) {
            const std::vector<int> missing = unfinishedParts(args->options.out);
            if (args->tasksScript.empty() || missing.empty()) throw;
            throw RasterError(fmt::format("{}; rerun exactly those tasks: sbatch --array={} {}", error.what(),
                                          fmt::join(missing, ","), args->tasksScript));
        }
    };
}

const CommandRegistration predictRaster{{"predict-raster",
                                         "Predict every pixel of a feature stack into a land-cover GeoTIFF "
                                         "(colour table, class names, overviews)",
                                         setupPredictRaster}};
const CommandRegistration mergeRaster{
    {"merge-raster", "Assemble the parts of predict-raster --tiles I/N into the final GeoTIFF",
     setupMergeRaster}};

}  // namespace
}  // namespace bridgelc::cli
