#pragma once
// `bridgelc experiment --jobs N`: the plan's jobs trained side by side, each in a child process of this
// program running the same command with --job-index (what a Slurm array task runs). Processes rather than
// threads because a job's random draws come from LibTorch's process-wide generator: two jobs in one process
// would interleave them and no longer match a sequential run.
#include <cstddef>
#include <string>
#include <vector>

#include "core/experiment/experiment_runner.h"
#include "core/experiment/job_parallelism.h"

namespace bridgelc::cli {

/// Starts, watches and stops the child processes of one experiment, and prints its progress (jobs done,
/// running and left, and the time left) on stderr.
class ExperimentProcesses {
public:
    /// `command`: this process's arguments after the program name, as typed; each child runs them without
    /// --jobs and --threads, plus --job-index and its share of the threads.
    ExperimentProcesses(const ExperimentRunner& runner, std::string outputDirectory,
                        std::vector<std::string> command, JobParallelism parallelism);

    struct Outcome {
        std::size_t trained = 0;  ///< jobs whose process ran to its end (completed or failed)
        std::size_t skipped = 0;  ///< finished before this run started
        std::size_t failed = 0;
        bool cancelled = false;  ///< Ctrl+C: running jobs were stopped and none started after
    };

    /// Trains every job not finished yet, at most parallelism.jobs at once; a first Ctrl+C (see
    /// installInterruptHandler) stops the running children, whose cut jobs train again on resume.
    Outcome run();

    /// The arguments of the child that trains job `index`.
    std::vector<std::string> childArguments(std::size_t index) const;

private:
    const ExperimentRunner& m_runner;
    std::string m_out;
    std::vector<std::string> m_command;
    JobParallelism m_parallelism;
};

}  // namespace bridgelc::cli
