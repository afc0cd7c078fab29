#pragma once
#include <QImage>
#include <QRgb>
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "ui/map/legend_section.h"

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

/// Outer radius in pixels of a hollow marker (a point outside the area of applicability): a ring in the
/// point's colour with a darker rim around a hole at least as wide as a dot.
int hollowRadiusFor(double metresPerPixel);

/// What one rasterizePoints call drew: points whose marker fell at least partly inside the image.
struct PointRasterStats {
    std::int64_t filled = 0;  ///< drawn as a dot
    std::int64_t hollow = 0;  ///< drawn as a ring (MapPoints::isHollow)
};

/// Legend section of the "Outside the area of applicability" layer (what a hollow marker means and how many
/// shown points are outside and inside); empty when `points` do not mark them.
std::optional<LegendSection> outsideAoaLegend(const MapPoints& points);

/// Draws every shown point of `points` as a dot into a transparent image of `area`'s size, pixel by pixel
/// (QPainter per point is ~50x slower). Returns a null image when `generation` stops equalling `wanted`
/// (a newer render superseded this one). Points outside the area of applicability are drawn hollow, after
/// the filled ones, when points.markOutside is set. Thread-safe: reads only its arguments.
QImage rasterizePoints(const MapPoints& points, const std::vector<QRgb>& colors, const Viewport& area,
                       const std::atomic<int>* generation = nullptr, int wanted = 0,
                       PointRasterStats* stats = nullptr);

}  // namespace bridgelc
