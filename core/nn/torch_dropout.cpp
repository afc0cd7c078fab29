#include "core/nn/torch_dropout.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cstdint>
#include <cstring>
#include <mutex>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace bridgelc {
namespace {

/// xoshiro256** (Blackman & Vigna), seeded through splitmix64.
class Xoshiro256 {
public:
    explicit Xoshiro256(std::uint64_t seed) {
        for (std::uint64_t& s : m_state) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4];
};

#if defined(__x86_64__)
/// The p = 0.5 mask of fillDropoutMask, 64 elements per draw as there (element e of a draw keeps when bit e
/// is set), written as four 16-lane masked stores where the CPU has AVX-512 instead of sixteen 16-byte table
/// copies. Returns how many leading elements it filled.
__attribute__((target("avx512f"))) std::int64_t fillHalfMaskSixteenLanes(float* m, std::int64_t n,
                                                                         float scale, Xoshiro256& random) {
    const __m512 kept = _mm512_set1_ps(scale);
    std::int64_t i = 0;
    for (; i + 64 <= n; i += 64) {
        const std::uint64_t bits = random.next();
        for (int q = 0; q < 4; ++q)
            _mm512_storeu_ps(m + i + 16 * q,
                             _mm512_maskz_mov_ps(static_cast<__mmask16>(bits >> (16 * q)), kept));
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
#endif

std::uint64_t seedFromTorch() {
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get<at::CPUGeneratorImpl>()->random64();
}

}  // namespace

void fillDropoutMask(float* m, std::int64_t n, double p) {
    Xoshiro256 random(seedFromTorch());
    const float scale = static_cast<float>(1.0 / (1.0 - p));
    if (p == 0.5) {
        std::int64_t i = 0;
#if defined(__x86_64__)
        if (hasAvx512()) i = fillHalfMaskSixteenLanes(m, n, scale, random);
#endif
        // Four mask values per table row, indexed by four bits: one 16-byte copy instead of four conversions.
        float table[16][4];
        for (unsigned b = 0; b < 16; ++b)
            for (unsigned k = 0; k < 4; ++k)
                table[b][k] = scale * static_cast<float>((b >> k) & 1u);
        for (; i + 64 <= n; i += 64) {
            const std::uint64_t bits = random.next();
            for (int q = 0; q < 16; ++q)
                std::memcpy(m + i + 4 * q, table[(bits >> (4 * q)) & 15u], sizeof(table[0]));
        }
        const std::uint64_t bits = random.next();
        for (int k = 0; i < n; ++i, ++k)
            m[i] = scale * static_cast<float>((bits >> k) & 1u);
    } else {
        // Keep when a uniform 32-bit draw reaches p * 2^32: two elements per 64-bit draw.
        const std::uint64_t threshold = static_cast<std::uint64_t>(p * 4294967296.0);
        for (std::int64_t i = 0; i < n; i += 2) {
            const std::uint64_t bits = random.next();
            m[i] = (bits & 0xffffffffu) >= threshold ? scale : 0.f;
            if (i + 1 < n) m[i + 1] = (bits >> 32) >= threshold ? scale : 0.f;
        }
    }
}

torch::Tensor fastDropout(const torch::Tensor& x, double p) {
    if (p <= 0) return x;
    if (p >= 1) return x * 0;
    torch::Tensor mask = torch::empty(x.sizes(), torch::TensorOptions().dtype(torch::kFloat));
    fillDropoutMask(mask.data_ptr<float>(), mask.numel(), p);
    return x * (x.scalar_type() == torch::kFloat ? mask : mask.to(x.scalar_type()));
}

}  // namespace bridgelc
