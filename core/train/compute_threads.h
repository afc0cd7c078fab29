#pragma once

namespace bridgelc {

/// Sets the threads of the matrix products (process-wide, see deterministic_gemm.h) and keeps LibTorch's
/// intra-op threads at one. Results are bit-identical whatever the count; more threads only go faster.
void setComputeThreads(int threads);

/// Makes glibc keep freed blocks of up to 64 MB for reuse instead of returning them to the kernel: a training
/// step frees and reallocates the same activation-sized buffers thousands of times, and fresh pages from mmap
/// cost page faults and zeroing each time (about a tenth of a small-batch step). Process-wide, idempotent.
void keepFreedMemoryForReuse();

/// The cores this machine offers (at least 1), or inside a Slurm task the CPUs the task was given
/// (SLURM_CPUS_PER_TASK): the thread count of headless commands.
int machineCores();

/// The compute threads now in effect (those of the matrix products).
int computeThreads();

}  // namespace bridgelc
