#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "ui/map/map_layer.h"
#include "ui/map/map_points.h"

namespace bridgelc {

/// Rings around the selected points (e.g. the points of a clicked confusion cell) and the pinned point.
class SelectionLayer : public MapLayer {
    Q_OBJECT
public:
    explicit SelectionLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Selection; }
    QString name() const override { return tr("Selection"); }

    void setPoints(std::shared_ptr<const MapPoints> points);
    /// Rows of MapPoints; rows out of range or without coordinates are dropped.
    void setSelection(const std::vector<std::int64_t>& rows);
    const std::vector<std::int64_t>& selection() const { return m_rows; }
    void setPinned(std::int64_t row);
    std::int64_t pinned() const { return m_pinned; }
    /// EPSG:3035 bounding box of the selected points (invalid when none).
    QRectF selectionBounds() const;

private:
    std::shared_ptr<const MapPoints> m_points;
    std::vector<std::int64_t> m_rows;
    std::int64_t m_pinned = -1;
};

}  // namespace bridgelc
