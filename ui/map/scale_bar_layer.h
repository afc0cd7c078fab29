#pragma once
#include <QRectF>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// A scale bar with a round length (1-2-5 steps) and a north arrow true for the map's centre, bottom left.
/// EPSG:3035 is equal-area with a scale error under 2 % over the EU, so one bar holds for the whole view.
class ScaleBarLayer : public MapLayer {
    Q_OBJECT
public:
    explicit ScaleBarLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::ScaleBar; }
    QString name() const override { return tr("Scale bar"); }

    /// The round ground length (metres) whose bar is at most `maxPixels` long.
    static double roundLength(double metresPerPixel, double maxPixels);
    /// Clockwise angle (degrees) from straight up to geographic north at the centre of `viewport`.
    static double northAngle(const Viewport& viewport);
    /// The box the bar and arrow were last painted in, in pixels.
    QRectF lastBox() const { return m_box; }

private:
    QRectF m_box;
};

}  // namespace bridgelc
