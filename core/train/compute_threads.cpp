#include "core/train/compute_threads.h"

#include "core/train/deterministic_gemm.h"

#include <dlfcn.h>
#include <malloc.h>

#include <ATen/Parallel.h>
#include <algorithm>
#include <cstdlib>
#include <thread>

namespace bridgelc {

void setComputeThreads(int threads) {
    threads = std::max(1, threads);
    // LibTorch's OpenMP threads stay at one: a second pool beside the matrix products' only fights for the
    // cores (2 threads of each on 2 cores trained batch 128 at 6,800 samples/s, 2 product threads alone at
    // 23,300), and its reductions would sum in an order that depends on the thread count.
    if (at::get_num_threads() != 1) at::set_num_threads(1);
    setGemmThreads(threads);
}

void keepFreedMemoryForReuse() {
    static const bool done = [] {
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
        return true;
    }();
    (void)done;
}

int machineCores() {
    // A Slurm task owns only the CPUs it asked for; the node's other cores belong to other tasks.
    if (const char* slurm = std::getenv("SLURM_CPUS_PER_TASK")) {
        char* end = nullptr;
        const long cpus = std::strtol(slurm, &end, 10);
        if (end != slurm && *end == '\0' && cpus > 0 && cpus < 100000) return static_cast<int>(cpus);
    }
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int computeThreads() {
    return gemmThreads();
}

}  // namespace bridgelc
