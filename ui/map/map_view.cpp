#include "ui/map/map_view.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

#include "ui/map/country_lookup.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/selection_layer.h"

namespace bridgelc {

MapView::MapView(QWidget* parent) : QWidget(parent), m_renderer(new MapRenderer(this)) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);  // the basemap paints every pixel
    setMinimumSize(200, 150);
    connect(m_renderer, &MapRenderer::changed, this, qOverload<>(&QWidget::update));
    m_viewport = Viewport::euHome(size());
}

MapView::~MapView() = default;

const Viewport& MapView::viewport() const {
    syncSize();
    return m_viewport;
}

void MapView::syncSize() const {
    if (m_viewport.size() == size()) return;
    if (!m_homeSet) {
        // Until the user or the caller moves the map, a new size keeps showing the whole EU-27.
        m_viewport = Viewport::euHome(size());
    } else {
        m_viewport.setSize(size());
    }
}

void MapView::setViewport(const Viewport& viewport) {
    m_viewport = viewport;
    m_viewport.setSize(size());
    m_homeSet = true;
    viewportMoved();
}

void MapView::setPoints(std::shared_ptr<const MapPoints> points) {
    m_hovered = -1;
    m_renderer->setPoints(std::move(points));
}

void MapView::setMode(PointColorMode mode) {
    m_renderer->setMode(mode);
}

void MapView::setSelection(const std::vector<std::int64_t>& rows) {
    m_renderer->selection()->setSelection(rows);
}

std::size_t MapView::selectionCount() const {
    return m_renderer->selection()->selection().size();
}

void MapView::clearSelection() {
    m_renderer->selection()->setSelection({});
}

void MapView::setHeldOutRegion(const QString& code) {
    m_renderer->regions()->setHeldOutRegion(code);
}

std::int64_t MapView::pointAt(QPointF screen) const {
    syncSize();
    return m_renderer->pointLayer()->pointAt(m_viewport, screen);
}

void MapView::zoomIn() {
    syncSize();
    m_homeSet = true;
    m_viewport.zoomAround(QPointF(width() / 2.0, height() / 2.0), 2.0);
    viewportMoved();
}

void MapView::zoomOut() {
    syncSize();
    m_homeSet = true;
    m_viewport.zoomAround(QPointF(width() / 2.0, height() / 2.0), 0.5);
    viewportMoved();
}

void MapView::zoomToData() {
    syncSize();
    m_homeSet = true;
    const auto points = m_renderer->points();
    if (!points) return;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (std::size_t i = 0; i < points->size(); ++i) {
        if (!points->isShown(i)) continue;
        x0 = std::min(x0, points->projected.x[i]);
        x1 = std::max(x1, points->projected.x[i]);
        y0 = std::min(y0, points->projected.y[i]);
        y1 = std::max(y1, points->projected.y[i]);
    }
    if (x0 > x1) return;
    m_viewport.fit(QRectF(QPointF(x0, y0), QPointF(x1, y1)));
    viewportMoved();
}

void MapView::zoomToSelection() {
    syncSize();
    m_homeSet = true;
    const QRectF bounds = m_renderer->selection()->selectionBounds();
    if (m_renderer->selection()->selection().empty()) return;
    m_viewport.fit(bounds);
    viewportMoved();
}

void MapView::homeView() {
    m_viewport = Viewport::euHome(size());
    m_homeSet = false;
    viewportMoved();
}

void MapView::viewportMoved() {
    update();
    Q_EMIT viewportChanged(m_viewport.geoRect());
}

void MapView::paintEvent(QPaintEvent*) {
    syncSize();
    QPainter painter(this);
    m_renderer->paint(painter, m_viewport);
}

void MapView::resizeEvent(QResizeEvent*) {
    syncSize();
    viewportMoved();
}

void MapView::wheelEvent(QWheelEvent* event) {
    syncSize();
    // Over a long legend list the wheel scrolls the list, not the map.
    LegendLayer* legend = m_renderer->legend();
    const int rows = event->angleDelta().y() > 0 ? -1 : event->angleDelta().y() < 0 ? 1 : 0;
    if (legend->isVisible() && !legend->isFolded() && legend->scrollAt(event->position(), rows * 2)) {
        event->accept();
        return;
    }
    // 120 units = one notch = a factor of 1.5; touchpads send smaller steps and zoom smoothly.
    const double factor = std::pow(1.5, event->angleDelta().y() / 120.0);
    m_viewport.zoomAround(event->position(), factor);
    m_homeSet = true;
    viewportMoved();
    event->accept();
}

void MapView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    m_pressPos = m_lastDragPos = event->position();
    m_dragging = false;
}

void MapView::mouseMoveEvent(QMouseEvent* event) {
    syncSize();
    if (event->buttons() & Qt::LeftButton) {
        if (!m_dragging && (event->position() - m_pressPos).manhattanLength() < 4) return;
        m_dragging = true;
        m_viewport.panByPixels(event->position() - m_lastDragPos);
        m_lastDragPos = event->position();
        m_homeSet = true;
        viewportMoved();
        return;
    }
    const std::int64_t row = pointAt(event->position());
    if (row != m_hovered) {
        m_hovered = row;
        Q_EMIT pointHovered(row);
    }
    // Over a raster the text changes from pixel to pixel, not only from point to point.
    const QString text = hoverText(event->position());
    if (text == m_hoverText) return;
    m_hoverText = text;
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

QString MapView::hoverText(QPointF screen) const {
    syncSize();
    QStringList parts;
    const std::int64_t row = pointAt(screen);
    if (row >= 0) parts << tooltipFor(row);
    const QPointF projected = m_viewport.screenToProjected(screen);
    const std::vector<MapLayer*>& layers = m_renderer->layers();
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        if (!(*it)->isVisible()) continue;
        const QString text = (*it)->hoverText(projected);
        if (!text.isEmpty()) parts << text;
    }
    return parts.join(QStringLiteral("<hr>"));
}

