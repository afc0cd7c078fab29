#pragma once
#include <QRectF>
#include <QString>
#include <map>
#include <memory>
#include <vector>

#include "ui/map/map_layer.h"
#include "ui/map/map_points.h"
#include "ui/map/viewport.h"

namespace bridgelc {

/// The map's legend panel (as QGIS's legend): one box holding, in one column, the legend of the points
/// (whose result, what the colours mean, one swatch per class with its count) and the sections of every
/// visible layer that has one (region scores, location encoding), so legends never overlap one another.
/// The box goes to the corner where it covers the fewest shown points and region labels, unless the user
/// pins a corner; clicking its header folds it to that header. Titles wrap, they are never cut.
class LegendLayer : public MapLayer {
    Q_OBJECT
public:
    enum class Corner { Automatic, TopRight, TopLeft, BottomRight, BottomLeft };

    explicit LegendLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Legend; }
    QString name() const override { return tr("Legend"); }
    std::optional<LegendSection> legendSection() const override;

    /// The points' section.
    void setContent(const QString& title, const QString& subtitle, std::vector<LegendEntry> entries);
    const std::vector<LegendEntry>& entries() const { return m_entries; }
    QString title() const { return m_title; }

    /// Layers whose legendSection() join the panel (the renderer's stack; must outlive this layer).
    void setLayers(const std::vector<MapLayer*>* layers) { m_layers = layers; }
    /// The points the placement avoids covering.
    void setPoints(std::shared_ptr<const MapPoints> points) { m_points = std::move(points); }

    /// Every section the panel shows now, in order.
    std::vector<LegendSection> sections() const;

    void setCorner(Corner corner);
    Corner corner() const { return m_corner; }
    void setFolded(bool folded);
    bool isFolded() const { return m_folded; }

    /// Scrolls the long list of entries under `screen` (a section showing a window of its entries) by `rows`
    /// (negative: up); false when there is none there.
    bool scrollAt(QPointF screen, int rows);
    /// A click on a scroll arrow of a long list scrolls it by a page; false when `screen` is on none.
    bool clickAt(QPointF screen);
    /// The first entry shown of the section titled `title` (0 unless scrolled).
    int firstEntryOf(const QString& title) const;

    /// Where the panel and its header (fold toggle) were last painted, in pixels; empty before.
    QRectF panelRect() const { return m_panel; }
    QRectF headerRect() const { return m_header; }
    /// The corner the panel was last painted in (never Automatic).
    Corner placedCorner() const { return m_placed; }

    /// How many shown points of `points` fall inside `screenRect` of `viewport`.
    static std::int64_t pointsUnder(const MapPoints& points, const Viewport& viewport,
                                    const QRectF& screenRect);

    /// A section shows at most this many entries at once when it has more than kMaxRows; the rest scrolls, so
    /// 25 crop types do not cover half of Europe.
    static constexpr int kMaxRows = 12, kPageRows = 10, kMinRows = 4;

private:
    struct ScrollTarget {
        QRectF area, footer;
        QString key;
        int visible = 0;
    };
    QRectF place(const QSizeF& size, const Viewport& viewport);
    double coverCost(const QRectF& rect, const Viewport& viewport) const;

    QString m_title, m_subtitle;
    std::vector<LegendEntry> m_entries;
    const std::vector<MapLayer*>* m_layers = nullptr;
    std::shared_ptr<const MapPoints> m_points;
    Corner m_corner = Corner::Automatic, m_placed = Corner::TopRight;
    bool m_folded = false;
    QRectF m_panel, m_header;
    std::map<QString, int> m_scroll;  ///< first entry shown, by section title
    std::vector<ScrollTarget> m_scrollTargets;
};

}  // namespace bridgelc
