#pragma once

namespace bridgelc {

/// Sets LibTorch's intra-op threads and OpenBLAS's threads (process-wide). One thread is fastest for
/// batch-128 training on small machines: OpenMP and OpenBLAS threads otherwise fight (DESIGN section 5).
void setComputeThreads(int threads);

/// Makes glibc keep freed blocks of up to 64 MB for reuse instead of returning them to the kernel: a training
/// step frees and reallocates the same activation-sized buffers thousands of times, and fresh pages from mmap
/// cost page faults and zeroing each time (about a tenth of a small-batch step). Process-wide, idempotent.
void keepFreedMemoryForReuse();

/// The LibTorch intra-op thread count now in effect.
int computeThreads();

}  // namespace bridgelc
