#pragma once
#include <QRectF>
#include <vector>

#include "ui/map/map_layer.h"

namespace bridgelc {

class RegionLayer;
class PointDensity;
class PointLayer;

/// The codes of the biogeographical regions ("ATL", "MED (held out)"), above the points so that no point
/// hides them; shown while the RegionLayer is visible and labelled.
class RegionLabelLayer : public MapLayer {
    Q_OBJECT
public:
    /// `regions` must outlive this layer (both are owned by the same renderer).
    explicit RegionLabelLayer(const RegionLayer* regions, QObject* parent = nullptr);

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::RegionLabels; }
    QString name() const override { return tr("Region labels"); }

    /// Where labels of the sizes given go near their anchors (screen pixels, in the order given): at the
    /// anchor when free, else moved just above, below, right or left of it, so that no two overlap (the
    /// Steppic and Black Sea labels sit a few pixels apart at the EU view). A label that finds no free place
    /// stays on its anchor. With `density` the nearest free place that hides no drawn point wins (else the
    /// one hiding fewest), trying also `rings` rings of places farther out.
    static std::vector<QRectF> placeLabels(const std::vector<QPointF>& anchors,
                                           const std::vector<QSizeF>& sizes, const QRectF& screen,
                                           const PointDensity* density = nullptr, int rings = 0);
    /// Joins a label moved away from its place to that place by a haloed leader line.
    static void paintLeader(QPainter& painter, QPointF anchor, const QRectF& label);
    /// The points labels avoid hiding (must outlive this layer; both are owned by the same renderer).
    void setPointSource(const PointLayer* points) { m_pointSource = points; }
    /// Where map labels may go: the screen less the bottom row, which the scale bar and attribution keep.
    static QRectF labelArea(const Viewport& viewport);
    /// Where the labels were last painted.
    const std::vector<QRectF>& placed() const { return m_placed; }

private:
    const RegionLayer* m_regions;
    const PointLayer* m_pointSource = nullptr;
    std::vector<QRectF> m_placed;
};

}  // namespace bridgelc
