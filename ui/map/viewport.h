#pragma once
#include <QGeoCoordinate>
#include <QGeoRectangle>
#include <QImage>
#include <QPainter>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QTransform>

namespace bridgelc {

/// What part of Europe a map shows: the EPSG:3035 point at the centre of the screen, the ground size of one
/// pixel, and the screen size. North is up (y grows northwards in metres, downwards in pixels). A plain
/// value: copied freely to render threads.
class Viewport {
public:
    Viewport() = default;
    Viewport(QPointF centre, double metresPerPixel, QSize size);

    QPointF centre() const { return m_centre; }
    double metresPerPixel() const { return m_metresPerPixel; }
    QSize size() const { return m_size; }
    void setCentre(QPointF centre) { m_centre = centre; }
    /// Clamped to [0.5 m, 50 km] per pixel: closer than a LUCAS point's footprint or wider than a continent
    /// helps nobody.
    void setMetresPerPixel(double metresPerPixel);
    void setSize(QSize size) { m_size = size; }

    QPointF screenToProjected(QPointF screen) const;
    QPointF projectedToScreen(QPointF projected) const;
    /// The transform from projected metres to screen pixels (for cached QPainterPaths in metres).
    QTransform projectedToScreenTransform() const;
    /// The projected rectangle the screen shows.
    QRectF projectedRect() const;

    /// Geographic coordinates through PROJ (EPSG:3035 <-> WGS84).
    QGeoCoordinate screenToGeo(QPointF screen) const;
    QPointF geoToScreen(const QGeoCoordinate& coordinate) const;
    /// The lon/lat box around what the screen shows (sampled along the edges: LAEA bends parallels).
    QGeoRectangle geoRect() const;

    /// Zooms by `factor` (> 1 zooms in) keeping the projected point under `screen` fixed on the screen.
    void zoomAround(QPointF screen, double factor);
    /// Moves the map content by `pixels` (a drag to the right moves the map right).
    void panByPixels(QPointF pixels);
    /// Centres on `projected` with the scale that shows all of it inside the screen less `marginPixels` per
    /// side.
    void fit(const QRectF& projected, double marginPixels = 24.0);

    /// The EU-27 home view for this screen size.
    static Viewport euHome(QSize size);

    bool operator==(const Viewport& other) const {
        return m_centre == other.m_centre && m_metresPerPixel == other.m_metresPerPixel &&
               m_size == other.m_size;
    }
    bool operator!=(const Viewport& other) const { return !(*this == other); }

private:
    QPointF m_centre{4.6e6, 3.3e6};
    double m_metresPerPixel = 3000.0;
    QSize m_size{800, 600};
};

/// Draws `image`, rendered for `area`, where it belongs in `viewport`: a whole-pixel blit when the scale is
/// the same (panning), scaled otherwise (a stale image standing in while zooming).
void drawCachedImage(QPainter& painter, const QImage& image, const Viewport& area, const Viewport& viewport);

/// True when an image rendered for `area` covers all of `viewport` at its scale.
bool cacheCovers(const Viewport& area, const Viewport& viewport);

/// WGS84 lon/lat -> EPSG:3035 for one coordinate (PROJ, one instance per thread).
QPointF geoToProjected(double lon, double lat);
/// EPSG:3035 -> WGS84 (lon in x, lat in y).
QPointF projectedToGeo(QPointF projected);

}  // namespace bridgelc
