#pragma once
#include <vector>

#include "ui/map/choropleth_layer.h"
#include "ui/map/map_layer.h"

namespace bridgelc {

class PointLayer;

/// The legend of a ChoroplethLayer: its section of the legend panel (title, the colour ramp with its range,
/// each scored region with its value), and each scored region's code and value on the map, above the points.
/// Shown while the choropleth is.
class ChoroplethLegendLayer : public MapLayer {
    Q_OBJECT
public:
    /// `source` must outlive this layer (both are owned by the same renderer).
    explicit ChoroplethLegendLayer(const ChoroplethLayer* source, QObject* parent = nullptr);

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::ChoroplethLegend; }
    QString name() const override { return tr("Region score legend"); }
    std::optional<LegendSection> legendSection() const override;
    /// The points the score labels avoid hiding (must outlive this layer; both are owned by the same
    /// renderer).
    void setPointSource(const PointLayer* points) { m_pointSource = points; }
    /// Where the score labels were last painted, in pixels.
    const std::vector<QRectF>& placedLabels() const { return m_placed; }

private:
    void paintLabels(QPainter& painter, const Viewport& viewport,
                     const std::vector<RegionScore>& scores) const;

    const ChoroplethLayer* m_source;
    const PointLayer* m_pointSource = nullptr;
    mutable std::vector<QRectF> m_placed;
};

}  // namespace bridgelc
