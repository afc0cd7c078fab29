// The thread policy `bridgelc bench` chose: matrix products in OpenBLAS on the requested threads, LibTorch's
// own OpenMP threads kept at one so the two pools never compete for the cores.
#include <ATen/Parallel.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace bridgelc
