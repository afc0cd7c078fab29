#include "core/train/flat_adamw.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace bridgelc {
namespace {

#if defined(__x86_64__)
/// The update of step() eight lanes at a time where the CPU has AVX; the same operations in the same order
/// as the four-lane and scalar forms (no fused multiply-add), so every path gives the same bits. Returns how
/// many leading elements it updated.
__attribute__((target("avx"))) std::int64_t updateEightLanes(float* p, float* g, float* m, float* v,
                                                             std::int64_t size, float b1, float b2,
                                                             float decay, float stepSize,
                                                             float rootCorrection2, float eps, bool zero) {
    const __m256 vb1 = _mm256_set1_ps(b1), va1 = _mm256_set1_ps(1.f - b1), vb2 = _mm256_set1_ps(b2),
                 va2 = _mm256_set1_ps(1.f - b2), vdecay = _mm256_set1_ps(decay),
                 vstep = _mm256_set1_ps(stepSize), vroot = _mm256_set1_ps(rootCorrection2),
                 veps = _mm256_set1_ps(eps);
    std::int64_t i = 0;
    for (; i + 8 <= size; i += 8) {
        const __m256 gi = _mm256_loadu_ps(g + i);
        if (zero) _mm256_storeu_ps(g + i, _mm256_setzero_ps());
        const __m256 mi = _mm256_add_ps(_mm256_mul_ps(vb1, _mm256_loadu_ps(m + i)), _mm256_mul_ps(va1, gi));
        const __m256 vi = _mm256_add_ps(_mm256_mul_ps(vb2, _mm256_loadu_ps(v + i)),
                                        _mm256_mul_ps(_mm256_mul_ps(va2, gi), gi));
        const __m256 denominator = _mm256_add_ps(_mm256_mul_ps(_mm256_sqrt_ps(vi), vroot), veps);
        const __m256 pi = _mm256_sub_ps(_mm256_mul_ps(_mm256_loadu_ps(p + i), vdecay),
                                        _mm256_div_ps(_mm256_mul_ps(vstep, mi), denominator));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(p + i, pi);
    }
    return i;
}

constexpr int kNearest = _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC;

__attribute__((target("avx512f"))) inline __m512 add512(__m512 a, __m512 b) {
    return _mm512_add_round_ps(a, b, kNearest);
}

__attribute__((target("avx512f"))) inline __m512 mul512(__m512 a, __m512 b) {
    return _mm512_mul_round_ps(a, b, kNearest);
}

/// The same update sixteen lanes at a time where the CPU has AVX-512: half the instructions (loads, stores
/// and the arithmetic around the square root and division) per weight.
__attribute__((target("avx512f"))) std::int64_t updateSixteenLanes(float* p, float* g, float* m, float* v,
                                                                   std::int64_t size, float b1, float b2,
                                                                   float decay, float stepSize,
                                                                   float rootCorrection2, float eps,
                                                                   bool zero) {
    const __m512 vb1 = _mm512_set1_ps(b1), va1 = _mm512_set1_ps(1.f - b1), vb2 = _mm512_set1_ps(b2),
                 va2 = _mm512_set1_ps(1.f - b2), vdecay = _mm512_set1_ps(decay),
                 vstep = _mm512_set1_ps(stepSize), vroot = _mm512_set1_ps(rootCorrection2),
                 veps = _mm512_set1_ps(eps);
    std::int64_t i = 0;
    for (; i + 16 <= size; i += 16) {
        const __m512 gi = _mm512_loadu_ps(g + i);
        if (zero) _mm512_storeu_ps(g + i, _mm512_setzero_ps());
        const __m512 mi = add512(mul512(vb1, _mm512_loadu_ps(m + i)), mul512(va1, gi));
        const __m512 vi = add512(mul512(vb2, _mm512_loadu_ps(v + i)), mul512(mul512(va2, gi), gi));
        const __m512 denominator = add512(mul512(_mm512_sqrt_round_ps(vi, kNearest), vroot), veps);
        const __m512 pi =
            _mm512_sub_round_ps(mul512(_mm512_loadu_ps(p + i), vdecay),
                                _mm512_div_round_ps(mul512(vstep, mi), denominator, kNearest), kNearest);
        _mm512_storeu_ps(m + i, mi);
        _mm512_storeu_ps(v + i, vi);
        _mm512_storeu_ps(p + i, pi);
    }
    return i;
}

bool hasAvx512() {
    static const bool avx512 = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") != 0;
    }();
    return avx512;
}

