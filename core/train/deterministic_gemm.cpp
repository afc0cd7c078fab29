#include "core/train/deterministic_gemm.h"

#include <dlfcn.h>
#include <strings.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using Sgemm = void (*)(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);

/// Products smaller than this many multiply-adds run whole on the calling thread: waking a helper costs
/// more. (OpenBLAS's own threshold is the same size.)
constexpr std::int64_t kSplitThreshold = 262144;
/// Larger products are cut into bands of about this many multiply-adds (at most kMaxBands), a cut that
/// depends on the product's shape alone, never on the thread count: OpenBLAS's kernels may sum a band in
/// another order than the whole product (its AVX-512 kernels take a separate path for small products), so
/// only the same bands give the same bits whatever the threads.
constexpr std::int64_t kBandWork = 8 * 1024 * 1024;
constexpr int kMaxBands = 8;
/// Bands start at multiples of this many rows or columns, a multiple of every OpenBLAS kernel's unroll.
constexpr int kBandAlignment = 16;

std::atomic<int> g_threads{1};

/// OpenBLAS picks its kernels by the CPU's model number and falls back to its oldest x86-64 kernels
/// ("Prescott", SSE3) for a model it does not know, such as a newer Xeon seen through a hypervisor: those ran
/// this library's matrix products 4.8x slower than the AVX-512 ones on the same machine (a 1024 x 256 x 256
/// product: 4.4 ms against 0.9 ms). When OpenBLAS fell back so and the user named no core type, this picks
/// the newest kernels the CPU's instruction set supports, by OpenBLAS's own switch (OPENBLAS_CORETYPE and a
/// re-initialisation of its kernel table). Runs once, before the first product.
void chooseOpenBlasKernels() {
    using Name = char* (*)();
    using Hook = void (*)();
    const auto coreName = reinterpret_cast<Name>(dlsym(RTLD_DEFAULT, "gotoblas_corename"));
    const auto quit = reinterpret_cast<Hook>(dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit"));
    const auto init = reinterpret_cast<Hook>(dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init"));
    if (!coreName || !quit || !init || std::getenv("OPENBLAS_CORETYPE")) return;
    const char* current = coreName();
    if (!current || strcasecmp(current, "Prescott") != 0) return;
    __builtin_cpu_init();
    const char* better = nullptr;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
        better = "SkylakeX";
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        better = "Haswell";
    if (!better) return;
    setenv("OPENBLAS_CORETYPE", better, 0);
    quit();
    init();
}

/// Puts OpenBLAS on one thread, so every BLAS call (also the few that do not pass through sgemm_ below)
/// sums in one fixed order; picks its kernels first (above).
void keepOpenBlasOnOneThread() {
    using SetThreads = void (*)(int);
    static const auto openblasSetThreads = [] {
        chooseOpenBlasKernels();
        return reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    }();
    if (openblasSetThreads) openblasSetThreads(1);
}

Sgemm realSgemm() {
    // The next definition after this one: Debian's libblas alternative (OpenBLAS). It goes to one thread
    // before its first product, also in a process that never sets a thread count (a test that loads a saved
    // model and predicts): left at its default of every core it would sum in another order than the bands.
    static const auto sgemm = [] {
        keepOpenBlasOnOneThread();
        return reinterpret_cast<Sgemm>(dlsym(RTLD_NEXT, "sgemm_"));
    }();
    return sgemm;
}

bool transposed(const char* trans) {
    return *trans != 'N' && *trans != 'n';
}

/// Column-major C = alpha op(A) op(B) + beta C by plain loops, for a process without any BLAS.
void referenceSgemm(const char* transA, const char* transB, int m, int n, int k, float alpha, const float* a,
                    int lda, const float* b, int ldb, float beta, float* c, int ldc) {
    const bool ta = transposed(transA), tb = transposed(transB);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i) {
            float sum = 0;
            for (int l = 0; l < k; ++l)
                sum += (ta ? a[l + i * lda] : a[i + l * lda]) * (tb ? b[j + l * ldb] : b[l + j * ldb]);
            float& out = c[i + j * ldc];
            out = alpha * sum + (beta == 0.0f ? 0.0f : beta * out);
        }
}

/// Helper threads that each compute one band of a product while the calling thread computes the first.
/// Used by one product at a time; a product that finds it busy runs on its own thread, which gives the
/// same numbers.
class BandPool {
public:
    using Work = void (*)(const void* context, int part);

    /// Runs work(context, 0 .. parts-1), part 0 here; false when another product holds the pool.
    bool run(int parts, Work work, const void* context) {
        std::unique_lock<std::mutex> busy(m_busy, std::try_to_lock);
        if (!busy.owns_lock()) return false;
        while (m_workers < parts - 1)
            std::thread([this, index = ++m_workers] { serve(index); }).detach();
        m_pending.store(parts - 1, std::memory_order_relaxed);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_parts = parts;
            m_work = work;
            m_context = context;
            m_generation.fetch_add(1, std::memory_order_release);
        }
        m_wake.notify_all();
        work(context, 0);
        for (int spin = 0; m_pending.load(std::memory_order_acquire) != 0; ++spin)
            if (spin > 4096) std::this_thread::yield();
        return true;
    }

private:
    void serve(int index) {
        unsigned seen = 0;
        for (;;) {
            // A short spin catches the next product of a training step without a system call.
            const auto spinUntil = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
            while (m_generation.load(std::memory_order_acquire) == seen &&
                   std::chrono::steady_clock::now() < spinUntil) {
            }
            int parts = 0;
            Work work = nullptr;
            const void* context = nullptr;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [&] { return m_generation.load(std::memory_order_relaxed) != seen; });
                seen = m_generation.load(std::memory_order_relaxed);
                parts = m_parts;
                work = m_work;
                context = m_context;
            }
            if (index < parts) {
                work(context, index);
                m_pending.fetch_sub(1, std::memory_order_release);
            }
        }
    }

    std::mutex m_busy;   ///< held for a whole product
    std::mutex m_mutex;  ///< guards the product's description below and the wake-up
    std::condition_variable m_wake;
    std::atomic<unsigned> m_generation{0};
    std::atomic<int> m_pending{0};
    int m_parts = 0;
    Work m_work = nullptr;
    const void* m_context = nullptr;
    int m_workers = 0;
};

