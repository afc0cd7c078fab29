#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/data/dataset.h"

namespace bridgelc {

class Model;

/// Shape of the random training problem a throughput measurement uses (identical on the PyTorch side).
struct ThroughputShape {
    int rows = 16384;
    int features = 35;
    int classes = 8;
    int regions = 8;
    int batch = 128;
};

/// Training speed of one model through the product's own path (NeuralModel::fit -> TorchTrainer).
struct TrainingThroughput {
    /// Best of the measured epochs, wall clock: on a shared machine the least disturbed epoch is the closest
    /// to what the code can do (the PyTorch reference reports the same statistic).
    double samplesPerSecond = 0;
    double cpuSamplesPerSecond = 0;  ///< the same per second of process CPU time (robust on a shared machine)
    int epochs = 0;                  ///< measured epochs (after one warm-up epoch)
};

/// Random data of `shape` (features uniform in [0,1), labels and regions uniform), `epochs` measured epochs
/// after one warm-up; `threads` LibTorch/OpenBLAS threads.
TrainingThroughput measureTrainingThroughput(const std::string& modelName, const ThroughputShape& shape,
                                             int epochs, int threads);

/// A dataset of `points` rows made by repeating the rows of `source` (features, lon, lat, labels, regions).
Dataset repeatRows(const Dataset& source, std::size_t points);

/// Points per second of model.predictProba over every row of `data` (raw features in, probabilities out),
/// wall clock, best of `passes` passes (as matmulGflops takes its best); `cpuPointsPerSecond` gets the best
/// per CPU second when given.
double measureInferenceThroughput(const Model& model, const Dataset& data,
                                  double* cpuPointsPerSecond = nullptr, int passes = 1);

/// Float32 matrix-multiply speed of LibTorch (torch::mm, (m x k)(k x n)), GFLOP per wall second, best of
/// repeated runs over at least `minSeconds`; `cpuGflops` gets the best per second of process CPU time, which
/// other processes on a shared machine disturb less.
double matmulGflops(int m, int k, int n, int threads, double minSeconds = 0.3, double* cpuGflops = nullptr);

/// Float32 matrix-multiply speed of one contiguous run of `seconds` (total GFLOP over total time, wall and
/// CPU): an average, unlike matmulGflops' best window, so it compares like with like against a whole
/// inference pass.
struct MatmulRun {
    double gflops = 0, cpuGflops = 0;
};
MatmulRun matmulRun(int m, int k, int n, double seconds);

/// Inference measured against the matrix multiply it is made of, pass by pass: before each inference pass,
/// one matmulRun at `m`x`k`x`n` as long as the previous pass (1 s before the first). A pass's share is its
/// GFLOP/s over that run's, so both sides see the same state of the machine (clock speed, neighbours);
/// the reported share is the median over passes.
struct InferenceShare {
    double pointsPerSecond = 0, cpuPointsPerSecond = 0;  ///< best pass, by wall and by CPU time
    double medianPointsPerSecond = 0;                    ///< median pass, by wall clock
    std::vector<double> passPointsPerSecond;             ///< by wall clock, in pass order
    double share = 0, cpuShare = 0;                      ///< medians of the pass shares
    std::vector<double> passShares;                      ///< by wall clock, in pass order
};
InferenceShare measureInferenceShare(const Model& model, const Dataset& data, double flopPerPoint, int m,
                                     int k, int n, int passes);

/// Multiply-adds of the Linear layers of one BRIDGE-LC forward pass for one sample (PE-MLP, both branches and
/// heads); a training step costs about three times this (forward, and backward to inputs and to weights).
double bridgeLcMultiplyAddsPerSample(int features, int classes, int regions);

/// Multiply-adds of BRIDGE-LC inference for one point: the PE-MLP, f_inv and the land-cover head (the
/// region branch is not needed to classify).
double bridgeLcInferenceMultiplyAddsPerPoint(int features, int classes);

}  // namespace bridgelc
