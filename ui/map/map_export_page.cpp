#include "ui/map/map_export_page.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <algorithm>
#include <cmath>
#include <map>

#include "ui/map/attribution_layer.h"
#include "ui/map/legend_layer.h"
#include "ui/map/map_renderer.h"
#include "ui/map/point_layer.h"
#include "ui/map/point_raster.h"
#include "ui/map/raster_layer.h"
#include "ui/map/raster_source.h"
#include "ui/map/viewport.h"

namespace bridgelc {

namespace {

const QColor kSea(198, 222, 238);
constexpr double kLayoutDpi = 96.0;

/// The page's text styles, measured on the device painted (its resolution decides the pixel size of a point).
struct PageFonts {
    QFont title, heading, body, credits;
    explicit PageFonts(const QFont& base) : title(base), heading(base), body(base), credits(base) {
        title.setPointSizeF(13);
        title.setBold(true);
        heading.setPointSizeF(9.5);
        heading.setBold(true);
        body.setPointSizeF(8.5);
        credits.setPointSizeF(6.5);
    }
};

double wrappedHeight(const QFont& font, QPaintDevice* device, double width, const QString& text) {
    const QFontMetricsF metrics(font, device);
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

QString entryLabel(const LegendEntry& entry) {
    return entry.count >= 0
               ? QStringLiteral("%1 (%2)").arg(entry.label, QLocale().toString(qlonglong(entry.count)))
               : entry.label;
}

/// One filled path per colour, in decreasing point count (rare classes end up on top), each dot a circle of
/// `radius`; points outside `frame` (plus a dot) are left out.
void paintPointPaths(QPainter& painter, const MapPoints& points, const std::vector<QRgb>& colours,
                     const Viewport& viewport, double radius) {
    std::map<QRgb, QPainterPath> paths;
    std::map<QRgb, int> counts;
    const QRectF frame =
        QRectF(QPointF(0, 0), QSizeF(viewport.size())).adjusted(-radius, -radius, radius, radius);
    const std::size_t n = std::min(points.size(), colours.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!points.isShown(i) || colours[i] == 0) continue;
        const QPointF p = viewport.projectedToScreen({points.projected.x[i], points.projected.y[i]});
        if (!frame.contains(p)) continue;
        paths[colours[i]].addEllipse(p, radius, radius);
        ++counts[colours[i]];
    }
    std::vector<QRgb> order;
    for (const auto& [colour, count] : counts)
        order.push_back(colour);
    std::stable_sort(order.begin(), order.end(), [&](QRgb a, QRgb b) { return counts[a] > counts[b]; });
    painter.save();
    // Tiny dots stay crisp in a PNG (antialiased, a 1-pixel dot would be a pale smudge); vectors don't care.
    painter.setRenderHint(QPainter::Antialiasing, radius >= 2);
    for (QRgb colour : order) {
        const QColor fill = QColor::fromRgba(colour);
        // From radius 2 on a darker rim keeps touching dots apart, as on screen.
        painter.setPen(radius >= 2 ? QPen(fill.darker(135), 0.5) : QPen(Qt::NoPen));
        painter.setBrush(fill);
        painter.drawPath(paths[colour]);
    }
    painter.restore();
}

}  // namespace

int MapPageFormat::pixelsOf(const QString& length, double dpi) {
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(px|mm|cm|in)?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(length);
    if (!match.hasMatch() || dpi <= 0) return -1;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2).toLower();
    double pixels = value;
    if (unit == QLatin1String("mm"))
        pixels = value / 25.4 * dpi;
    else if (unit == QLatin1String("cm"))
        pixels = value / 2.54 * dpi;
    else if (unit == QLatin1String("in"))
        pixels = value * dpi;
    return int(std::lround(pixels));
}

MapPage::MapPage(MapRenderer* renderer, QString title) : m_renderer(renderer), m_title(std::move(title)) {
    m_extent = Viewport::euHome(QSize(1000, 1000)).projectedRect();  // EU-27 with a small margin
}

