#include "ui/map/region_layer.h"

#include <QHash>
#include <QPainter>
#include <atomic>
#include <cmath>
#include <mutex>

#include "core/util/resources.h"
#include "ui/map/basemap_layer.h"
#include "ui/map/ogr_shapes.h"
#include "ui/map/viewport.h"

namespace bridgelc {

namespace {

// Longitude east of which region labels are not placed while a region has a part further west.
constexpr double kLabelEastLimit = 35.0;

// `point` if it lies on the land of the surveyed countries, else the point of a grid over `region` that lies
// there and in the region nearest to the middle of all such grid points: regions made of 10 km cells reach
// over the sea, and parts of them lie in countries without data (the Boreal region's middle is in Russian
// Karelia), where a label would name nothing the user looks at and would sit under the legend.
QPointF onSurveyedLand(QPointF point, const QPainterPath& region) {
    const QPainterPath& land = BasemapLayer::geometry(BasemapLayer::Detail::Coarse50m)->surveyed;
    if (land.contains(point)) return point;
    const QRectF box = region.boundingRect();
    std::vector<QPointF> inside;
    constexpr int kSteps = 24;
    for (int i = 0; i <= kSteps; ++i)
        for (int j = 0; j <= kSteps; ++j) {
            const QPointF p(box.left() + box.width() * i / kSteps, box.top() + box.height() * j / kSteps);
            if (region.contains(p) && land.contains(p)) inside.push_back(p);
        }
    if (inside.empty()) return point;
    QPointF middle;
    for (const QPointF& p : inside)
        middle += p;
    middle /= double(inside.size());
    QPointF best = inside.front();
    double bestDistance = 1e300;
    for (const QPointF& p : inside) {
        const double d = std::hypot(p.x() - middle.x(), p.y() - middle.y());
        if (d < bestDistance) {
            best = p;
            bestDistance = d;
        }
    }
    return best;
}

}  // namespace

RegionLayer::RegionLayer(QObject* parent) : MapLayer(parent) {}

namespace {
std::atomic<bool> regionsLoaded{false};
}  // namespace

bool RegionLayer::isLoaded() {
    return regionsLoaded.load();
}

const std::vector<RegionLayer::Region>& RegionLayer::regions() {
    static std::vector<Region> all;
    static std::once_flag once;
    std::call_once(once, [] {
        const QString path = QString::fromStdString(resourcePath("regions/biogeoregions_10km.geojson"));
        for (OgrShape& shape : readProjectedShapes(path, {QStringLiteral("code"), QStringLiteral("name")})) {
            // The label goes on the largest part inside the map's area of interest (the EU-27 and its
            // neighbours, west of 35E): the Alpine and Black Sea regions' largest parts lie in the Caucasus,
            // where a label names nothing the user looks at.
            QPointF label = shape.labelPoint;
            for (const auto& [point, area] : shape.parts)
                if (projectedToGeo(point).x() <= kLabelEastLimit) {
                    label = point;
                    break;
                }
            label = onSurveyedLand(label, shape.path);
            const bool labelled =
                BasemapLayer::geometry(BasemapLayer::Detail::Coarse50m)->surveyed.contains(label);
            all.push_back({shape.values.value(0), shape.values.value(1), shape.path, label, labelled});
        }
        regionsLoaded = true;
    });
    return all;
}

QString RegionLayer::regionAt(QPointF projected) {
    for (const Region& region : regions())
        if (region.path.contains(projected)) return region.code;
    return {};
}

QColor RegionLayer::regionColor(const QString& code) {
    // Pale tints in the spirit of the EEA map's colours, light enough that class colours stay readable on
    // top.
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("ALP"), QColor(190, 140, 110)}, {QStringLiteral("ANA"), QColor(230, 170, 120)},
        {QStringLiteral("ARC"), QColor(170, 210, 230)}, {QStringLiteral("ATL"), QColor(120, 170, 210)},
        {QStringLiteral("BLS"), QColor(240, 210, 150)}, {QStringLiteral("BOR"), QColor(130, 190, 150)},
        {QStringLiteral("CON"), QColor(150, 200, 110)}, {QStringLiteral("MAC"), QColor(200, 180, 220)},
        {QStringLiteral("MED"), QColor(240, 220, 120)}, {QStringLiteral("PAN"), QColor(210, 160, 180)},
        {QStringLiteral("STE"), QColor(220, 200, 160)}};
    return colors.value(code, QColor(200, 200, 200));
}

QString RegionLayer::heldOutRegion() const {
    QMutexLocker lock(&m_mutex);
    return m_heldOut;
}

void RegionLayer::setHeldOutRegion(const QString& code) {
    {
        QMutexLocker lock(&m_mutex);
        if (code == m_heldOut) return;
        m_heldOut = code;
    }
    Q_EMIT changed();
}

void RegionLayer::setFilled(bool filled) {
    {
        QMutexLocker lock(&m_mutex);
        if (filled == m_filled) return;
        m_filled = filled;
    }
    Q_EMIT changed();
}

bool RegionLayer::isLabelled() const {
    QMutexLocker lock(&m_mutex);
    return m_labelled;
}

void RegionLayer::setLabelled(bool labelled) {
    {
        QMutexLocker lock(&m_mutex);
        if (labelled == m_labelled) return;
        m_labelled = labelled;
    }
    Q_EMIT changed();
}

void RegionLayer::paint(QPainter& painter, const Viewport& viewport) {
    QString heldOut;
    bool filled = true;
    {
        QMutexLocker lock(&m_mutex);
        heldOut = m_heldOut;
        filled = m_filled;
    }
    const QTransform toScreen = viewport.projectedToScreenTransform();
    const QRectF visible = viewport.projectedRect();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(toScreen, true);
    // Regions are drawn on the land of the surveyed countries only: the 10 km cells step out over the sea,
    // and beyond the data (Russia, Turkey, Africa) a tint would end at the basemap's 45E clip edge and
    // suggest regions the data never sampled. Country borders are a boundary a reader recognises.
    painter.setClipPath(BasemapLayer::clipGeometry(viewport)->surveyed);
    QPen outline(QColor(110, 110, 110, 150), 0.8);
    outline.setCosmetic(true);
    for (const Region& region : regions()) {
        if (!region.path.boundingRect().intersects(visible)) continue;
        QColor fill = regionColor(region.code);
        fill.setAlpha(filled ? 55 : 0);
        painter.setPen(outline);
        painter.setBrush(fill);
        painter.drawPath(region.path);
    }
    for (const Region& region : regions()) {
        if (region.code != heldOut) continue;
        // Hatch drawn in screen space so the lines keep their spacing at every zoom.
        painter.save();
        painter.resetTransform();
        const QPainterPath onScreen = toScreen.map(region.path);
        QBrush hatch(QColor(60, 60, 60, 170), Qt::BDiagPattern);
        painter.setPen(QPen(QColor(20, 20, 20), 2.2));
        painter.setBrush(hatch);
        painter.drawPath(onScreen);
        painter.restore();
    }
    painter.restore();
}

}  // namespace bridgelc
