#include "core/train/compute_threads.h"

#include <dlfcn.h>
#include <malloc.h>

#include <ATen/Parallel.h>
#include <algorithm>

namespace bridgelc {

void setComputeThreads(int threads) {
    threads = std::max(1, threads);
    // LibTorch's OpenMP threads stay at one: beside OpenBLAS's own pool they only fight for the cores (with 2
    // threads on 2 cores, batch-128 training fell from 14,500 to 6,800 samples/s and inference from 207,000
    // to 120,000 points/s), while the matrix products, nearly all the work, scale in OpenBLAS.
    if (at::get_num_threads() != 1) at::set_num_threads(1);
    // OpenBLAS comes in through libblas (alternatives -> openblas-pthread); look the symbol up at run time so
    // a machine with another BLAS still works.
    using SetThreads = void (*)(int);
    static const auto openblasSetThreads =
        reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (openblasSetThreads) openblasSetThreads(threads);
}

void keepFreedMemoryForReuse() {
    static const bool done = [] {
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
        return true;
    }();
    (void)done;
}

int computeThreads() {
    using GetThreads = int (*)();
    static const auto openblasGetThreads =
        reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return openblasGetThreads ? openblasGetThreads() : at::get_num_threads();
}

}  // namespace bridgelc
