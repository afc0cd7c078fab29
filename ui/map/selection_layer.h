#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "ui/map/map_layer.h"
#include "ui/map/map_points.h"

namespace bridgelc {

class PointLayer;

/// The selected points (e.g. the points of a clicked confusion cell) and the pinned point. While there is a
/// selection the map under it is dimmed, and the selected points are drawn on top in their own colours, a
/// little larger than the other points at every zoom and ringed by a thin halo, so a dense selection (a
/// confusion cell of thousands of points) still shows its points rather than one blob.
class SelectionLayer : public MapLayer {
    Q_OBJECT
public:
    explicit SelectionLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Selection; }
    QString name() const override { return tr("Selection"); }

    void setPoints(std::shared_ptr<const MapPoints> points);
    /// Where the selected points take their colours from (must outlive this layer).
    void setColorSource(const PointLayer* points) { m_colorSource = points; }
    /// Radius in pixels a selected point is drawn with at `metresPerPixel` (one more than a point's).
    static double markRadius(double metresPerPixel);
    /// Rows of MapPoints; rows out of range or without coordinates are dropped.
    void setSelection(const std::vector<std::int64_t>& rows);
    const std::vector<std::int64_t>& selection() const { return m_rows; }
    void setPinned(std::int64_t row);
    std::int64_t pinned() const { return m_pinned; }
    /// EPSG:3035 bounding box of the selected points (invalid when none).
    QRectF selectionBounds() const;

private:
    std::shared_ptr<const MapPoints> m_points;
    const PointLayer* m_colorSource = nullptr;
    std::vector<std::int64_t> m_rows;
    std::int64_t m_pinned = -1;
};

}  // namespace bridgelc
