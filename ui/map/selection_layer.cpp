#include "ui/map/selection_layer.h"

#include <QPainter>
#include <algorithm>

#include "ui/map/point_layer.h"
#include "ui/map/point_raster.h"
#include "ui/map/viewport.h"

namespace bridgelc {

void SelectionLayer::setPoints(std::shared_ptr<const MapPoints> points) {
    m_points = std::move(points);
    m_rows.clear();
    m_pinned = -1;
    Q_EMIT changed();
}

void SelectionLayer::setSelection(const std::vector<std::int64_t>& rows) {
    m_rows.clear();
    if (m_points)
        for (const std::int64_t row : rows)
            if (row >= 0 && std::size_t(row) < m_points->size() &&
                m_points->projected.valid(std::size_t(row)))
                m_rows.push_back(row);
    std::sort(m_rows.begin(), m_rows.end());
    m_rows.erase(std::unique(m_rows.begin(), m_rows.end()), m_rows.end());
    Q_EMIT changed();
}

void SelectionLayer::setPinned(std::int64_t row) {
    m_pinned = (m_points && row >= 0 && std::size_t(row) < m_points->size()) ? row : -1;
    Q_EMIT changed();
}

QRectF SelectionLayer::selectionBounds() const {
    if (!m_points || m_rows.empty()) return {};
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const std::int64_t row : m_rows) {
        const double x = m_points->projected.x[row], y = m_points->projected.y[row];
        x0 = std::min(x0, x);
        x1 = std::max(x1, x);
        y0 = std::min(y0, y);
        y1 = std::max(y1, y);
    }
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

double SelectionLayer::markRadius(double metresPerPixel) {
    return pointRadiusFor(metresPerPixel) + 1.0;
}

void SelectionLayer::paint(QPainter& painter, const Viewport& viewport) {
    if (!m_points) return;
    const QRectF screen = QRectF(QPointF(0, 0), viewport.size()).adjusted(-8, -8, 8, 8);
    const double radius = markRadius(viewport.metresPerPixel());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (!m_rows.empty()) {
        // Dim everything drawn so far (the unselected points and the map), then the selection on top.
        painter.fillRect(QRectF(QPointF(0, 0), viewport.size()), QColor(255, 255, 255, 150));
        const auto colors = m_colorSource ? m_colorSource->colors() : nullptr;
        std::vector<QPointF> at;
        std::vector<QRgb> fill;
        at.reserve(m_rows.size());
        fill.reserve(m_rows.size());
        for (const std::int64_t row : m_rows) {
            const QPointF p =
                viewport.projectedToScreen({m_points->projected.x[row], m_points->projected.y[row]});
            if (!screen.contains(p)) continue;
            at.push_back(p);
            const QRgb c = colors && std::size_t(row) < colors->size() ? (*colors)[std::size_t(row)] : 0;
            fill.push_back(c ? c : qRgb(40, 40, 40));
        }
        // The halo of every point first, so a neighbour's halo never covers a point.
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(255, 255, 255, 235));
        for (const QPointF& p : at)
            painter.drawEllipse(p, radius + 1.2, radius + 1.2);
        painter.setPen(QPen(QColor(20, 20, 20), 0.9));
        for (std::size_t i = 0; i < at.size(); ++i) {
            painter.setBrush(QColor(fill[i]));
            painter.drawEllipse(at[i], radius, radius);
        }
    }
    if (m_pinned >= 0 && m_points->projected.valid(std::size_t(m_pinned))) {
        const QPointF at =
            viewport.projectedToScreen({m_points->projected.x[m_pinned], m_points->projected.y[m_pinned]});
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(Qt::white, 4.0));
        painter.drawEllipse(at, radius + 5, radius + 5);
        painter.setPen(QPen(QColor(230, 0, 120), 2.0));
        painter.drawEllipse(at, radius + 5, radius + 5);
    }
    painter.restore();
}

}  // namespace bridgelc
