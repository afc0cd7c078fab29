// The thread policy `bridgelc bench` chose: matrix products in OpenBLAS on the requested threads, LibTorch's
// own OpenMP threads kept at one so the two pools never compete for the cores.
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "core/train/compute_threads.h"

namespace bridgelc {
namespace {

TEST(ComputeThreads, BlasTakesTheThreadsAndLibTorchStaysSingle) {
    at::set_num_threads(2);  // what LibTorch starts with on a 2-core machine
    setComputeThreads(2);
    EXPECT_EQ(computeThreads(), 2);
    EXPECT_EQ(at::get_num_threads(), 1);
    setComputeThreads(0);  // nonsense counts mean one
    EXPECT_EQ(computeThreads(), 1);
    EXPECT_EQ(at::get_num_threads(), 1);
}

TEST(ComputeThreads, SlurmTaskUsesTheCpusItWasGiven) {
    const char* before = std::getenv("SLURM_CPUS_PER_TASK");
    const std::string saved = before ? before : "";
    ::unsetenv("SLURM_CPUS_PER_TASK");
    const int cores = machineCores();
    EXPECT_GE(cores, 1);
    ::setenv("SLURM_CPUS_PER_TASK", "3", 1);
    EXPECT_EQ(machineCores(), 3);
    for (const char* nonsense : {"", "0", "-2", "four", "2x"}) {
        ::setenv("SLURM_CPUS_PER_TASK", nonsense, 1);
        EXPECT_EQ(machineCores(), cores) << "'" << nonsense << "' is not a CPU count";
    }
    if (before)
        ::setenv("SLURM_CPUS_PER_TASK", saved.c_str(), 1);
    else
        ::unsetenv("SLURM_CPUS_PER_TASK");
}

}  // namespace
}  // namespace bridgelc
