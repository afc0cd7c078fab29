// The process's sgemm_ (core/train/deterministic_gemm.cpp): the same bits whatever the thread count, for the
// shapes a training step and a prediction use, both transpositions, and products called from two threads
// at once.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "core/train/compute_threads.h"
#include "core/train/deterministic_gemm.h"

namespace bridgelc {
namespace {

using Sgemm = void (*)(const char*, const char*, const int*, const int*, const int*, const float*,
                       const float*, const int*, const float*, const int*, const float*, float*, const int*);

struct Shape {
    int m, n, k;
};

std::vector<float> randomValues(std::size_t count, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    std::vector<float> values(count);
    for (float& v : values)
        v = value(random);
    return values;
}

/// Column-major C (m x n) = op(A) op(B) + 0.5 C, through the sgemm_ every library of the process calls.
std::vector<float> product(const Shape& s, bool ta, bool tb) {
    static const auto sgemm = reinterpret_cast<Sgemm>(dlsym(RTLD_DEFAULT, "sgemm_"));
    const std::vector<float> a = randomValues(static_cast<std::size_t>(s.m) * s.k, 1);
    const std::vector<float> b = randomValues(static_cast<std::size_t>(s.k) * s.n, 2);
    std::vector<float> c = randomValues(static_cast<std::size_t>(s.m) * s.n, 3);
    const int lda = ta ? s.k : s.m, ldb = tb ? s.n : s.k, ldc = s.m;
    const float alpha = 1.0f, beta = 0.5f;
    sgemm(ta ? "T" : "N", tb ? "T" : "N", &s.m, &s.n, &s.k, &alpha, a.data(), &lda, b.data(), &ldb, &beta,
          c.data(), &ldc);
    return c;
}

// Layer shapes of a batch-128 step (35 features, 256 units, 8 classes), an 8192-row evaluation chunk, a
// prediction block and odd sizes that cut into uneven bands.
const std::vector<Shape> kShapes = {{256, 128, 35},  {256, 128, 256}, {35, 128, 256}, {256, 256, 128},
                                    {256, 35, 128},  {256, 8192, 35}, {8, 8192, 256}, {256, 4096, 256},
                                    {137, 128, 256}, {256, 137, 128}, {1000, 3, 300}, {3, 1000, 300}};

TEST(DeterministicGemm, EveryThreadCountGivesTheSameBits) {
    ASSERT_NE(dlsym(RTLD_DEFAULT, "sgemm_"), nullptr);
    for (const Shape& shape : kShapes)
        for (bool ta : {false, true})
            for (bool tb : {false, true}) {
                setComputeThreads(1);
                const std::vector<float> one = product(shape, ta, tb);
                for (int threads : {2, 3, 5}) {
                    setComputeThreads(threads);
                    EXPECT_EQ(gemmThreads(), threads);
                    const std::vector<float> many = product(shape, ta, tb);
                    EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(float)), 0)
                        << shape.m << "x" << shape.n << "x" << shape.k << " ta " << ta << " tb " << tb
                        << " on " << threads << " threads differs from one thread";
                }
            }
    setComputeThreads(1);
}

TEST(DeterministicGemm, ProductsFromTwoThreadsAtOnceStayExact) {
    const Shape shape{256, 1024, 256};
    setComputeThreads(1);
    const std::vector<float> expected = product(shape, false, true);
    setComputeThreads(2);
    std::vector<int> mismatches(2, 0);
    std::vector<std::thread> callers;
    for (int t = 0; t < 2; ++t)
        callers.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round)
                if (product(shape, false, true) != expected) ++mismatches[static_cast<std::size_t>(t)];
        });
    for (std::thread& caller : callers)
        caller.join();
    EXPECT_EQ(mismatches[0], 0);
    EXPECT_EQ(mismatches[1], 0);
    setComputeThreads(1);
}

}  // namespace
}  // namespace bridgelc
