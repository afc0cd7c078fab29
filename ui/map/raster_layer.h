#pragma once
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QImage>
#include <memory>
#include <optional>

#include "ui/map/map_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

class RasterSource;

/// A predicted land-cover GeoTIFF on the map, under the points: classes in the file's colour table, nodata
/// transparent. The visible area is read and warped to EPSG:3035 off the GUI thread by GDAL (from the
/// overview matching the zoom); paint() only draws the last image, and reads overtaken by a newer view are
/// dropped. Hovering asks describe() for the class and confidence under the pointer.
class RasterLayer : public MapLayer {
    Q_OBJECT
public:
    /// Opens a land-cover GeoTIFF (e.g. from `bridgelc predict-raster`) as a layer; nullptr and `error`
    /// (naming the file) when GDAL cannot read it or it has no georeference.
    static RasterLayer* open(const QString& path, QString* error = nullptr, QObject* parent = nullptr);
    ~RasterLayer() override;

    void paint(QPainter& painter, const Viewport& viewport) override;
    /// Above the background (basemap, regions) and under the points; an area-of-applicability mask above
    /// the land cover it belongs to.
    int zValue() const override;
    QString name() const override;
    /// Starts reading the viewport's pixels off the GUI thread unless the cached image already shows it.
    void prepare(const Viewport& viewport) override;

    /// "Forest — confidence 87 %" for the pixel at an EPSG:3035 point; "No data" on nodata, empty outside.
    QString describe(QPointF projectedMetres) const;
    /// The file's name in bold and describe()'s text, for the map's tooltip; empty outside the raster.
    QString hoverText(QPointF projectedMetres) const override;
    /// The raster's classes with the colours of its colour table (titled by the file), under the points'
    /// legend.
    std::optional<LegendSection> legendSection() const override;
    /// An area-of-applicability mask (RasterSource::isApplicabilityMask): its cells outside are drawn
    /// hatched, so the land cover under them stays readable, and its inside cells not at all.
    bool isApplicabilityMask() const;
    /// Colour of the hatching of cells outside the area of applicability.
    static constexpr QRgb kHatchRgba = 0xE6282828u;
    /// The raster's extent in EPSG:3035 metres (to frame it with Viewport::fit).
    QRectF projectedBounds() const;
    const RasterSource& source() const { return *m_source; }

    /// Reads on the calling thread in prepare() (export, tests).
    void setSynchronous(bool synchronous) { m_synchronous = synchronous; }
    /// The viewport the shown image was read for, and how long the last read took.
    std::optional<Viewport> imageArea() const {
        return m_image.isNull() ? std::nullopt : std::optional(m_area);
    }
    double lastReadMilliseconds() const { return m_lastReadMs; }

    /// One finished read of a viewport's pixels.
    struct Read {
        QImage image;
        Viewport area;
        QString error;
        double milliseconds = 0;
        quint64 generation = 0;
    };

Q_SIGNALS:
    /// A read failed (GDAL's message, naming the file).
    void readFailed(const QString& message);

private:
    explicit RasterLayer(std::shared_ptr<RasterSource> source, QObject* parent);
    void startRead(const Viewport& viewport);
    void readFinished();
    void accept(const Read& read);

    std::shared_ptr<RasterSource> m_source;
    QFutureWatcher<Read> m_watcher;
    QImage m_image;
    Viewport m_area;
    std::optional<Viewport> m_requested;  ///< the view being read or waiting for the running read to end
    std::optional<Viewport> m_pending;
    quint64 m_generation = 0;
    double m_lastReadMs = 0;
    bool m_synchronous = false;
};

}  // namespace bridgelc
