#include "core/nn/blas_product.h"

#include <dlfcn.h>

#include <stdexcept>

namespace bridgelc {
namespace {

using Sgemm = void (*)(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);

thread_local EarlyParameterUpdates* t_earlyUpdates = nullptr;

using Ssyrk = void (*)(const char* uplo, const char* trans, const int* n, const int* k, const float* alpha,
                       const float* a, const int* lda, const float* beta, float* c, const int* ldc);

}  // namespace

void blasProduct(const char* transA, const char* transB, std::int64_t m, std::int64_t n, std::int64_t k,
                 const float* a, std::int64_t lda, const float* b, std::int64_t ldb, float beta, float* c,
                 std::int64_t ldc) {
    static const auto sgemm = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
    if (!sgemm) throw std::runtime_error("no BLAS sgemm_ in this process");
    const int mi = static_cast<int>(m), ni = static_cast<int>(n), ki = static_cast<int>(k);
    const int ldai = static_cast<int>(lda), ldbi = static_cast<int>(ldb), ldci = static_cast<int>(ldc);
    const float one = 1.0f;
    sgemm(transA, transB, &mi, &ni, &ki, &one, a, &ldai, b, &ldbi, &beta, c, &ldci);
}

void blasSymmetricRankK(const char* uplo, const char* trans, std::int64_t n, std::int64_t k, float alpha,
                        const float* a, std::int64_t lda, float beta, float* c, std::int64_t ldc) {
    static const auto ssyrk = reinterpret_cast<Ssyrk>(dlsym(RTLD_DEFAULT, "ssyrk_"));
    if (!ssyrk) throw std::runtime_error("no BLAS ssyrk_ in this process");
    const int ni = static_cast<int>(n), ki = static_cast<int>(k), ldai = static_cast<int>(lda),
              ldci = static_cast<int>(ldc);
    ssyrk(uplo, trans, &ni, &ki, &alpha, a, &ldai, &beta, c, &ldci);
}

torch::Tensor parameterGradientTarget(const torch::Tensor& parameter, bool needed, bool& direct) {
    const torch::Tensor& own = parameter.grad();
    direct = needed && own.defined() && own.scalar_type() == torch::kFloat && own.device().is_cpu() &&
             own.is_contiguous() && own.sizes() == parameter.sizes();
    return direct ? own : torch::zeros(parameter.sizes(), torch::kFloat);
}

EarlyParameterUpdatesScope::EarlyParameterUpdatesScope(EarlyParameterUpdates* updates)
    : m_previous(t_earlyUpdates) {
    t_earlyUpdates = updates;
}

EarlyParameterUpdatesScope::~EarlyParameterUpdatesScope() {
    t_earlyUpdates = m_previous;
}

void reportParameterUse(const torch::Tensor& parameter) {
    if (t_earlyUpdates && torch::GradMode::is_enabled() && parameter.requires_grad())
        t_earlyUpdates->parameterUsed(parameter);
}

void reportParameterDone(const torch::Tensor& parameter) {
    if (t_earlyUpdates) t_earlyUpdates->parameterDone(parameter);
}

}  // namespace bridgelc
