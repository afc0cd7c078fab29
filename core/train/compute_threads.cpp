#include "core/train/compute_threads.h"

#include <dlfcn.h>
#include <malloc.h>

#include <ATen/Parallel.h>
#include <algorithm>

namespace bridgelc {

void setComputeThreads(int threads) {
    threads = std::max(1, threads);
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
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
    return at::get_num_threads();
}

}  // namespace bridgelc
