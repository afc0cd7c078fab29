#pragma once
#include <QColor>
#include <QMutex>
#include <QPainterPath>
#include <QString>
#include <vector>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// The EEA biogeographical regions: a pale fill per region, outlines, and the held-out region of a
/// leave-one-region-out run outlined and hatched. Read and projected once per process. Their code labels are
/// a RegionLabelLayer above the points.
class RegionLayer : public MapLayer {
    Q_OBJECT
public:
    /// One region as drawn.
    struct Region {
        QString code, name;
        QPainterPath path;  ///< EPSG:3035 metres
        QPointF labelPoint;
        bool labelled = true;  ///< the region reaches the surveyed countries' land, where its label sits
    };

    explicit RegionLayer(QObject* parent = nullptr);

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Regions; }
    QString name() const override { return tr("Biogeographical regions"); }
    bool isBackground() const override { return true; }

    /// The regions (shared, loaded on first call; thread-safe).
    static const std::vector<Region>& regions();
    /// True once regions() would return at once (the first call reads and projects them, ~0.1 s).
    static bool isLoaded();
    /// Code of the region containing the EPSG:3035 point, or empty.
    static QString regionAt(QPointF projected);
    /// The pale fill of a region code.
    static QColor regionColor(const QString& code);

    /// The region held out in a LORO run (hatched); empty for none.
    void setHeldOutRegion(const QString& code);
    QString heldOutRegion() const;
    void setFilled(bool filled);
    /// Whether the RegionLabelLayer shows the codes.
    void setLabelled(bool labelled);
    bool isLabelled() const;

private:
    mutable QMutex m_mutex;  // the style is read by the render thread
    QString m_heldOut;
    bool m_filled = true, m_labelled = true;
};

}  // namespace bridgelc