bool hasAvx() {
    static const bool avx = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx") != 0;
    }();
    return avx;
}
#endif

}  // namespace

FlatAdamW::FlatAdamW(std::vector<torch::Tensor> parameters, double learningRate, double weightDecay,
                     double beta1, double beta2, double epsilon)
    : m_parameters(std::move(parameters)),
      m_learningRate(learningRate),
      m_weightDecay(weightDecay),
      m_beta1(beta1),
      m_beta2(beta2),
      m_epsilon(epsilon) {
    for (const torch::Tensor& p : m_parameters) {
        if (p.scalar_type() != torch::kFloat) throw std::invalid_argument("FlatAdamW needs float parameters");
        m_size += p.numel();
    }
    torch::NoGradGuard noGrad;
    m_values = torch::empty({m_size}, torch::kFloat);
    m_gradients = torch::zeros({m_size}, torch::kFloat);
    std::int64_t offset = 0;
    for (torch::Tensor& p : m_parameters) {
        const std::int64_t n = p.numel();
        m_offsets.push_back(offset);
        torch::Tensor value = m_values.narrow(0, offset, n).view(p.sizes());
        value.copy_(p);
        p.set_data(value);
        p.mutable_grad() = m_gradients.narrow(0, offset, n).view(p.sizes());
        offset += n;
    }
    m_uses.assign(m_parameters.size(), 0);
    m_done.assign(m_parameters.size(), 0);
    m_updated.assign(m_parameters.size(), 0);
    m_average.assign(static_cast<std::size_t>(m_size), 0.f);
    m_averageSquared.assign(static_cast<std::size_t>(m_size), 0.f);
}

void FlatAdamW::zeroGrad() {
    reattachGradients();
    m_gradients.zero_();
}

void FlatAdamW::reattachGradients() {
    // Autograd may have replaced a gradient instead of accumulating into it; put the flat views back.
    std::int64_t offset = 0;
    for (torch::Tensor& p : m_parameters) {
        const std::int64_t n = p.numel();
        const torch::Tensor& g = p.grad();
        if (!g.defined() || g.data_ptr() != static_cast<void*>(m_gradients.data_ptr<float>() + offset)) {
            torch::Tensor view = m_gradients.narrow(0, offset, n).view(p.sizes());
            if (g.defined()) view.copy_(g);
            p.mutable_grad() = view;
        }
        offset += n;
    }
}

void FlatAdamW::update(std::int64_t from, std::int64_t count) {
    const auto [decay, b1, b2, stepSize, rootCorrection2, eps, zeroGradients] = m_constants;
    float* p = m_values.data_ptr<float>() + from;
    float* g = m_gradients.data_ptr<float>() + from;
    float* m = m_average.data() + from;
    float* v = m_averageSquared.data() + from;
    const std::int64_t size = count;
    std::int64_t i = 0;
#if defined(__x86_64__)
    if (hasAvx512())
        i = updateSixteenLanes(p, g, m, v, size, b1, b2, decay, stepSize, rootCorrection2, eps,
                               zeroGradients);
    if (hasAvx())
        i += updateEightLanes(p + i, g + i, m + i, v + i, size - i, b1, b2, decay, stepSize, rootCorrection2,
                              eps, zeroGradients);
#endif
#if defined(__SSE2__)
    // Four lanes by hand: the compiler leaves this loop scalar at -O2 (sqrt may set errno), and scalar sqrt
    // and division made the update a tenth of a batch-128 step.
    const __m128 vb1 = _mm_set1_ps(b1), va1 = _mm_set1_ps(1.f - b1), vb2 = _mm_set1_ps(b2),
                 va2 = _mm_set1_ps(1.f - b2), vdecay = _mm_set1_ps(decay), vstep = _mm_set1_ps(stepSize),
                 vroot = _mm_set1_ps(rootCorrection2), veps = _mm_set1_ps(eps);
    for (; i + 4 <= size; i += 4) {
        const __m128 gi = _mm_loadu_ps(g + i);
        if (zeroGradients) _mm_storeu_ps(g + i, _mm_setzero_ps());
        const __m128 mi = _mm_add_ps(_mm_mul_ps(vb1, _mm_loadu_ps(m + i)), _mm_mul_ps(va1, gi));
        const __m128 vi =
            _mm_add_ps(_mm_mul_ps(vb2, _mm_loadu_ps(v + i)), _mm_mul_ps(_mm_mul_ps(va2, gi), gi));
        const __m128 denominator = _mm_add_ps(_mm_mul_ps(_mm_sqrt_ps(vi), vroot), veps);
        const __m128 pi = _mm_sub_ps(_mm_mul_ps(_mm_loadu_ps(p + i), vdecay),
                                     _mm_div_ps(_mm_mul_ps(vstep, mi), denominator));
        _mm_storeu_ps(m + i, mi);
        _mm_storeu_ps(v + i, vi);
        _mm_storeu_ps(p + i, pi);
    }
#endif
    for (; i < size; ++i) {
        const float gi = g[i];
        if (zeroGradients) g[i] = 0.f;
        m[i] = b1 * m[i] + (1.f - b1) * gi;
        v[i] = b2 * v[i] + (1.f - b2) * gi * gi;
        p[i] = p[i] * decay - (stepSize * m[i]) / (std::sqrt(v[i]) * rootCorrection2 + eps);
    }
}

