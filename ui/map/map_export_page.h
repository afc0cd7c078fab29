#pragma once
#include <QRectF>
#include <QSize>
#include <QSizeF>
#include <QString>
#include <vector>

#include "ui/map/map_points.h"

class QPainter;
class QPaintDevice;

namespace bridgelc {

class MapRenderer;
class Viewport;

/// The paper of an exported map figure: its size in pixels at a resolution (A4 at 300 dpi = 2480 x 3508).
/// Everything on the page is laid out in points of 1/96 inch, so a figure looks the same at any resolution:
/// only finer.
struct MapPageFormat {
    QSize pixels{1600, 1000};
    double dpi = 96;

    /// The page in layout units (1/96 inch).
    QSizeF layoutSize() const { return QSizeF(pixels) * (96.0 / dpi); }
    QSizeF millimetres() const { return QSizeF(pixels) * (25.4 / dpi); }
    /// A length as given to --width/--height: pixels ("2480") or a length with a unit ("210mm", "21cm",
    /// "8.27in"), in pixels at `dpi`; -1 when it is neither.
    static int pixelsOf(const QString& length, double dpi);
};

/// A map laid out for a page, as a cartographer lays out a printed map: the full title (wrapped, never cut)
/// above, the map in a frame, the legend in its own panel beside the map (landscape pages) or under it
/// (portrait pages) so it covers no data, and the credits in full below. Points are drawn as vector paths,
/// one path per colour (class), so an SVG or PDF opens in Inkscape or Illustrator with each class one
/// selectable object. Writes PNG, SVG or PDF by the file's suffix.
class MapPage {
public:
    /// Where each part of the page goes, in layout units.
    struct Layout {
        QRectF title, map, legend, credits;
        bool legendBesideMap = false;  ///< true: legend right of the map; false: under it
        int legendColumns = 1;         ///< entries side by side (a legend under the map runs in columns)
    };
    /// One block of the legend: the points' colours, or a land-cover raster's classes.
    struct LegendSection {
        QString heading;
        std::vector<LegendEntry> entries;
    };

    /// `renderer` paints the map's layers (its legend and attribution are laid out by the page instead).
    MapPage(MapRenderer* renderer, QString title);

    void setFormat(const MapPageFormat& format) { m_format = format; }
    const MapPageFormat& format() const { return m_format; }
    /// The EPSG:3035 area the map frame must show (whole, centred).
    void setExtent(const QRectF& projected) { m_extent = projected; }

    /// Writes `path` (.png, .svg or .pdf). False with `error` naming the file on failure.
    bool write(const QString& path, QString* error = nullptr);
    /// Paints the whole page in layout units onto `painter` (white paper first).
    void paint(QPainter& painter);
    /// The page's layout for a device of 96 dpi (fonts measured there).
    Layout layout(QPaintDevice* device) const;
    /// The viewport of the map frame of `layout`.
    Viewport mapViewport(const Layout& layout) const;

    /// The credits line(s) printed under the map.
    QString credits() const;
    /// What the legend panel lists: the points' colour mode, then each raster layer shown.
    std::vector<LegendSection> legendSections() const;

private:
    void paintMap(QPainter& painter, const Layout& layout);
    void paintLegend(QPainter& painter, const Layout& layout) const;
    bool writePng(const QString& path);
    bool writeSvg(const QString& path);
    bool writePdf(const QString& path);

    MapRenderer* m_renderer;
    QString m_title;
    MapPageFormat m_format;
    QRectF m_extent;
};

}  // namespace bridgelc
