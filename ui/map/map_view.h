#pragma once
#include <QGeoCoordinate>
#include <QGeoRectangle>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

#include "ui/map/map_points.h"
#include "ui/map/viewport.h"

namespace bridgelc {

class MapRenderer;

/// The interactive map of Europe in EPSG:3035 (Marble's MarbleWidget in small): owns a Viewport and a
/// MapRenderer (the ordered layers). Wheel zooms around the cursor, drag pans, double-click zooms in,
/// +/- zoom, arrow keys pan, Home shows the EU-27. Hover shows a point's tooltip through the spatial index,
/// with what layers say about the place (a raster's class and confidence), or that alone off points;
/// a click reports the point or, off points, the biogeographical region.
class MapView : public QWidget {
    Q_OBJECT
public:
    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    MapRenderer* renderer() const { return m_renderer; }
    const Viewport& viewport() const;
    void setViewport(const Viewport& viewport);

    /// Convenience forwards to the renderer.
    void setPoints(std::shared_ptr<const MapPoints> points);
    void setMode(PointColorMode mode);
    /// Highlights these rows (e.g. a confusion cell's points); an empty list clears the selection.
    void setSelection(const std::vector<std::int64_t>& rows);
    std::size_t selectionCount() const;
    /// The held-out region of a LORO run, hatched (empty: none).
    void setHeldOutRegion(const QString& code);

    /// Row of the point under `screen` (within a few pixels), or -1.
    std::int64_t pointAt(QPointF screen) const;
    /// What the tooltip shows with the pointer at `screen`: the point's values when a point is there, then
    /// what visible layers say about the place (e.g. a raster's class and confidence), top layer first;
    /// empty when there is nothing to say.
    QString hoverText(QPointF screen) const;

    QSize sizeHint() const override { return {900, 640}; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    /// Frames every shown point.
    void zoomToData();
    /// Frames the selected points (nothing happens without a selection).
    void zoomToSelection();
    /// The EU-27 overview.
    void homeView();
    void clearSelection();

Q_SIGNALS:
    /// A point was clicked: its row in MapPoints (= dataset row) and where it is.
    void pointClicked(qint64 row, const QGeoCoordinate& where);
    /// The map was clicked off any point inside a biogeographical region (EEA code, e.g. "ATL").
    void regionClicked(const QString& code, const QGeoCoordinate& where);
    /// The pointer rests on a point (row), or left all points (-1).
    void pointHovered(qint64 row);
    /// The visible area changed (pan, zoom, resize).
    void viewportChanged(const QGeoRectangle& visible);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    /// On the legend panel: fold it or move it to another corner.
    void contextMenuEvent(QContextMenuEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void viewportMoved();
    /// Brings the viewport to the widget's size (a hidden widget gets its resize event only when shown).
    void syncSize() const;
    QString tooltipFor(std::int64_t row) const;

    MapRenderer* m_renderer;
    mutable Viewport m_viewport;
    mutable bool m_homeSet = false;
    QPointF m_pressPos, m_lastDragPos;
    bool m_dragging = false;
    std::int64_t m_hovered = -1;
    QString m_hoverText;  ///< what the tooltip shows now (empty: hidden)
};

}  // namespace bridgelc
