#include "ui/map/map_renderer.h"

#include <QFileInfo>
#include <QPainter>
#include <QSvgGenerator>
#include <QtConcurrent>
#include <algorithm>

#include "ui/map/attribution_layer.h"
#include "ui/map/background_pool.h"
#include "ui/map/basemap_layer.h"
#include "ui/map/frame_layer.h"
#include "ui/map/graticule_layer.h"
#include "ui/map/legend_layer.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_label_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/scale_bar_layer.h"
#include "ui/map/selection_layer.h"

namespace bridgelc {

MapRenderer::MapRenderer(QObject* parent)
    : QObject(parent),
      m_basemap(new BasemapLayer(this)),
      m_regions(new RegionLayer(this)),
      m_regionLabels(new RegionLabelLayer(m_regions, this)),
      m_graticule(new GraticuleLayer(this)),
      m_frame(new FrameLayer(this)),
      m_points(new PointLayer(this)),
      m_selection(new SelectionLayer(this)),
      m_legend(new LegendLayer(this)),
      m_scaleBar(new ScaleBarLayer(this)),
      m_attribution(new AttributionLayer(this)) {
    for (MapLayer* layer :
         std::initializer_list<MapLayer*>{m_basemap, m_regions, m_regionLabels, m_graticule, m_frame,
                                          m_points, m_selection, m_legend, m_scaleBar, m_attribution})
        addLayer(layer);
    m_legend->setLayers(&m_layers);
    m_selection->setColorSource(m_points);
    m_regionLabels->setPointSource(m_points);
    connect(&m_bgWatcher, &QFutureWatcher<BackgroundResult>::finished, this,
            &MapRenderer::onBackgroundRendered);
}

MapRenderer::~MapRenderer() {
    m_bgGeneration->fetch_add(1);
    m_bgWatcher.waitForFinished();  // the render thread paints this renderer's layers
}

void MapRenderer::addLayer(MapLayer* layer) {
    layer->setParent(this);
    connect(layer, &MapLayer::changed, this, &MapRenderer::changed, Qt::UniqueConnection);
    if (layer->isBackground())
        connect(layer, &MapLayer::changed, this, &MapRenderer::invalidateBackground, Qt::UniqueConnection);
    if (std::find(m_layers.begin(), m_layers.end(), layer) == m_layers.end()) {
        m_layers.push_back(layer);
        // Deleting a layer takes it off the map (e.g. the location encoding of a run no longer shown).
        connect(layer, &QObject::destroyed, this, [this, layer] {
            m_layers.erase(std::remove(m_layers.begin(), m_layers.end(), layer), m_layers.end());
            Q_EMIT changed();
        });
    }
    // Stable: layers of equal z keep the order they were added in.
    std::stable_sort(m_layers.begin(), m_layers.end(),
                     [](const MapLayer* a, const MapLayer* b) { return a->zValue() < b->zValue(); });
    Q_EMIT changed();
}

void MapRenderer::paint(QPainter& painter, const Viewport& viewport) {
    for (MapLayer* layer : m_layers)
        layer->prepare(viewport);
    if (m_synchronous) {
        for (MapLayer* layer : m_layers)
            if (layer->isVisible()) layer->paint(painter, viewport);
        return;
    }
    paintBackground(painter, viewport);
    for (MapLayer* layer : m_layers)
        if (!layer->isBackground() && layer->isVisible()) layer->paint(painter, viewport);
}

void MapRenderer::paintBackground(QPainter& painter, const Viewport& viewport) {
    const bool current = !m_bg.isNull() && m_bgImageVersion == m_bgVersion && cacheCovers(m_bgArea, viewport);
    // Whatever is cached stands in, moved or (while a zoom's render runs) scaled; sea shows where it ends and
    // on the very first frame. Drawing the basemap and regions here instead would hold the GUI thread for
    // 50-100 ms each time a pan leaves the cached area.
    painter.fillRect(QRect(QPoint(0, 0), viewport.size()), QColor(198, 222, 238));
    if (!m_bg.isNull()) drawCachedImage(painter, m_bg, m_bgArea, viewport);
    if (!current) startBackgroundRender(viewport);
}

void MapRenderer::invalidateBackground() {
    ++m_bgVersion;
}

void MapRenderer::startBackgroundRender(const Viewport& viewport) {
    if (m_bgWatcher.isRunning() && m_bgPendingVersion == m_bgVersion &&
        cacheCovers(m_bgPendingArea, viewport))
        return;  // the render under way will serve this view
    const Viewport area = PointLayer::cacheAreaFor(viewport);
    const int generation = m_bgGeneration->fetch_add(1) + 1;
    m_bgPendingArea = area;
    m_bgPendingVersion = m_bgVersion;
    std::vector<MapLayer*> layers;  // chosen here: visibility is GUI-thread state
    for (MapLayer* layer : m_layers)
        if (layer->isBackground() && layer->isVisible()) {
            layer->prepare(area);
            layers.push_back(layer);
        }
    auto counter = m_bgGeneration;
    const int version = m_bgVersion;
    m_bgWatcher.setFuture(QtConcurrent::run(backgroundPool(), [=]() -> BackgroundResult {
        BackgroundResult result;
        result.image = QImage(area.size(), QImage::Format_ARGB32_Premultiplied);
        result.image.fill(Qt::transparent);
        QPainter painter(&result.image);
        for (MapLayer* layer : layers) {
            if (counter->load() != generation) return {};  // superseded: stop between layers
            layer->paint(painter, area);
        }
        result.area = area;
        result.generation = generation;
        result.version = version;
        return result;
    }));
}

void MapRenderer::onBackgroundRendered() {
    if (m_bgWatcher.future().resultCount() == 0) return;
    BackgroundResult result = m_bgWatcher.result();
    if (result.image.isNull() || result.generation != m_bgGeneration->load()) return;
    m_bg = std::move(result.image);
    m_bgArea = result.area;
    m_bgImageVersion = result.version;
    ++m_bgRenders;
    Q_EMIT changed();
}

void MapRenderer::setPoints(std::shared_ptr<const MapPoints> points) {
    m_points->setPoints(points);
    m_selection->setPoints(points);
    m_legend->setPoints(points);
    updateLegend();
}

std::shared_ptr<const MapPoints> MapRenderer::points() const {
    return m_points->points();
}

void MapRenderer::setMode(PointColorMode mode) {
    m_points->setMode(mode);
    updateLegend();
}

void MapRenderer::refreshColours() {
    m_points->refreshColors();
    updateLegend();
}

PointColorMode MapRenderer::mode() const {
    return m_points->mode();
}

QString MapRenderer::modeName(PointColorMode mode, const QString& probabilityClass) {
    switch (mode) {
        case PointColorMode::TrueClass:
            return tr("True class");
        case PointColorMode::PredictedClass:
            return tr("Predicted class");
        case PointColorMode::Correctness:
            return tr("Correct / wrong");
        case PointColorMode::Confidence:
            return tr("Confidence (max. probability)");
        case PointColorMode::ClassProbability:
            return tr("Probability of %1").arg(probabilityClass);
        case PointColorMode::Dissimilarity:
            return tr("Dissimilarity index (DI) of the area of applicability");
    }
    return {};
}

void MapRenderer::updateLegend() {
    const auto points = m_points->points();
    if (!points) {
        m_legend->setContent({}, {}, {});
        return;
    }
    QString subtitle = modeName(mode(), points->probabilityClass);
    if (const int hidden = points->hiddenClassCount(); hidden > 0)
        subtitle += tr(" · class filter: %1 of %2 classes shown")
                        .arg(points->classNames.size() - hidden)
                        .arg(points->classNames.size());
    m_legend->setContent(points->title, subtitle, m_points->legend());
}

void MapRenderer::setSynchronous(bool synchronous) {
    m_synchronous = synchronous;
    m_points->setSynchronous(synchronous);
    m_basemap->setSynchronous(synchronous);
}

QImage MapRenderer::toImage(const Viewport& viewport) {
    QImage image(viewport.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    setSynchronous(true);
    {
        QPainter painter(&image);
        paint(painter, viewport);
    }
    setSynchronous(false);
    return image;
}

bool MapRenderer::savePng(const QString& path, const Viewport& viewport, QString* error) {
    const QImage image = toImage(viewport);
    if (image.save(path, "PNG")) return true;
    if (error) *error = tr("cannot write the PNG map %1").arg(QFileInfo(path).absoluteFilePath());
    return false;
}

bool MapRenderer::saveSvg(const QString& path, const Viewport& viewport, QString* error) {
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(viewport.size());
    generator.setViewBox(QRect(QPoint(0, 0), viewport.size()));
    generator.setTitle(tr("BRIDGE-LC Explorer map"));
    generator.setDescription(m_attribution->text());
    setSynchronous(true);
    QPainter painter;
    const bool ok = painter.begin(&generator);
    if (ok) {
        paint(painter, viewport);
        painter.end();
    }
    setSynchronous(false);
    if (ok && QFileInfo(path).size() > 0) return true;
    if (error) *error = tr("cannot write the SVG map %1").arg(QFileInfo(path).absoluteFilePath());
    return false;
}

}  // namespace bridgelc
