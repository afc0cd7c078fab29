#include "ui/map/point_density.h"

#include <algorithm>
#include <cmath>

#include "ui/map/map_points.h"
#include "ui/map/point_raster.h"
#include "ui/map/viewport.h"

namespace bridgelc {

PointDensity::PointDensity(const MapPoints& points, const Viewport& viewport, int cellPixels)
    : m_cell(std::max(1, cellPixels)),
      m_cols(std::max(1, (viewport.size().width() + m_cell - 1) / m_cell)),
      m_rows(std::max(1, (viewport.size().height() + m_cell - 1) / m_cell)),
      m_reach(pointRadiusFor(viewport.metresPerPixel()) + 1),
      m_sums(std::size_t(m_cols + 1) * std::size_t(m_rows + 1), 0) {
    const std::size_t stride = std::size_t(m_cols) + 1;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!points.isShown(i)) continue;
        const QPointF at = viewport.projectedToScreen(QPointF(points.projected.x[i], points.projected.y[i]));
        const int cx = int(std::floor(at.x() / m_cell)), cy = int(std::floor(at.y() / m_cell));
        if (cx < 0 || cy < 0 || cx >= m_cols || cy >= m_rows) continue;
        ++m_sums[std::size_t(cy + 1) * stride + std::size_t(cx + 1)];
    }
    for (int y = 1; y <= m_rows; ++y)
        for (int x = 1; x <= m_cols; ++x)
            m_sums[std::size_t(y) * stride + std::size_t(x)] +=
                m_sums[std::size_t(y - 1) * stride + std::size_t(x)] +
                m_sums[std::size_t(y) * stride + std::size_t(x - 1)] -
                m_sums[std::size_t(y - 1) * stride + std::size_t(x - 1)];
}

std::int64_t PointDensity::countIn(const QRectF& rect) const {
    // A dot drawn within its radius of the rectangle still shows under it.
    const QRectF r = rect.adjusted(-m_reach, -m_reach, m_reach, m_reach);
    const int x0 = std::clamp(int(std::floor(r.left() / m_cell)), 0, m_cols);
    const int y0 = std::clamp(int(std::floor(r.top() / m_cell)), 0, m_rows);
    const int x1 = std::clamp(int(std::floor(r.right() / m_cell)) + 1, 0, m_cols);
    const int y1 = std::clamp(int(std::floor(r.bottom() / m_cell)) + 1, 0, m_rows);
    if (x1 <= x0 || y1 <= y0) return 0;
    const std::size_t stride = std::size_t(m_cols) + 1;
    auto at = [&](int x, int y) { return m_sums[std::size_t(y) * stride + std::size_t(x)]; };
    return at(x1, y1) - at(x0, y1) - at(x1, y0) + at(x0, y0);
}

}  // namespace bridgelc
