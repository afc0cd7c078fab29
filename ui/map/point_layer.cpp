#include "ui/map/point_layer.h"

#include <QPainter>
#include <QtConcurrent>
#include <cmath>

#include "ui/map/background_pool.h"
#include "ui/map/point_raster.h"

namespace bridgelc {

PointLayer::PointLayer(QObject* parent) : MapLayer(parent) {
    connect(&m_renderWatcher, &QFutureWatcher<RenderResult>::finished, this, &PointLayer::onRenderFinished);
    connect(&m_indexWatcher, &QFutureWatcher<std::shared_ptr<const PointIndex>>::finished, this, [this] {
        auto index = m_indexWatcher.result();
        // Only the index of the current points counts; an older build finishing late is dropped.
        if (index && m_points && index->size() <= m_points->size()) {
            m_index = std::move(index);
            Q_EMIT indexReady();
        }
    });
}

PointLayer::~PointLayer() {
    m_generation->fetch_add(1);  // stops a running render at its next check
    m_renderWatcher.waitForFinished();
    m_indexWatcher.waitForFinished();
}

void PointLayer::setPoints(std::shared_ptr<const MapPoints> points) {
    m_points = std::move(points);
    m_colors.reset();
    m_cache = QImage();  // another data set: never show the old points, not even for a frame
    m_index.reset();
    ++m_dataGeneration;
    m_generation->fetch_add(1);
    if (m_points) {
        auto snapshot = m_points;
        m_indexWatcher.setFuture(
            QtConcurrent::run(backgroundPool(), [snapshot]() -> std::shared_ptr<const PointIndex> {
                ProjectedPoints shown = snapshot->projected;
                for (std::size_t i = 0; i < shown.size(); ++i)
                    if (!snapshot->isShown(i)) shown.x[i] = shown.y[i] = std::nan("");
                return std::make_shared<const PointIndex>(std::move(shown));
            }));
    }
    Q_EMIT changed();
}

void PointLayer::setMode(PointColorMode mode) {
    if (mode == m_mode) return;
    m_mode = mode;
    m_colors.reset();
    ++m_dataGeneration;  // the old image stays on screen until the new one is ready
    Q_EMIT changed();
}

void PointLayer::refreshColors() {
    m_colors.reset();
    ++m_dataGeneration;
    Q_EMIT changed();
}

std::vector<LegendEntry> PointLayer::legend() const {
    return m_points ? pointLegend(*m_points, m_mode) : std::vector<LegendEntry>{};
}

std::optional<LegendSection> PointLayer::legendSection() const {
    return m_points ? outsideAoaLegend(*m_points) : std::nullopt;
}

std::int64_t PointLayer::pointAt(const Viewport& viewport, QPointF screen, double radiusPixels) const {
    if (!m_index) return -1;
    const QPointF p = viewport.screenToProjected(screen);
    return m_index->nearest(p.x(), p.y(), radiusPixels * viewport.metresPerPixel());
}

Viewport PointLayer::cacheAreaFor(const Viewport& viewport) {
    return Viewport(viewport.centre(), viewport.metresPerPixel(), viewport.size() * 2);
}

bool PointLayer::cacheServes(const Viewport& viewport) const {
    return !m_cache.isNull() && m_cacheDataGeneration == m_dataGeneration &&
           cacheCovers(m_cacheArea, viewport);
}

void PointLayer::startRender(const Viewport& viewport) {
    const Viewport area = cacheAreaFor(viewport);
    if (m_renderWatcher.isRunning() && m_pendingDataGeneration == m_dataGeneration &&
        m_pendingArea.metresPerPixel() == viewport.metresPerPixel() &&
        m_pendingArea.projectedRect().contains(viewport.projectedRect()))
        return;  // the render already under way will serve this view
    const int generation = m_generation->fetch_add(1) + 1;
    m_pendingArea = area;
    m_pendingDataGeneration = m_dataGeneration;
    auto points = m_points;
    auto colors = m_colors;
    auto counter = m_generation;
    const PointColorMode mode = m_mode;
    const int dataGeneration = m_dataGeneration;
    m_renderWatcher.setFuture(QtConcurrent::run(backgroundPool(), [=]() -> RenderResult {
        RenderResult result;
        result.colors =
            colors ? colors : std::make_shared<const std::vector<QRgb>>(pointColors(*points, mode));
        result.image =
            rasterizePoints(*points, *result.colors, area, counter.get(), generation, &result.stats);
        result.area = area;
        result.generation = generation;
        result.dataGeneration = dataGeneration;
        return result;
    }));
}

void PointLayer::onRenderFinished() {
    if (m_renderWatcher.isCanceled() || m_renderWatcher.future().resultCount() == 0) return;
    RenderResult result = m_renderWatcher.result();
    if (result.image.isNull() || result.generation != m_generation->load()) return;  // superseded
    if (result.dataGeneration != m_dataGeneration) return;
    m_colors = result.colors;
    m_cache = std::move(result.image);
    m_cacheArea = result.area;
    m_cacheDataGeneration = result.dataGeneration;
    m_stats = result.stats;
    ++m_renderCount;
    Q_EMIT rendered();
    Q_EMIT changed();
}

void PointLayer::drawCache(QPainter& painter, const Viewport& viewport) const {
    drawCachedImage(painter, m_cache, m_cacheArea, viewport);
}

void PointLayer::paint(QPainter& painter, const Viewport& viewport) {
    if (!m_points) return;
    if (m_synchronous) {
        if (!cacheServes(viewport)) {
            if (!m_colors)
                m_colors = std::make_shared<const std::vector<QRgb>>(pointColors(*m_points, m_mode));
            m_cache = rasterizePoints(*m_points, *m_colors, viewport, nullptr, 0, &m_stats);
            m_cacheArea = viewport;
            m_cacheDataGeneration = m_dataGeneration;
            ++m_renderCount;
        }
    } else if (!cacheServes(viewport)) {
        startRender(viewport);
    }
    drawCache(painter, viewport);
}

}  // namespace bridgelc
