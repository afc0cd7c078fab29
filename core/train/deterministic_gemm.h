#pragma once

namespace bridgelc {

/// Threads of the process's single-precision matrix products (BLAS `sgemm_`, which this library defines for
/// the whole process: LibTorch's layers and the folded classifier call it). Each product is cut into column
/// or row bands of the output, each band computed by OpenBLAS on one thread, so every output element is
/// summed in the same order whatever the thread count: training and prediction give bit-identical results
/// with 1, 2 or more threads. (OpenBLAS's own threaded products split the sums differently and changed a
/// 5-epoch MLP's weighted F1 from 0.5137 to 0.5174 between 1 and 2 threads.)
void setGemmThreads(int threads);

/// The thread count set by setGemmThreads (1 until then).
int gemmThreads();

}  // namespace bridgelc