void MapView::mouseReleaseEvent(QMouseEvent* event) {
    syncSize();
    if (event->button() != Qt::LeftButton) return;
    if (m_dragging) {
        m_dragging = false;
        return;
    }
    // The legend panel: its header folds and unfolds it; the rest of it hides nothing to click.
    LegendLayer* legend = m_renderer->legend();
    if (legend->isVisible() && legend->headerRect().contains(event->position())) {
        legend->setFolded(!legend->isFolded());
        return;
    }
    if (legend->isVisible() && legend->panelRect().contains(event->position())) {
        legend->clickAt(event->position());
        return;
    }
    const QGeoCoordinate where = m_viewport.screenToGeo(event->position());
    const std::int64_t row = pointAt(event->position());
    if (row >= 0) {
        m_renderer->selection()->setPinned(row);
        Q_EMIT pointClicked(row, where);
        return;
    }
    const QString code = RegionLayer::regionAt(m_viewport.screenToProjected(event->position()));
    if (!code.isEmpty()) Q_EMIT regionClicked(code, where);
}

void MapView::contextMenuEvent(QContextMenuEvent* event) {
    LegendLayer* legend = m_renderer->legend();
    if (!legend->isVisible() || !legend->panelRect().contains(event->pos())) {
        event->ignore();
        return;
    }
    QMenu menu(this);
    QAction* fold = menu.addAction(legend->isFolded() ? tr("Unfold legend") : tr("Fold legend"));
    connect(fold, &QAction::triggered, this, [legend] { legend->setFolded(!legend->isFolded()); });
    menu.addSeparator();
    const std::pair<LegendLayer::Corner, QString> corners[] = {
        {LegendLayer::Corner::Automatic, tr("Legend where it hides the least data")},
        {LegendLayer::Corner::TopRight, tr("Legend top right")},
        {LegendLayer::Corner::TopLeft, tr("Legend top left")},
        {LegendLayer::Corner::BottomRight, tr("Legend bottom right")},
        {LegendLayer::Corner::BottomLeft, tr("Legend bottom left")}};
    for (const auto& [corner, label] : corners) {
        QAction* action = menu.addAction(label);
        action->setCheckable(true);
        action->setChecked(legend->corner() == corner);
        connect(action, &QAction::triggered, this, [legend, corner = corner] { legend->setCorner(corner); });
    }
    menu.exec(event->globalPos());
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event) {
    syncSize();
    m_viewport.zoomAround(event->position(), event->button() == Qt::RightButton ? 0.5 : 2.0);
    m_homeSet = true;
    viewportMoved();
}

void MapView::keyPressEvent(QKeyEvent* event) {
    syncSize();
    const double step = std::min(width(), height()) / 4.0;
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            break;
        case Qt::Key_Minus:
            zoomOut();
            break;
        case Qt::Key_Left:
            m_viewport.panByPixels({step, 0});
            break;
        case Qt::Key_Right:
            m_viewport.panByPixels({-step, 0});
            break;
        case Qt::Key_Up:
            m_viewport.panByPixels({0, step});
            break;
        case Qt::Key_Down:
            m_viewport.panByPixels({0, -step});
            break;
        case Qt::Key_Home:
            homeView();
            return;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    m_homeSet = true;
    viewportMoved();
}

QString MapView::tooltipFor(std::int64_t row) const {
    const auto points = m_renderer->points();
    if (!points || row < 0 || std::size_t(row) >= points->size()) return {};
    const QPointF geo = projectedToGeo({points->projected.x[row], points->projected.y[row]});
    auto className = [&](const std::vector<int>& classes) {
        const int c = std::size_t(row) < classes.size() ? classes[row] : -1;
        return c >= 0 && c < points->classNames.size() ? points->classNames[c] : QStringLiteral("–");
    };
    QString text = tr("<b>%1</b><br>%2°, %3°<br>region %4")
                       .arg(std::size_t(row) < points->ids.size() ? points->ids[row] : tr("row %1").arg(row))
                       .arg(geo.x(), 0, 'f', 4)
                       .arg(geo.y(), 0, 'f', 4)
                       .arg(RegionLayer::regionAt({points->projected.x[row], points->projected.y[row]}));
    // The country only once the countries are read (off the GUI thread, e.g. by the Map tab's first click).
    const QString country =
        countriesLoaded() ? countryAt({points->projected.x[row], points->projected.y[row]}) : QString();
    if (!country.isEmpty()) text += tr("<br>%1").arg(country);
    if (std::size_t(row) < points->part.size()) {
        static const char* const parts[] = {"train", "validation", "test"};
        const int part = points->part[row];
        if (part >= 0 && part < 3) text += tr("<br>part: %1").arg(tr(parts[part]));
    }
    if (!points->trueClass.empty()) text += tr("<br>true: %1").arg(className(points->trueClass));
    if (!points->predictedClass.empty())
        text += tr("<br>predicted: %1").arg(className(points->predictedClass));
    if (std::size_t(row) < points->confidence.size())
        text += tr("<br>confidence: %1").arg(double(points->confidence[row]), 0, 'f', 2);
    if (std::size_t(row) < points->di.size() && !std::isnan(points->di[row]))
        text += tr("<br>DI %1: %2 the area of applicability (threshold %3)")
                    .arg(double(points->di[row]), 0, 'f', 3)
                    .arg(points->isOutsideAoa(std::size_t(row)) ? tr("outside") : tr("inside"))
                    .arg(points->diThreshold, 0, 'f', 3);
    return text;
}

}  // namespace bridgelc
