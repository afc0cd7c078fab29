#include "ui/map/viewport.h"

#include <algorithm>
#include <cmath>

#include "core/geo/laea_projection.h"

namespace bridgelc {

namespace {
// LaeaProjection is not thread-safe; each render thread gets its own.
const LaeaProjection& threadProjection() {
    thread_local LaeaProjection projection;
    return projection;
}
}  // namespace

QPointF geoToProjected(double lon, double lat) {
    double x = lon, y = lat;
    threadProjection().forward(&x, &y, 1);
    return {x, y};
}

QPointF projectedToGeo(QPointF projected) {
    double x = projected.x(), y = projected.y();
    threadProjection().inverse(&x, &y, 1);
    return {x, y};
}

void drawCachedImage(QPainter& painter, const QImage& image, const Viewport& area, const Viewport& viewport) {
    if (image.isNull()) return;
    const QPointF origin = viewport.projectedToScreen(area.screenToProjected(QPointF(0, 0)));
    const double scale = area.metresPerPixel() / viewport.metresPerPixel();
    if (std::abs(scale - 1.0) < 1e-9) {
        // Whole pixels: no resampling, and the raster engine copies only the visible part.
        painter.drawImage(QPoint(int(std::lround(origin.x())), int(std::lround(origin.y()))), image);
    } else {
        painter.drawImage(QRectF(origin, QSizeF(image.size()) * scale), image);
    }
}

bool cacheCovers(const Viewport& area, const Viewport& viewport) {
    if (area.metresPerPixel() != viewport.metresPerPixel()) return false;
    const double slack = viewport.metresPerPixel();  // one pixel of rounding
    return area.projectedRect().adjusted(-slack, -slack, slack, slack).contains(viewport.projectedRect());
}

Viewport::Viewport(QPointF centre, double metresPerPixel, QSize size) : m_centre(centre), m_size(size) {
    setMetresPerPixel(metresPerPixel);
}

void Viewport::setMetresPerPixel(double metresPerPixel) {
    m_metresPerPixel = std::clamp(metresPerPixel, 0.5, 50000.0);
}

QPointF Viewport::screenToProjected(QPointF screen) const {
    return {m_centre.x() + (screen.x() - m_size.width() / 2.0) * m_metresPerPixel,
            m_centre.y() - (screen.y() - m_size.height() / 2.0) * m_metresPerPixel};
}

QPointF Viewport::projectedToScreen(QPointF projected) const {
    return {(projected.x() - m_centre.x()) / m_metresPerPixel + m_size.width() / 2.0,
            (m_centre.y() - projected.y()) / m_metresPerPixel + m_size.height() / 2.0};
}

QTransform Viewport::projectedToScreenTransform() const {
    const double s = 1.0 / m_metresPerPixel;
    return QTransform(s, 0, 0, -s, m_size.width() / 2.0 - m_centre.x() * s,
                      m_size.height() / 2.0 + m_centre.y() * s);
}

QRectF Viewport::projectedRect() const {
    const double w = m_size.width() * m_metresPerPixel, h = m_size.height() * m_metresPerPixel;
    return {m_centre.x() - w / 2, m_centre.y() - h / 2, w, h};
}

QGeoCoordinate Viewport::screenToGeo(QPointF screen) const {
    const QPointF geo = projectedToGeo(screenToProjected(screen));
    if (!std::isfinite(geo.x()) || !std::isfinite(geo.y())) return {};
    return QGeoCoordinate(geo.y(), geo.x());
}

QPointF Viewport::geoToScreen(const QGeoCoordinate& coordinate) const {
    return projectedToScreen(geoToProjected(coordinate.longitude(), coordinate.latitude()));
}

QGeoRectangle Viewport::geoRect() const {
    double west = 180, east = -180, south = 90, north = -90;
    const int steps = 16;
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        const double w = m_size.width(), h = m_size.height();
        for (const QPointF s : {QPointF(t * w, 0), QPointF(t * w, h), QPointF(0, t * h), QPointF(w, t * h)}) {
            const QGeoCoordinate c = screenToGeo(s);
            if (!c.isValid()) continue;
            west = std::min(west, c.longitude());
            east = std::max(east, c.longitude());
            south = std::min(south, c.latitude());
            north = std::max(north, c.latitude());
        }
    }
    if (west > east) return {};
    return QGeoRectangle(QGeoCoordinate(north, west), QGeoCoordinate(south, east));
}

void Viewport::zoomAround(QPointF screen, double factor) {
    if (!(factor > 0)) return;
    const QPointF anchor = screenToProjected(screen);
    setMetresPerPixel(m_metresPerPixel / factor);
    // Move the centre so that `anchor` maps back onto `screen` at the new (possibly clamped) scale.
    m_centre = {anchor.x() - (screen.x() - m_size.width() / 2.0) * m_metresPerPixel,
                anchor.y() + (screen.y() - m_size.height() / 2.0) * m_metresPerPixel};
}

void Viewport::panByPixels(QPointF pixels) {
    m_centre += QPointF(-pixels.x() * m_metresPerPixel, pixels.y() * m_metresPerPixel);
}

void Viewport::fit(const QRectF& projected, double marginPixels) {
    if (!(projected.width() >= 0 && projected.height() >= 0)) return;  // also refuses NaN
    m_centre = projected.center();
    const double w = std::max(1.0, m_size.width() - 2 * marginPixels);
    const double h = std::max(1.0, m_size.height() - 2 * marginPixels);
    // A single point (or a line) gets a useful neighbourhood rather than the closest zoom.
    const double needed = std::max({projected.width() / w, projected.height() / h, 50.0});
    setMetresPerPixel(needed);
}

Viewport Viewport::euHome(QSize size) {
    // EU-27 mainland and islands from the Azores-free west (Portugal) to Cyprus, Malta to Lapland.
    Viewport v;
    v.setSize(size);
    v.fit(QRectF(QPointF(2.55e6, 1.35e6), QPointF(6.55e6, 5.45e6)), 16.0);
    return v;
}

}  // namespace bridgelc
