#pragma once
#include <QPainterPath>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// The map's frame, as an atlas draws it: the basemap covers 32°W–45°E, 27°N–72°N, and on this azimuthal
/// projection that box is a fan. Outside it the map is blank paper, along it runs a neatline, and where the
/// graticule meets it the frame is labelled in degrees, so the edge reads as the edge of the map sheet rather
/// than a cut through Russia and North Africa.
class FrameLayer : public MapLayer {
    Q_OBJECT
public:
    explicit FrameLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Frame; }
    QString name() const override { return tr("Map frame"); }
    bool isBackground() const override { return true; }

    /// The framed area in EPSG:3035 metres: the meridians 32°W and 45°E between the parallels 27°N and 72°N.
    static const QPainterPath& frame();
    static constexpr double kWest = -32, kEast = 45, kSouth = 27, kNorth = 72;
    /// The paper outside the frame.
    static constexpr QRgb kPaperColour = 0xffffffff;
};

}  // namespace bridgelc
