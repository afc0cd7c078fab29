#pragma once
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "ui/map/map_points.h"
#include "ui/map/viewport.h"

class QPainter;

namespace bridgelc {

class MapLayer;
class BasemapLayer;
class RegionLayer;
class RegionLabelLayer;
class GraticuleLayer;
class FrameLayer;
class PointLayer;
class SelectionLayer;
class LegendLayer;
class ScaleBarLayer;
class AttributionLayer;

/// The map without a widget: the ordered layer stack (basemap, regions, graticule, points, region labels,
/// selection, legend, scale bar, attribution, plus any added) and the points they show. MapView paints it on
/// screen; export paints it into a PNG or SVG, offscreen. Layers are owned here.
class MapRenderer : public QObject {
    Q_OBJECT
public:
    explicit MapRenderer(QObject* parent = nullptr);
    ~MapRenderer() override;

    /// Paints every visible layer in z order. Background layers come from a cached image rendered on a worker
    /// thread (twice the screen, so panning only moves it) unless the renderer is synchronous.
    void paint(QPainter& painter, const Viewport& viewport);
    /// Background images rendered to completion (a pan within the cached area adds none).
    int backgroundRenderCount() const { return m_bgRenders; }
    /// True while a background render is queued or running.
    bool isRenderingBackground() const { return m_bgWatcher.isRunning(); }

    /// Adds a layer (ownership taken) into the z order; deleting the layer later removes it.
    void addLayer(MapLayer* layer);
    const std::vector<MapLayer*>& layers() const { return m_layers; }

    /// The points and how they are coloured; updates the legend (title = points->title).
    void setPoints(std::shared_ptr<const MapPoints> points);
    std::shared_ptr<const MapPoints> points() const;
    void setMode(PointColorMode mode);
    PointColorMode mode() const;
    /// Recolours points and legend in the current class palette.
    void refreshColours();
    /// Human name of a mode ("True class", ...), as the legend's subtitle shows it.
    static QString modeName(PointColorMode mode, const QString& probabilityClass = {});

    /// Renders on the calling thread, completely (export, tests): no background work, no stale images.
    void setSynchronous(bool synchronous);

    /// One complete offscreen picture of `viewport`; forces synchronous rendering for the call.
    QImage toImage(const Viewport& viewport);
    /// Writes a PNG / SVG of `viewport` (legend, scale bar, attribution included). Return false and set
    /// `error` (naming the file) on failure.
    bool savePng(const QString& path, const Viewport& viewport, QString* error = nullptr);
    bool saveSvg(const QString& path, const Viewport& viewport, QString* error = nullptr);

    BasemapLayer* basemap() const { return m_basemap; }
    RegionLayer* regions() const { return m_regions; }
    RegionLabelLayer* regionLabels() const { return m_regionLabels; }
    GraticuleLayer* graticule() const { return m_graticule; }
    FrameLayer* frame() const { return m_frame; }
    PointLayer* pointLayer() const { return m_points; }
    SelectionLayer* selection() const { return m_selection; }
    LegendLayer* legend() const { return m_legend; }
    ScaleBarLayer* scaleBar() const { return m_scaleBar; }
    AttributionLayer* attribution() const { return m_attribution; }

Q_SIGNALS:
    /// Some layer changed its look; repaint.
    void changed();

private:
    struct BackgroundResult {
        QImage image;
        Viewport area;
        int generation = 0, version = 0;
    };
    void updateLegend();
    void paintBackground(QPainter& painter, const Viewport& viewport);
    void startBackgroundRender(const Viewport& viewport);
    void onBackgroundRendered();
    void invalidateBackground();

    bool m_synchronous = false;
    QImage m_bg;
    Viewport m_bgArea, m_bgPendingArea;
    int m_bgVersion = 0, m_bgImageVersion = -1, m_bgPendingVersion = -1, m_bgRenders = 0;
    std::shared_ptr<std::atomic<int>> m_bgGeneration = std::make_shared<std::atomic<int>>(0);
    QFutureWatcher<BackgroundResult> m_bgWatcher;

    std::vector<MapLayer*> m_layers;
    BasemapLayer* m_basemap;
    RegionLayer* m_regions;
    RegionLabelLayer* m_regionLabels;
    GraticuleLayer* m_graticule;
    FrameLayer* m_frame;
    PointLayer* m_points;
    SelectionLayer* m_selection;
    LegendLayer* m_legend;
    ScaleBarLayer* m_scaleBar;
    AttributionLayer* m_attribution;
};

}  // namespace bridgelc
