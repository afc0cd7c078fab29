#include "core/nn/torch_dropout.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cstdint>
#include <cstring>
#include <mutex>

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
