#pragma once
#include <QColor>
#include <QFutureWatcher>
#include <QPainterPath>
#include <atomic>
#include <memory>
#include <vector>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// Natural Earth countries, projected once into paths in EPSG:3035 metres.
struct BasemapGeometry {
    QPainterPath land;  ///< every country, filled with the winding rule (the land mass)
    QPainterPath eu27;  ///< union of the 27 EU members' polygons (emphasised)
    /// The EU-27 and the United Kingdom: the countries LUCAS 2018 surveyed, where scores of its points apply.
    QPainterPath surveyed;
    QPainterPath
        countries;  ///< every border and coast, without the data's clip edges (stroked, never filled)
};

/// The Natural Earth basemap (sea, land, EU-27 emphasised, borders): 1:50m for overviews, 1:10m once zoomed
/// in. Files are read with OGR and projected once per process; paint() only transforms the cached paths.
class BasemapLayer : public MapLayer {
    Q_OBJECT
public:
    enum class Detail { Coarse50m, Fine10m };

    explicit BasemapLayer(QObject* parent = nullptr);
    ~BasemapLayer() override;

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Basemap; }
    QString name() const override { return tr("Basemap"); }
    bool isBackground() const override { return true; }
    /// Starts loading the 1:10m data off the GUI thread when the view needs it.
    void prepare(const Viewport& viewport) override;

    /// Below this many metres per pixel the 1:10m data is used.
    static constexpr double kFineBelowMetresPerPixel = 1200.0;
    /// The shared geometry of a detail level; loads it on first call (thread-safe, may take ~0.3 s).
    static std::shared_ptr<const BasemapGeometry> geometry(Detail detail);
    /// True when geometry(detail) would return at once.
    static bool isLoaded(Detail detail);
    static constexpr QRgb kSeaColour = 0xffc6deee;
    /// The geometry a layer drawn over the basemap clips to at this view: the 1:10m one when zoomed in and
    /// already loaded, else the 1:50m one (never loads on the caller's thread beyond the coarse data).
    static std::shared_ptr<const BasemapGeometry> clipGeometry(const Viewport& viewport);

    /// Paints synchronously at the right detail even if it has to load it first (export, tests).
    void setSynchronous(bool synchronous) { m_synchronous = synchronous; }

private:
    QFutureWatcher<void> m_fineLoader;
    std::atomic<bool> m_synchronous{false};
};

}  // namespace bridgelc
