#include "ui/map/selection_layer.h"

#include <QPainter>
#include <algorithm>

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

void SelectionLayer::paint(QPainter& painter, const Viewport& viewport) {
    if (!m_points) return;
    const QRectF screen = QRectF(QPointF(0, 0), viewport.size()).adjusted(-8, -8, 8, 8);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setBrush(Qt::NoBrush);
    // Black under yellow, wider than any dot: the ring reads on light land, on dark dots and among many
    // points of every class colour (yellow is no class colour).
    for (const auto& [pen, radius] :
         {std::pair{QPen(Qt::black, 3.6), 7.0}, std::pair{QPen(QColor(255, 225, 0), 2.0), 7.0}}) {
        painter.setPen(pen);
        for (const std::int64_t row : m_rows) {
            const QPointF at =
                viewport.projectedToScreen({m_points->projected.x[row], m_points->projected.y[row]});
            if (screen.contains(at)) painter.drawEllipse(at, radius, radius);
        }
    }
    if (m_pinned >= 0 && m_points->projected.valid(std::size_t(m_pinned))) {
        const QPointF at =
            viewport.projectedToScreen({m_points->projected.x[m_pinned], m_points->projected.y[m_pinned]});
        painter.setPen(QPen(QColor(230, 0, 120), 2.5));
        painter.drawEllipse(at, 9.0, 9.0);
    }
    painter.restore();
}

}  // namespace bridgelc