BandPool& pool() {
    static BandPool* instance = new BandPool;  // never destroyed: its detached threads outlive main()
    return *instance;
}

/// One product and how it is cut: bands of `band` columns of C (byColumns) or rows.
struct BandedProduct {
    const char* transA;
    const char* transB;
    int m, n, k;
    const float* alpha;
    const float* a;
    int lda;
    const float* b;
    int ldb;
    const float* beta;
    float* c;
    int ldc;
    bool byColumns;
    int band;
    int bands;
    int workers;

    /// The bands worker, worker + workers, ...
    void computeShare(int worker) const {
        for (int part = worker; part < bands; part += workers)
            compute(part);
    }

    void compute(int part) const {
        const int from = part * band;
        const int length = std::min(band, (byColumns ? n : m) - from);
        if (length <= 0) return;
        if (byColumns) {
            const float* bPart = transposed(transB) ? b + from : b + static_cast<std::int64_t>(from) * ldb;
            realSgemm()(transA, transB, &m, &length, &k, alpha, a, &lda, bPart, &ldb, beta,
                        c + static_cast<std::int64_t>(from) * ldc, &ldc);
        } else {
            const float* aPart = transposed(transA) ? a + static_cast<std::int64_t>(from) * lda : a + from;
            realSgemm()(transA, transB, &length, &n, &k, alpha, aPart, &lda, b, &ldb, beta, c + from, &ldc);
        }
    }
};

}  // namespace

// The process's Fortran sgemm_: LibTorch (through libblas) and the folded classifier call this definition,
// which takes precedence over the BLAS library's for every library in the process.
extern "C" void sgemm_(const char* transA, const char* transB, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc) {
    const Sgemm real = realSgemm();
    if (!real) {
        referenceSgemm(transA, transB, *m, *n, *k, *alpha, a, *lda, b, *ldb, *beta, c, *ldc);
        return;
    }
    const int threads = g_threads.load(std::memory_order_relaxed);
    const std::int64_t work = static_cast<std::int64_t>(*m) * *n * *k;
    if (work < kSplitThreshold) {
        real(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
    BandedProduct product{transA, transB, *m, *n,   *k,       alpha, a, *lda, b,
                          *ldb,   beta,   c,  *ldc, *n >= *m, 0,     0, 1};
    const int length = product.byColumns ? *n : *m;
    const int alignedUnits = (length + kBandAlignment - 1) / kBandAlignment;
    const int wanted =
        static_cast<int>(std::min<std::int64_t>(kMaxBands, std::max<std::int64_t>(1, work / kBandWork)));
    const int parts = std::min(wanted, alignedUnits);
    product.band = (alignedUnits + parts - 1) / parts * kBandAlignment;
    product.bands = (length + product.band - 1) / product.band;
    product.workers = std::max(1, std::min(threads, product.bands));
    const auto run = [](const void* context, int worker) {
        static_cast<const BandedProduct*>(context)->computeShare(worker);
    };
    if (product.workers > 1 && pool().run(product.workers, run, &product)) return;
    product.workers = 1;
    product.computeShare(0);
}

namespace bridgelc {

void setGemmThreads(int threads) {
    keepOpenBlasOnOneThread();
    g_threads.store(std::max(1, threads), std::memory_order_relaxed);
}

int gemmThreads() {
    return g_threads.load(std::memory_order_relaxed);
}

}  // namespace bridgelc
