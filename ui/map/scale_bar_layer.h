#pragma once
#include "ui/map/map_layer.h"

namespace bridgelc {

/// A scale bar with a round length (1-2-5 steps) and a north arrow, bottom left. EPSG:3035 is equal-area
/// with a scale error under 2 % over the EU, so one bar holds for the whole view.
class ScaleBarLayer : public MapLayer {
    Q_OBJECT
public:
    explicit ScaleBarLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::ScaleBar; }
    QString name() const override { return tr("Scale bar"); }

    /// The round ground length (metres) whose bar is at most `maxPixels` long.
    static double roundLength(double metresPerPixel, double maxPixels);
};

}  // namespace bridgelc
