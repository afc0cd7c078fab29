#pragma once
#include "ui/map/map_layer.h"

namespace bridgelc {

class ChoroplethLayer;

/// The legend of a ChoroplethLayer, top left: its title, the colour ramp with its range, and each scored
/// region with its value. Shown while the choropleth is.
class ChoroplethLegendLayer : public MapLayer {
    Q_OBJECT
public:
    /// `source` must outlive this layer (both are owned by the same renderer).
    explicit ChoroplethLegendLayer(const ChoroplethLayer* source, QObject* parent = nullptr);

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::ChoroplethLegend; }
    QString name() const override { return tr("Region score legend"); }

private:
    const ChoroplethLayer* m_source;
};

}  // namespace bridgelc
