#pragma once
// Matrix products and gradient targets of the hand-written training passes. Internal: include only from
// core .cpp files (ui must not see torch).
#include <cstdint>

#include <torch/torch.h>

namespace bridgelc {

/// Column-major C = op(A) op(B) + beta C through the process's sgemm_ (the deterministic banded one when
/// core/train is linked, else the BLAS library's), so every thread count gives the same bits.
void blasProduct(const char* transA, const char* transB, std::int64_t m, std::int64_t n, std::int64_t k,
                 const float* a, std::int64_t lda, const float* b, std::int64_t ldb, float beta, float* c,
                 std::int64_t ldc);

/// Column-major C = alpha op(A) op(A)^T + beta C on the `uplo` ("U" or "L") triangle of C only, through the
/// process's ssyrk_ (half the multiply-adds of the full product). Where core/train is linked, OpenBLAS is on
/// one thread from the process's first product on (core/train/deterministic_gemm.h), so every thread count
/// gives the same bits.
void blasSymmetricRankK(const char* uplo, const char* trans, std::int64_t n, std::int64_t k, float alpha,
                        const float* a, std::int64_t lda, float beta, float* c, std::int64_t ldc);

/// Where a hand-written backward puts a parameter's gradient: straight into the parameter's own .grad() when
/// that is a float CPU buffer of its shape (the optimiser keeps one, zeroed before each step), which spares
/// autograd a pass that adds a returned gradient into it and the dispatch of that addition; otherwise a new
/// zeroed tensor, which the backward must return. Either way the backward adds its gradient to the target,
/// so gradients accumulate over backward passes as autograd's do. `direct` says which; `needed` is false
/// for a parameter that takes no gradient (then always a new tensor).
torch::Tensor parameterGradientTarget(const torch::Tensor& parameter, bool needed, bool& direct);

/// An optimiser that can update a parameter during the backward, as soon as its gradient is complete: the
/// gradient and the weights are then still in cache (the whole update afterwards streamed 7 MB at batch
/// 128). The hand-written training functions report, on the thread that runs them, each use of a parameter in
/// their forward and, in their backward, when they have added their last to its gradient and read it for the
/// last time. A parameter is complete when every reported use has reported back; a parameter also used by
/// LibTorch operations must not be reported at all (its gradient would not be complete).
class EarlyParameterUpdates {
public:
    virtual ~EarlyParameterUpdates() = default;
    virtual void parameterUsed(const torch::Tensor& parameter) = 0;
    virtual void parameterDone(const torch::Tensor& parameter) = 0;
};

/// Makes `updates` this thread's receiver of the reports below while it lives (nullptr: none).
class EarlyParameterUpdatesScope {
public:
    explicit EarlyParameterUpdatesScope(EarlyParameterUpdates* updates);
    ~EarlyParameterUpdatesScope();
    EarlyParameterUpdatesScope(const EarlyParameterUpdatesScope&) = delete;
    EarlyParameterUpdatesScope& operator=(const EarlyParameterUpdatesScope&) = delete;

private:
    EarlyParameterUpdates* m_previous;
};

/// Reports to this thread's receiver, if any: a forward's use of `parameter` (only while gradients are
/// recorded), and a backward being done with it (only for a gradient added straight into its .grad()).
void reportParameterUse(const torch::Tensor& parameter);
void reportParameterDone(const torch::Tensor& parameter);

}  // namespace bridgelc
