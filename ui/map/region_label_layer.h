#pragma once
#include "ui/map/map_layer.h"

namespace bridgelc {

class RegionLayer;

/// The codes of the biogeographical regions ("ATL", "MED (held out)"), above the points so that no point
/// hides them; shown while the RegionLayer is visible and labelled.
class RegionLabelLayer : public MapLayer {
    Q_OBJECT
public:
    /// `regions` must outlive this layer (both are owned by the same renderer).
    explicit RegionLabelLayer(const RegionLayer* regions, QObject* parent = nullptr);

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::RegionLabels; }
    QString name() const override { return tr("Region labels"); }

private:
    const RegionLayer* m_regions;
};

}  // namespace bridgelc
