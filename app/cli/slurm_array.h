#pragma once
// Running a command's work as a Slurm array job: options shared by every command that offers --slurm, the
// sbatch script (one array task per share of the work, each running this same program), and submission.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace bridgelc::cli {

/// --slurm DIR and the resources each array task asks for.
struct SlurmArgs {
    std::string directory;  ///< where the scripts and the task logs (DIR/logs) go; empty: no Slurm
    bool submit = false;    ///< also run sbatch on the scripts written
    int cpusPerTask = 1;    ///< each task's threads follow it through SLURM_CPUS_PER_TASK
    std::string time;       ///< sbatch --time, e.g. "2:00:00"; empty: the partition's default
    std::string memory;     ///< sbatch --mem, e.g. "4G"
    int maxParallel = 0;    ///< at most this many tasks at once (--array=0-N%K); 0: no limit
    std::vector<std::string> sbatchOptions;  ///< further sbatch options, e.g. "partition=short"
};

/// Adds --slurm, --submit, --slurm-cpus, --slurm-time, --slurm-mem, --slurm-max-parallel, --sbatch-option.
/// Returns the --slurm option, so a command can exclude options that contradict it.
CLI::Option* addSlurmOptions(CLI::App& app, SlurmArgs& args);

/// One sbatch script. In `command`, the text "{task}" stands for the array task's index
/// ($SLURM_ARRAY_TASK_ID); every other character reaches the program as given.
struct SbatchScript {
    std::string jobName;
    std::size_t tasks = 0;      ///< array tasks 0 .. tasks-1; 0: a plain (non-array) job
    std::size_t firstTask = 0;  ///< index of the first task, e.g. 1 when the command counts from 1
    std::vector<std::string> command;
    std::string workingDirectory;       ///< relative paths in `command` are taken from here
    std::string logName;                ///< file name under <directory>/logs, e.g. "%A_%a.out"
    std::vector<std::string> comments;  ///< shown at the top: what the script does, how to resume
};

/// The script's text: #SBATCH lines from `script` and `args`, then `exec` of the command.
std::string sbatchScriptText(const SbatchScript& script, const SlurmArgs& args);

/// Writes <args.directory>/<fileName> (executable) and creates <args.directory>/logs; returns the path.
std::string writeSbatchScript(const SbatchScript& script, const SlurmArgs& args, const std::string& fileName);

/// Runs `sbatch --parsable [--dependency=afterany:<after>] PATH` and returns the job ID; throws with sbatch's
/// message when it fails.
std::string submitSbatch(const std::string& path, const std::string& after = "");

/// `arguments` (this process's, after the program name) without the options addSlurmOptions adds, so a
/// task runs the very command the user typed, minus the Slurm part.
std::vector<std::string> withoutSlurmOptions(const std::vector<std::string>& arguments);

/// The absolute path of the running program (tasks on other nodes run the same file).
std::string currentExecutable();

/// `text` quoted for bash (single quotes).
std::string shellQuote(const std::string& text);

}  // namespace bridgelc::cli
