#include "ui/map/legend_layer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>

#include "ui/map/legend_painter.h"
#include "ui/map/region_layer.h"

namespace bridgelc {

namespace {

constexpr qreal kMargin = 12;
// Kept free at the bottom for the scale bar (left) and the attribution (right).
constexpr qreal kBottomReserve = 64;
// A region label hidden costs as much as this many points.
constexpr double kLabelCost = 400;

}  // namespace

void LegendLayer::setContent(const QString& title, const QString& subtitle,
                             std::vector<LegendEntry> entries) {
    m_title = title;
    m_subtitle = subtitle;
    m_entries = std::move(entries);
    Q_EMIT changed();
}

std::optional<LegendSection> LegendLayer::legendSection() const {
    if (m_entries.empty() && m_title.isEmpty()) return std::nullopt;
    LegendSection s;
    s.title = m_title;
    if (!m_subtitle.isEmpty()) s.notes << m_subtitle;
    s.entries = m_entries;
    return s;
}

std::vector<LegendSection> LegendLayer::sections() const {
    std::vector<LegendSection> out;
    if (auto own = legendSection()) out.push_back(*own);
    if (m_layers)
        for (const MapLayer* layer : *m_layers)
            if (layer != this && layer->isVisible())
                if (auto s = layer->legendSection()) out.push_back(*s);
    std::stable_sort(out.begin(), out.end(),
                     [](const LegendSection& a, const LegendSection& b) { return a.order < b.order; });
    for (LegendSection& s : out)
        if (int(s.entries.size()) > kMaxRows) {
            s.visibleEntries = kPageRows;
            s.firstEntry = firstEntryOf(s.title);
        }
    return out;
}

int LegendLayer::firstEntryOf(const QString& title) const {
    const auto it = m_scroll.find(title);
    return it == m_scroll.end() ? 0 : it->second;
}

bool LegendLayer::scrollAt(QPointF screen, int rows) {
    for (const ScrollTarget& t : m_scrollTargets) {
        if (!t.area.contains(screen)) continue;
        int& first = m_scroll[t.key];
        const int before = first;
        first = std::max(0, first + rows);
        // The upper end is clamped where the entries are known; keep the stored value in range too.
        for (const LegendSection& s : sections())
            if (s.title == t.key) first = std::min(first, std::max(0, int(s.entries.size()) - t.visible));
        if (first != before) Q_EMIT changed();
        return true;
    }
    return false;
}

bool LegendLayer::clickAt(QPointF screen) {
    for (const ScrollTarget& t : m_scrollTargets) {
        if (LegendPainter::upArrow(t.footer).contains(screen)) return scrollAt(t.area.center(), -t.visible);
        if (LegendPainter::downArrow(t.footer).contains(screen)) return scrollAt(t.area.center(), t.visible);
    }
    return false;
}

void LegendLayer::setCorner(Corner corner) {
    m_corner = corner;
    Q_EMIT changed();
}

void LegendLayer::setFolded(bool folded) {
    m_folded = folded;
    Q_EMIT changed();
}

std::int64_t LegendLayer::pointsUnder(const MapPoints& points, const Viewport& viewport, const QRectF& rect) {
    const QPointF a = viewport.screenToProjected(rect.topLeft()),
                  b = viewport.screenToProjected(rect.bottomRight());
    const double x0 = std::min(a.x(), b.x()), x1 = std::max(a.x(), b.x());
    const double y0 = std::min(a.y(), b.y()), y1 = std::max(a.y(), b.y());
    std::int64_t n = 0;
    const double* xs = points.projected.x.data();
    const double* ys = points.projected.y.data();
    for (std::size_t i = 0; i < points.size(); ++i)
        if (xs[i] >= x0 && xs[i] <= x1 && ys[i] >= y0 && ys[i] <= y1 && points.isShown(i)) ++n;
    return n;
}

double LegendLayer::coverCost(const QRectF& rect, const Viewport& viewport) const {
    double cost = m_points ? double(pointsUnder(*m_points, viewport, rect)) : 0.0;
    if (RegionLayer::isLoaded())
        for (const RegionLayer::Region& region : RegionLayer::regions())
            if (rect.adjusted(-20, -10, 20, 10).contains(viewport.projectedToScreen(region.labelPoint)))
                cost += kLabelCost;
    return cost;
}

QRectF LegendLayer::place(const QSizeF& size, const Viewport& viewport) {
    const qreal w = viewport.size().width(), h = viewport.size().height();
    auto rectAt = [&](Corner c) {
        const qreal x =
            (c == Corner::TopLeft || c == Corner::BottomLeft) ? kMargin : w - size.width() - kMargin;
        const qreal y = (c == Corner::TopLeft || c == Corner::TopRight)
                            ? kMargin
                            : std::max(kMargin, h - kBottomReserve - size.height());
        return QRectF(QPointF(x, y), size);
    };
    if (m_corner != Corner::Automatic) {
        m_placed = m_corner;
        return rectAt(m_corner);
    }
    // The corner that covers least; the corner used before keeps its place unless another is clearly better,
    // so the panel does not jump about while the user pans.
    Corner best = m_placed;
    double bestCost = coverCost(rectAt(m_placed), viewport);
    for (const Corner c : {Corner::TopRight, Corner::TopLeft, Corner::BottomRight, Corner::BottomLeft}) {
        const double cost = coverCost(rectAt(c), viewport);
        if (cost < bestCost * 0.8 - 5) {
            best = c;
            bestCost = cost;
        }
    }
    m_placed = best;
    return rectAt(best);
}

void LegendLayer::paint(QPainter& painter, const Viewport& viewport) {
    std::vector<LegendSection> all = sections();
    m_scrollTargets.clear();
    if (all.empty()) {
        m_panel = m_header = QRectF();
        return;
    }
    const LegendPainter typeset(painter.device());
    const qreal line = typeset.lineHeight(), pad = LegendPainter::kPadding;
    const qreal maxWidth = std::max<qreal>(170, std::min<qreal>(330, viewport.size().width() * 0.36));
    const qreal width = std::clamp<qreal>(typeset.naturalWidth(all), 150, maxWidth);
    const qreal available = viewport.size().height() - kMargin - kBottomReserve;
    // Sections that do not fit fold to their titles, from the last one up.
    std::vector<bool> folded(all.size(), false);
    auto bodyHeight = [&] {
        qreal h = 0;
        for (std::size_t i = 0; i < all.size(); ++i)
            h += typeset.height(all[i], width, folded[i]) + (i ? LegendPainter::kSectionGap : 0);
        return h;
    };
    // Too tall: long lists show fewer rows (down to kMinRows) before whole sections fold to their titles.
    for (LegendSection& s : all)
        while (line + 2 * pad + bodyHeight() > available && int(s.entries.size()) > kMinRows &&
               (s.visibleEntries < 0 || s.visibleEntries > kMinRows))
            s.visibleEntries = s.visibleEntries < 0 ? int(s.entries.size()) - 1 : s.visibleEntries - 1;
    for (LegendSection& s : all)
        if (s.isScrolled()) s.firstEntry = LegendPainter::entryWindow(s).first;
    for (std::size_t i = all.size(); i-- > 0 && line + 2 * pad + bodyHeight() > available;)
        folded[i] = true;
    const qreal height = line + (m_folded ? pad : 2 * pad + bodyHeight());
    const QRectF box = place(QSizeF(width, height), viewport);
    m_panel = box;
    m_header = QRectF(box.left(), box.top(), box.width(), line + pad);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.setBrush(QColor(255, 255, 255, 232));
    painter.drawRoundedRect(box, 4, 4);
    // Header: what the box is and how to fold it.
    QFont small = typeset.font();
    small.setPointSizeF(small.pointSizeF() - 0.5);
    painter.setFont(small);
    painter.setPen(QColor(90, 90, 90));
    const QRectF headerText(box.left() + pad, box.top() + pad / 2, width - 2 * pad, line);
    painter.drawText(headerText, Qt::AlignLeft | Qt::AlignVCenter, tr("Legend"));
    painter.drawText(headerText, Qt::AlignRight | Qt::AlignVCenter, m_folded ? tr("▸ show") : tr("▾ fold"));
    if (!m_folded) {
        qreal y = box.top() + pad / 2 + line + pad / 2;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (i) {
                painter.setPen(QPen(QColor(205, 205, 205), 1));
                painter.drawLine(QPointF(box.left() + pad, y + LegendPainter::kSectionGap / 2),
                                 QPointF(box.right() - pad, y + LegendPainter::kSectionGap / 2));
                y += LegendPainter::kSectionGap;
            }
            const qreal top = y;
            y += typeset.paint(painter, all[i], QPointF(box.left(), y), width, folded[i]);
            if (all[i].isScrolled() && !folded[i])
                m_scrollTargets.push_back({QRectF(box.left(), top, width, y - top),
                                           QRectF(box.left() + pad, y - line, width - 2 * pad, line),
                                           all[i].title, all[i].visibleEntries});
        }
    }
    painter.restore();
}

}  // namespace bridgelc