void FlatAdamW::beginStep(bool zeroGradients) {
    const double steps = static_cast<double>(m_steps + 1);
    m_constants.decay = static_cast<float>(1.0 - m_learningRate * m_weightDecay);
    m_constants.b1 = static_cast<float>(m_beta1);
    m_constants.b2 = static_cast<float>(m_beta2);
    m_constants.stepSize = static_cast<float>(m_learningRate / (1.0 - std::pow(m_beta1, steps)));
    m_constants.rootCorrection2 = static_cast<float>(1.0 / std::sqrt(1.0 - std::pow(m_beta2, steps)));
    m_constants.eps = static_cast<float>(m_epsilon);
    m_constants.zeroGradients = zeroGradients;
    std::fill(m_uses.begin(), m_uses.end(), 0);
    std::fill(m_done.begin(), m_done.end(), 0);
    std::fill(m_updated.begin(), m_updated.end(), 0);
    m_inStep = true;
}

void FlatAdamW::finishStep() {
    // The parameters not updated early, in runs of neighbours (one pass over memory where none were).
    const std::size_t count = m_parameters.size();
    for (std::size_t i = 0; i < count;) {
        if (m_updated[i]) {
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < count && !m_updated[end])
            ++end;
        const std::int64_t stop = end < count ? m_offsets[end] : m_size;
        update(m_offsets[i], stop - m_offsets[i]);
        i = end;
    }
    ++m_steps;
    m_inStep = false;
}

void FlatAdamW::cancelStep() {
    m_inStep = false;
}

void FlatAdamW::step(bool zeroGradients) {
    beginStep(zeroGradients);
    finishStep();
}

std::int64_t FlatAdamW::indexOf(const torch::Tensor& parameter) const {
    if (!parameter.defined() || parameter.scalar_type() != torch::kFloat) return -1;
    const float* base = m_values.data_ptr<float>();
    const float* data = static_cast<const float*>(parameter.data_ptr());
    if (data < base || data >= base + m_size) return -1;
    const std::int64_t offset = data - base;
    const auto at = std::lower_bound(m_offsets.begin(), m_offsets.end(), offset);
    if (at == m_offsets.end() || *at != offset) return -1;
    const std::int64_t index = at - m_offsets.begin();
    // Zero-sized parameters share an offset with their neighbour; only a parameter of this very size counts.
    return m_parameters[static_cast<std::size_t>(index)].numel() == parameter.numel() ? index : -1;
}

void FlatAdamW::parameterUsed(const torch::Tensor& parameter) {
    const std::int64_t index = m_inStep ? indexOf(parameter) : -1;
    if (index >= 0) ++m_uses[static_cast<std::size_t>(index)];
}

void FlatAdamW::parameterDone(const torch::Tensor& parameter) {
    const std::int64_t index = m_inStep ? indexOf(parameter) : -1;
    if (index < 0) return;
    const auto i = static_cast<std::size_t>(index);
    // The gradient must be the flat buffer's own view (autograd may have put another tensor there).
    const torch::Tensor& gradient = m_parameters[i].grad();
    const bool flatGradient =
        gradient.defined() &&
        gradient.data_ptr() == static_cast<void*>(m_gradients.data_ptr<float>() + m_offsets[i]);
    if (++m_done[i] != m_uses[i] || m_updated[i] || !flatGradient) return;
    update(m_offsets[i], m_parameters[i].numel());
    m_updated[i] = 1;
}

}  // namespace bridgelc