QString MapPage::credits() const {
    return QCoreApplication::translate("MapPage", "%1. Map: %2, %3.")
        .arg(m_renderer->attribution()->text(), QCoreApplication::applicationName(),
             QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd")));
}

std::vector<MapPage::LegendSection> MapPage::legendSections() const {
    std::vector<LegendSection> sections;
    const std::vector<LegendEntry>& points = m_renderer->legend()->entries();
    if (!points.empty())
        sections.push_back(
            {MapRenderer::modeName(m_renderer->mode(),
                                   m_renderer->points() ? m_renderer->points()->probabilityClass : QString()),
             points});
    // Each land-cover raster shown: its classes in the file's colours.
    for (const MapLayer* layer : m_renderer->layers()) {
        const auto* raster = qobject_cast<const RasterLayer*>(layer);
        if (!raster || !raster->isVisible()) continue;
        LegendSection section{QFileInfo(raster->source().path()).fileName(), {}};
        const QStringList classes = raster->source().classNames();
        for (int c = 0; c < classes.size(); ++c)
            section.entries.push_back({QColor::fromRgba(raster->source().colour(c)), classes[c], -1});
        if (!section.entries.empty()) sections.push_back(std::move(section));
    }
    return sections;
}

MapPage::Layout MapPage::layout(QPaintDevice* device) const {
    const QSizeF page = m_format.layoutSize();
    const PageFonts fonts(QFont{});
    const double margin = std::clamp(std::min(page.width(), page.height()) * 0.035, 8.0, 40.0);
    const double gap = margin * 0.5;
    const double width = page.width() - 2 * margin;
    Layout out;
    out.title = QRectF(margin, margin, width, wrappedHeight(fonts.title, device, width, m_title));
    const double creditsHeight = wrappedHeight(fonts.credits, device, width, credits());
    out.credits = QRectF(margin, page.height() - margin - creditsHeight, width, creditsHeight);
    const QRectF body(margin, out.title.bottom() + gap, width,
                      out.credits.top() - gap - out.title.bottom() - gap);

    // The legend's own size: per section a heading, then its entries (swatch, label and count).
    const QFontMetricsF heading(fonts.heading, device), text(fonts.body, device);
    const double line = text.height() * 1.35, pad = 8;
    double entryWidth = 0, headingWidth = 0;
    const std::vector<LegendSection> sections = legendSections();
    for (const LegendSection& section : sections) {
        headingWidth = std::max(headingWidth, heading.horizontalAdvance(section.heading));
        for (const LegendEntry& e : section.entries)
            entryWidth = std::max(entryWidth, 22 + text.horizontalAdvance(entryLabel(e)));
    }
    out.legendBesideMap = body.width() > body.height() * 1.15;
    const double legendWidth =
        out.legendBesideMap ? std::min(std::max(entryWidth, headingWidth) + 2 * pad, body.width() * 0.32)
                            : body.width();
    out.legendColumns =
        out.legendBesideMap ? 1 : std::max(1, int((legendWidth - 2 * pad) / std::max(1.0, entryWidth + 12)));
    double legendHeight = sections.empty() ? 0 : 2 * pad;
    for (const LegendSection& section : sections) {
        const int rows = (int(section.entries.size()) + out.legendColumns - 1) / out.legendColumns;
        legendHeight += heading.height() * 1.4 + rows * line + pad;
    }
    if (out.legendBesideMap) {
        out.map = QRectF(body.left(), body.top(), body.width() - legendWidth - gap, body.height());
        out.legend =
            QRectF(out.map.right() + gap, body.top(), legendWidth, std::min(body.height(), legendHeight));
    } else {
        legendHeight = std::min(legendHeight, body.height() * 0.45);
        out.legend = QRectF(body.left(), body.bottom() - legendHeight, body.width(), legendHeight);
        out.map = QRectF(body.left(), body.top(), body.width(), body.height() - legendHeight - gap);
    }
    return out;
}

Viewport MapPage::mapViewport(const Layout& layout) const {
    Viewport viewport;
    viewport.setSize(layout.map.size().toSize());
    viewport.fit(m_extent, 2.0);
    return viewport;
}

void MapPage::paint(QPainter& painter) {
    const QSizeF page = m_format.layoutSize();
    painter.fillRect(QRectF(QPointF(0, 0), page), Qt::white);
    const Layout l = layout(painter.device());
    const PageFonts fonts{QFont()};
    paintMap(painter, l);
    // Some layers clip to their own geometry (land), replacing the frame's clip: white paper over whatever
    // they drew past the frame, before the furniture that lives there.
    const QRectF frame(l.map.topLeft(), QSizeF(mapViewport(l).size()));
    QPainterPath outside;
    outside.addRect(QRectF(QPointF(0, 0), page));
    outside.addRect(frame);
    painter.fillPath(outside, Qt::white);  // odd-even fill: the page less the frame
    painter.setPen(QPen(QColor(90, 90, 90), 0.75));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(frame);
    painter.setPen(Qt::black);
    painter.setFont(fonts.title);
    painter.drawText(l.title, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, m_title);
    paintLegend(painter, l);
    painter.setFont(fonts.credits);
    painter.setPen(QColor(60, 60, 60));
    painter.drawText(l.credits, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, credits());
}

void MapPage::paintMap(QPainter& painter, const Layout& layout) {
    const Viewport viewport = mapViewport(layout);
    painter.save();
    painter.translate(layout.map.topLeft());
    const QRectF frame(QPointF(0, 0), QSizeF(viewport.size()));
    painter.setClipRect(frame);
    painter.fillRect(frame, kSea);
    m_renderer->setSynchronous(true);
    const std::vector<MapLayer*> layers = m_renderer->layers();  // a copy: painting may not change the list
    for (MapLayer* layer : layers)
        layer->prepare(viewport);
    for (MapLayer* layer : layers) {
        // The legend and the credits have their own places on the page, off the data.
        if (!layer->isVisible() || layer == static_cast<MapLayer*>(m_renderer->legend()) ||
            layer == static_cast<MapLayer*>(m_renderer->attribution()))
            continue;
        if (layer == static_cast<MapLayer*>(m_renderer->pointLayer())) {
            if (const auto points = m_renderer->points())
                paintPointPaths(painter, *points, pointColors(*points, m_renderer->mode()), viewport,
                                pointRadiusFor(viewport.metresPerPixel()));
            continue;
        }
        painter.save();
        layer->paint(painter, viewport);
        painter.restore();
    }
    m_renderer->setSynchronous(false);
    painter.restore();
}

void MapPage::paintLegend(QPainter& painter, const Layout& layout) const {
    const std::vector<LegendSection> sections = legendSections();
    if (sections.empty()) return;
    painter.save();
    const PageFonts fonts{QFont()};
    const QFontMetricsF heading(fonts.heading, painter.device()), text(fonts.body, painter.device());
    const double line = text.height() * 1.35, pad = 8;
    painter.setPen(QPen(QColor(150, 150, 150), 0.75));
    painter.setBrush(Qt::white);
    painter.drawRect(layout.legend);
    const QRectF inner = layout.legend.adjusted(pad, pad, -pad, -pad);
    const double columnWidth = inner.width() / layout.legendColumns;
    painter.setRenderHint(QPainter::Antialiasing, true);
    double top = inner.top();
    for (const LegendSection& section : sections) {
        if (top + heading.height() > layout.legend.bottom()) break;  // a short page shows what fits
        painter.setPen(Qt::black);
        painter.setFont(fonts.heading);
        painter.drawText(QRectF(inner.left(), top, inner.width(), heading.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         heading.elidedText(section.heading, Qt::ElideMiddle, inner.width()));
        top += heading.height() * 1.4;
        painter.setFont(fonts.body);
        const int rows = (int(section.entries.size()) + layout.legendColumns - 1) / layout.legendColumns;
        for (int i = 0; i < int(section.entries.size()); ++i) {
            const LegendEntry& entry = section.entries[std::size_t(i)];
            const double x = inner.left() + (i / rows) * columnWidth;
            const double y = top + (i % rows) * line;
            if (y + line > layout.legend.bottom() + 0.5) continue;
            painter.setPen(QPen(QColor(60, 60, 60), 0.6));
            painter.setBrush(entry.color);
            painter.drawEllipse(QPointF(x + 6, y + line / 2), 4.5, 4.5);
            painter.setPen(Qt::black);
            painter.drawText(QRectF(x + 18, y, columnWidth - 20, line), Qt::AlignLeft | Qt::AlignVCenter,
                             text.elidedText(entryLabel(entry), Qt::ElideRight, columnWidth - 20));
        }
        top += rows * line + pad;
    }
    painter.restore();
}

bool MapPage::write(const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png"))
        ok = writePng(path);
    else if (suffix == QLatin1String("svg"))
        ok = writeSvg(path);
    else if (suffix == QLatin1String("pdf"))
        ok = writePdf(path);
    else if (error) {
        *error =
            QCoreApplication::translate("MapPage", "%1: a map is written as .png, .svg or .pdf").arg(path);
        return false;
    }
    ok = ok && QFileInfo(path).size() > 0;
    if (!ok && error)
        *error = QCoreApplication::translate("MapPage", "cannot write the map %1")
                     .arg(QFileInfo(path).absoluteFilePath());
    return ok;
}

bool MapPage::writePng(const QString& path) {
    QImage image(m_format.pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) return false;
    // Laid out at 96 dpi (fonts measured there), then scaled: the page looks alike at any resolution.
    const int layoutDotsPerMetre = int(std::lround(kLayoutDpi / 0.0254));
    image.setDotsPerMeterX(layoutDotsPerMetre);
    image.setDotsPerMeterY(layoutDotsPerMetre);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setRenderHint(QPainter::TextAntialiasing, true);
        painter.scale(m_format.dpi / kLayoutDpi, m_format.dpi / kLayoutDpi);
        paint(painter);
    }
    const int dotsPerMetre = int(std::lround(m_format.dpi / 0.0254));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    return image.save(path, "PNG");
}

bool MapPage::writeSvg(const QString& path) {
    const QSizeF page = m_format.layoutSize();
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setResolution(int(kLayoutDpi));  // width and height in millimetres follow from it
    generator.setSize(page.toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), page));
    generator.setTitle(m_title);
    generator.setDescription(credits());
    QPainter painter;
    if (!painter.begin(&generator)) return false;
    paint(painter);
    return painter.end();
}

bool MapPage::writePdf(const QString& path) {
    QPdfWriter writer(path);
    writer.setResolution(int(kLayoutDpi));
    writer.setPageSize(
        QPageSize(m_format.millimetres(), QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(m_title);
    writer.setCreator(QCoreApplication::applicationName());
    QPainter painter;
    if (!painter.begin(&writer)) return false;
    paint(painter);
    return painter.end();
}

}  // namespace bridgelc
