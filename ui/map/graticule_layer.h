#pragma once
#include <QPainterPath>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// Meridians and parallels every 10 degrees (5 when zoomed in), projected into curved lines once.
class GraticuleLayer : public MapLayer {
    Q_OBJECT
public:
    explicit GraticuleLayer(QObject* parent = nullptr);

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Graticule; }
    QString name() const override { return tr("Graticule"); }
    bool isBackground() const override { return true; }

private:
    QPainterPath m_coarse, m_fine;  // EPSG:3035 metres
};

}  // namespace bridgelc
