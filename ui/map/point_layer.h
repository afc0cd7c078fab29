#pragma once
#include <QFutureWatcher>
#include <QImage>
#include <atomic>
#include <memory>
#include <vector>

#include "core/geo/point_index.h"
#include "ui/map/map_layer.h"
#include "ui/map/map_points.h"
#include "ui/map/point_raster.h"
#include "ui/map/viewport.h"

namespace bridgelc {

/// The survey points, coloured by a mode. Drawn into a cached image off the GUI thread (QGIS's cached
/// parallel rendering): the image covers the viewport plus half a screen on each side, so panning only
/// translates it; a new image is rendered when the scale, size, data or mode change or the view leaves the
/// cached area. A newer render request supersedes (cancels) an older one through a generation counter.
/// Hover and click look points up through a k-d tree built off the GUI thread too.
class PointLayer : public MapLayer {
    Q_OBJECT
public:
    explicit PointLayer(QObject* parent = nullptr);
    ~PointLayer() override;

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Points; }
    QString name() const override { return tr("Points"); }
    /// With points marking the area of applicability: what a hollow marker means, and how many are outside.
    std::optional<LegendSection> legendSection() const override;

    /// Replaces the points (an immutable snapshot shared with render threads).
    void setPoints(std::shared_ptr<const MapPoints> points);
    std::shared_ptr<const MapPoints> points() const { return m_points; }
    void setMode(PointColorMode mode);
    PointColorMode mode() const { return m_mode; }
    /// Colours the points anew (the class palette changed).
    void refreshColors();
    /// The colour of each point in the current mode; null until the first render computed them.
    std::shared_ptr<const std::vector<QRgb>> colors() const { return m_colors; }
    /// The legend rows of the current mode (class counts of shown points).
    std::vector<LegendEntry> legend() const;

    /// Row of the shown point nearest to `screen` within `radiusPixels`, or -1 (also while the index builds).
    std::int64_t pointAt(const Viewport& viewport, QPointF screen, double radiusPixels = 6.0) const;
    /// True once the spatial index of the current points is ready.
    bool isIndexReady() const { return m_index != nullptr; }

    /// Renders in paint() on the calling thread instead of in the background (export, benchmarks).
    void setSynchronous(bool synchronous) { m_synchronous = synchronous; }
    /// Number of point images rendered to completion (a pan within the cache adds none).
    int renderCount() const { return m_renderCount; }
    /// Filled and hollow markers in the cached image on screen (zero before the first render).
    PointRasterStats lastRenderStats() const { return m_stats; }
    /// True while a render is queued or running.
    bool isRendering() const { return m_renderWatcher.isRunning(); }
    /// The area a cached image for `viewport` covers: the same scale, half a screen more on each side.
    static Viewport cacheAreaFor(const Viewport& viewport);

Q_SIGNALS:
    /// A new cached image or index is ready.
    void rendered();
    void indexReady();

private:
    struct RenderResult {
        QImage image;
        Viewport area;
        int generation = 0;
        int dataGeneration = 0;
        std::shared_ptr<const std::vector<QRgb>> colors;
        PointRasterStats stats;
    };
    bool cacheServes(const Viewport& viewport) const;
    void startRender(const Viewport& viewport);
    void onRenderFinished();
    void drawCache(QPainter& painter, const Viewport& viewport) const;

    std::shared_ptr<const MapPoints> m_points;
    std::shared_ptr<const std::vector<QRgb>> m_colors;  // for m_points in m_mode; null until computed
    PointColorMode m_mode = PointColorMode::TrueClass;
    int m_dataGeneration = 0;  // bumped when points or mode change

    QImage m_cache;
    Viewport m_cacheArea;
    int m_cacheDataGeneration = -1;
    Viewport m_pendingArea;
    int m_pendingDataGeneration = -1;

    std::shared_ptr<std::atomic<int>> m_generation = std::make_shared<std::atomic<int>>(0);
    QFutureWatcher<RenderResult> m_renderWatcher;
    QFutureWatcher<std::shared_ptr<const PointIndex>> m_indexWatcher;
    std::shared_ptr<const PointIndex> m_index;
    bool m_synchronous = false;
    int m_renderCount = 0;
    PointRasterStats m_stats;
};

}  // namespace bridgelc
