#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/geo/projected_points.h"

namespace bridgelc {

/// A 2-D k-d tree (nanoflann) over projected points, answering "which point is nearest to here, within this
/// distance" for map hover and click. Points with NaN coordinates are left out. Immutable once built, so
/// lookups may run on any thread.
class PointIndex {
public:
    PointIndex();
    /// Builds the tree over `points` (copied: the index owns its data).
    explicit PointIndex(ProjectedPoints points);
    ~PointIndex();
    PointIndex(PointIndex&&) noexcept;
    PointIndex& operator=(PointIndex&&) noexcept;

    /// Number of indexed (valid) points.
    std::size_t size() const;

    /// Row of the point nearest to (x, y) if it lies within `maxDistance` metres, else -1. Ties go to the
    /// lower row, so the answer never depends on the tree's layout.
    std::int64_t nearest(double x, double y, double maxDistance) const;

    /// Rows of all points within `radius` metres of (x, y), in ascending row order.
    std::vector<std::int64_t> within(double x, double y, double radius) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace bridgelc
