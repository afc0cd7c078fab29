#include "core/geo/region_lookup.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "core/geo/laea_projection.h"
#include "core/geo/region_grid.h"
#include "core/util/resources.h"

namespace bridgelc {

namespace {
// Points projected per PROJ call: large enough to amortise the call, small enough to stay in cache.
constexpr std::size_t kChunk = 8192;
}  // namespace

struct RegionLookup::Impl {
    RegionGrid grid;
    double maxSnapMeters = 20000.0;

    // A PROJ object may only be used by one thread at a time; lookups borrow one from this pool so a shared
    // const RegionLookup (builtIn()) serves any number of threads without re-creating PROJ objects per call.
    mutable std::mutex poolMutex;
    mutable std::vector<std::unique_ptr<LaeaProjection>> pool;

    std::unique_ptr<LaeaProjection> borrow() const {
        {
            std::lock_guard<std::mutex> lock(poolMutex);
            if (!pool.empty()) {
                std::unique_ptr<LaeaProjection> projection = std::move(pool.back());
                pool.pop_back();
                return projection;
            }
        }
        return std::make_unique<LaeaProjection>();
    }

    void giveBack(std::unique_ptr<LaeaProjection> projection) const {
        std::lock_guard<std::mutex> lock(poolMutex);
        pool.push_back(std::move(projection));
    }
};

RegionLookup::RegionLookup(const std::string& cellTablePath, double maxSnapMeters)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->grid = RegionGrid::fromFile(cellTablePath);
    m_impl->maxSnapMeters = maxSnapMeters;
}

const RegionLookup& RegionLookup::builtIn() {
    // Function-local static: created once on first use, thread-safe since C++11; a failed attempt is retried.
    static const RegionLookup lookup(resourcePath("regions/biogeoregions_10km_cells.csv"));
    return lookup;
}

RegionLookup::~RegionLookup() = default;
RegionLookup::RegionLookup(RegionLookup&&) noexcept = default;
RegionLookup& RegionLookup::operator=(RegionLookup&&) noexcept = default;

int RegionLookup::regionAt(double lon, double lat) const {
    std::unique_ptr<LaeaProjection> projection = m_impl->borrow();
    projection->forward(&lon, &lat, 1);
    m_impl->giveBack(std::move(projection));
    return m_impl->grid.regionAt(lon, lat, m_impl->maxSnapMeters);
}

void RegionLookup::regionsAt(const double* lon, const double* lat, std::size_t n, int* regionOut) const {
    if (n == 0) return;
    std::unique_ptr<LaeaProjection> projection = m_impl->borrow();
    std::vector<double> x(std::min(n, kChunk)), y(x.size());
    for (std::size_t begin = 0; begin < n; begin += kChunk) {
        const std::size_t count = std::min(kChunk, n - begin);
        std::copy(lon + begin, lon + begin + count, x.begin());
        std::copy(lat + begin, lat + begin + count, y.begin());
        projection->forward(x.data(), y.data(), count);
        for (std::size_t i = 0; i < count; ++i)
            regionOut[begin + i] = m_impl->grid.regionAt(x[i], y[i], m_impl->maxSnapMeters);
    }
    m_impl->giveBack(std::move(projection));
}

}  // namespace bridgelc
