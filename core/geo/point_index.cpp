#include "core/geo/point_index.h"

#include <nanoflann.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace bridgelc {

// nanoflann reads points through this adaptor; only valid points are stored, `rows` maps them back.
struct PointIndex::Impl {
    std::vector<double> xy;  // interleaved x, y of valid points
    std::vector<std::int64_t> rows;

    std::size_t kdtree_get_point_count() const { return rows.size(); }
    double kdtree_get_pt(std::size_t i, std::size_t dim) const { return xy[2 * i + dim]; }
    template <class Box>
    bool kdtree_get_bbox(Box&) const {
        return false;
    }

    using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Impl>, Impl, 2,
                                                     std::uint32_t>;
    std::unique_ptr<Tree> tree;
};

namespace {
// nanoflann keeps points strictly inside the (squared) radius; the API promises "within", boundary included.
double inclusive(double radius) {
    return std::nextafter(radius * radius, std::numeric_limits<double>::infinity());
}
}  // namespace

PointIndex::PointIndex() : m_impl(std::make_unique<Impl>()) {}

PointIndex::PointIndex(ProjectedPoints points) : m_impl(std::make_unique<Impl>()) {
    m_impl->xy.reserve(2 * points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!points.valid(i)) continue;
        m_impl->xy.push_back(points.x[i]);
        m_impl->xy.push_back(points.y[i]);
        m_impl->rows.push_back(static_cast<std::int64_t>(i));
    }
    if (!m_impl->rows.empty())
        m_impl->tree =
            std::make_unique<Impl::Tree>(2, *m_impl, nanoflann::KDTreeSingleIndexAdaptorParams(16));
}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

std::size_t PointIndex::size() const {
    return m_impl->rows.size();
}

std::int64_t PointIndex::nearest(double x, double y, double maxDistance) const {
    if (!m_impl->tree || !(maxDistance >= 0)) return -1;
    const double query[2] = {x, y};
    // A radius search (squared metric) finds every tie, which a 1-NN search would break arbitrarily.
    std::vector<std::pair<std::uint32_t, double>> hits;
    nanoflann::SearchParams params;
    params.sorted = false;
    m_impl->tree->radiusSearch(query, inclusive(maxDistance), hits, params);
    std::int64_t best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (const auto& [index, distance] : hits) {
        const std::int64_t row = m_impl->rows[index];
        if (distance < bestDistance || (distance == bestDistance && row < best)) {
            best = row;
            bestDistance = distance;
        }
    }
    return best;
}

std::vector<std::int64_t> PointIndex::within(double x, double y, double radius) const {
    std::vector<std::int64_t> out;
    if (!m_impl->tree || !(radius >= 0)) return out;
    const double query[2] = {x, y};
    std::vector<std::pair<std::uint32_t, double>> hits;
    nanoflann::SearchParams params;
    params.sorted = false;
    m_impl->tree->radiusSearch(query, inclusive(radius), hits, params);
    out.reserve(hits.size());
    for (const auto& hit : hits)
        out.push_back(m_impl->rows[hit.first]);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace bridgelc
