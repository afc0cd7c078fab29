#pragma once
#include <QRectF>
#include <cstdint>
#include <vector>

namespace bridgelc {

struct MapPoints;
class Viewport;

/// How many shown points lie in any screen rectangle of one view, in constant time per question: the points
/// counted once into cells a few pixels wide and summed (a summed-area table). Answers err on the side of
/// more: a cell touched by the rectangle, or within a drawn dot's radius of it, counts whole. Map labels ask
/// it where they would hide no data.
class PointDensity {
public:
    PointDensity(const MapPoints& points, const Viewport& viewport, int cellPixels = 4);

    /// Shown points drawn in or touching `screenRect` (an upper bound of those whose dot it overlaps).
    std::int64_t countIn(const QRectF& screenRect) const;

private:
    int m_cell, m_cols, m_rows, m_reach;
    std::vector<std::int64_t> m_sums;  ///< (cols + 1) x (rows + 1), row-major
};

}  // namespace bridgelc
