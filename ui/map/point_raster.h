#pragma once
#include <QImage>
#include <QRgb>
#include <atomic>
#include <vector>

#include "ui/map/map_points.h"
#include "ui/map/viewport.h"

namespace bridgelc {

/// The colour of every point in `mode` (one QRgb per point; 0 = not drawn, e.g. no prediction in
/// Correctness mode). Pure function of its inputs: runs on render threads.
std::vector<QRgb> pointColors(const MapPoints& points, PointColorMode mode);

/// The legend of `mode`: one row per class (with counts of shown points) or the stops of a ramp.
std::vector<LegendEntry> pointLegend(const MapPoints& points, PointColorMode mode);

/// Dot radius in pixels for a scale: small dots for a continent, larger with an outline when zoomed in.
int pointRadiusFor(double metresPerPixel);

/// Draws every shown point of `points` as a dot into a transparent image of `area`'s size, pixel by pixel
/// (QPainter per point is ~50x slower). Returns a null image when `generation` stops equalling `wanted`
/// (a newer render superseded this one). Thread-safe: reads only its arguments.
QImage rasterizePoints(const MapPoints& points, const std::vector<QRgb>& colors, const Viewport& area,
                       const std::atomic<int>* generation = nullptr, int wanted = 0);

}  // namespace bridgelc
