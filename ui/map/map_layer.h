#pragma once
#include <QObject>
#include <QPointF>
#include <QString>
#include <optional>

#include "ui/map/legend_section.h"

class QPainter;

namespace bridgelc {

class Viewport;

/// One layer of the map (Marble's LayerInterface): paints itself for a viewport and says where it sits in the
/// stack. Layers with a higher zValue paint later (on top). A layer emits changed() when its look changed so
/// the widget repaints; paint() runs on the GUI thread (or the export thread) and must stay cheap: anything
/// slow is prepared elsewhere and cached.
class MapLayer : public QObject {
    Q_OBJECT
public:
    explicit MapLayer(QObject* parent = nullptr) : QObject(parent) {}
    ~MapLayer() override = default;

    virtual void paint(QPainter& painter, const Viewport& viewport) = 0;
    virtual int zValue() const = 0;
    /// Short user-visible name (layer switches, debugging).
    virtual QString name() const = 0;

    /// Background layers (below the points) are drawn together into one cached image on a render thread, so
    /// their paint() may only read state that is immutable or guarded while a render runs.
    virtual bool isBackground() const { return false; }
    /// Called on the GUI thread before a frame (e.g. to start loading finer data); paint() may then run on
    /// another thread.
    virtual void prepare(const Viewport&) {}
    /// What the map's tooltip says about this layer at an EPSG:3035 point (e.g. a raster's class there), as
    /// rich text; empty when the layer has nothing there. Runs on the GUI thread on every pointer move, so it
    /// must stay cheap.
    virtual QString hoverText(QPointF /*projectedMetres*/) const { return {}; }
    /// What this layer adds to the map's legend panel while it is visible (nothing by default). GUI thread.
    virtual std::optional<LegendSection> legendSection() const { return std::nullopt; }

    bool isVisible() const { return m_visible; }
    void setVisible(bool visible) {
        if (visible == m_visible) return;
        m_visible = visible;
        Q_EMIT changed();
    }

Q_SIGNALS:
    /// The layer looks different now; repaint.
    void changed();

private:
    bool m_visible = true;
};

/// Standard z-values: the order of the default stack.
namespace mapz {
constexpr int Basemap = 0, Choropleth = 5, Regions = 10, Graticule = 20, Frame = 22, Points = 30,
              RegionLabels = 35, Selection = 40, ChoroplethLegend = 99, Legend = 100, ScaleBar = 101,
              Attribution = 102;
}

}  // namespace bridgelc
