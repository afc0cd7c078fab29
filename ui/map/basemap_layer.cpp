#include "ui/map/basemap_layer.h"

#include <QPainter>
#include <QRadialGradient>
#include <QtConcurrent>
#include <atomic>
#include <mutex>

#include "core/util/resources.h"
#include "ui/map/background_pool.h"
#include "ui/map/ogr_shapes.h"
#include "ui/map/viewport.h"

namespace bridgelc {

namespace {

// One slot per detail level, each with its own once-flag: loading the fine level in the background never
// blocks the GUI thread drawing the coarse one.
struct Slot {
    std::once_flag once;
    std::shared_ptr<const BasemapGeometry> geometry;
    std::atomic<bool> ready{false};
};

Slot& slot(BasemapLayer::Detail detail) {
    static Slot slots[2];
    return slots[detail == BasemapLayer::Detail::Fine10m ? 1 : 0];
}

std::shared_ptr<const BasemapGeometry> load(const char* suffix) {
    auto g = std::make_shared<BasemapGeometry>();
    const auto path = [&](const char* what) {
        return QString::fromStdString(
            resourcePath(std::string("basemap/") + what + "-" + suffix + "-europe.geojson"));
    };
    // Land is the union of the countries, filled with the winding rule: one file read gives land, borders and
    // the EU-27 (the land-*-europe files are the same union, dissolved by scripts/make_land.sh, for tools).
    for (const OgrShape& shape :
         readProjectedShapes(path("countries"), {QStringLiteral("eu27"), QStringLiteral("name")})) {
        g->land.addPath(shape.path);
        g->countries.addPath(shape.outline);
        const bool eu =
            shape.values.value(0) == QLatin1String("1") || shape.values.value(0) == QLatin1String("true");
        if (eu) g->eu27.addPath(shape.path);
        if (eu || shape.values.value(1) == QLatin1String("United Kingdom")) g->surveyed.addPath(shape.path);
    }
    // Set last: addPath() into an empty path adopts the added path's rule.
    g->land.setFillRule(Qt::WindingFill);
    g->eu27.setFillRule(Qt::WindingFill);
    g->surveyed.setFillRule(Qt::WindingFill);
    return g;
}

}  // namespace

std::shared_ptr<const BasemapGeometry> BasemapLayer::geometry(Detail detail) {
    Slot& level = slot(detail);
    std::call_once(level.once, [&] {
        level.geometry = load(detail == Detail::Fine10m ? "10m" : "50m");
        level.ready = true;
    });
    return level.geometry;
}

bool BasemapLayer::isLoaded(Detail detail) {
    return slot(detail).ready;
}

BasemapLayer::BasemapLayer(QObject* parent) : MapLayer(parent) {
    connect(&m_fineLoader, &QFutureWatcher<void>::finished, this, &MapLayer::changed);
}

BasemapLayer::~BasemapLayer() {
    m_fineLoader.waitForFinished();
}

std::shared_ptr<const BasemapGeometry> BasemapLayer::clipGeometry(const Viewport& viewport) {
    const bool fine = viewport.metresPerPixel() < kFineBelowMetresPerPixel && isLoaded(Detail::Fine10m);
    return geometry(fine ? Detail::Fine10m : Detail::Coarse50m);
}

void BasemapLayer::prepare(const Viewport& viewport) {
    if (viewport.metresPerPixel() < kFineBelowMetresPerPixel && !isLoaded(Detail::Fine10m) &&
        !m_fineLoader.isRunning())
        m_fineLoader.setFuture(QtConcurrent::run(backgroundPool(), [] { geometry(Detail::Fine10m); }));
}

void BasemapLayer::paint(QPainter& painter, const Viewport& viewport) {
    painter.fillRect(QRect(QPoint(0, 0), viewport.size()), QColor(kSeaColour));
    Detail detail =
        viewport.metresPerPixel() < kFineBelowMetresPerPixel ? Detail::Fine10m : Detail::Coarse50m;
    if (detail == Detail::Fine10m && !m_synchronous && !isLoaded(detail)) {
        // The coarse outline stands in while the fine one loads off the GUI thread.
        if (!m_fineLoader.isRunning())
            m_fineLoader.setFuture(QtConcurrent::run(backgroundPool(), [] { geometry(Detail::Fine10m); }));
        detail = Detail::Coarse50m;
    }
    const auto g = geometry(detail);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(viewport.projectedToScreenTransform(), true);
    QPen border(QColor(150, 150, 150), 0.6);
    border.setCosmetic(true);  // widths in pixels whatever the transform
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(236, 233, 226));  // land outside the EU
    painter.drawPath(g->land);
    painter.strokePath(g->countries, border);  // the extract's cut edges lie under the FrameLayer's paper
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(250, 249, 245));  // EU-27: lighter, so the study area stands out
    painter.drawPath(g->eu27);
    painter.save();
    painter.setClipPath(g->eu27, Qt::IntersectClip);  // the borders inside the EU, over its fill
    painter.strokePath(g->countries, border);
    painter.restore();
    QPen euBorder(QColor(95, 95, 95), 0.9);
    euBorder.setCosmetic(true);
    painter.setPen(euBorder);
    painter.drawPath(g->eu27);
    painter.restore();
}

}  // namespace bridgelc
