#pragma once
#include <QImage>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <memory>
#include <mutex>

#include "ui/map/viewport.h"

typedef void* GDALDatasetH;

namespace bridgelc {

/// A land-cover GeoTIFF read through GDAL for the map: band 1 holds class indices with a colour table and
/// category names, an optional band described "confidence" holds the winning class's probability in percent.
/// render() is safe on any thread (each call opens its own GDAL handle); sample() is serialised.
class RasterSource {
public:
    /// One pixel under the pointer.
    struct Pixel {
        bool inside = false;  ///< within the raster's extent
        bool nodata = false;  ///< inside, but no class (e.g. sea, or an input band's nodata)
        int classIndex = -1;
        int confidencePercent = -1;  ///< -1: the file has no confidence band (or nodata there)
    };

    ~RasterSource();
    /// Opens `path`; on failure returns nullptr and sets `error` to a sentence naming the file.
    static std::shared_ptr<RasterSource> open(const QString& path, QString* error);

    QString path() const { return m_path; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    /// The raster's extent in EPSG:3035 metres (the box around its edges).
    QRectF projectedBounds() const { return m_bounds; }
    QStringList classNames() const { return m_classNames; }
    /// ARGB of a class index (nodata and indices without an entry: fully transparent).
    QRgb colour(int index) const { return index >= 0 && index < m_colours.size() ? m_colours[index] : 0u; }
    int overviewCount() const { return m_overviews; }
    /// True for the area-of-applicability mask `bridgelc predict-raster --aoa` writes beside a land-cover
    /// raster (1 inside, 0 outside; its metadata holds the threshold).
    bool isApplicabilityMask() const { return m_aoaThreshold >= 0; }
    /// The mask's DI threshold; -1 for other rasters.
    double aoaThreshold() const { return m_aoaThreshold; }

    /// The raster warped to EPSG:3035 for `area` (its size in pixels), from the overview GDAL picks for that
    /// resolution, nearest neighbour; classes in their colours, nodata and outside transparent. Null image
    /// and `error` set when GDAL fails.
    QImage render(const Viewport& area, QString* error = nullptr) const;
    /// The full-resolution pixel at an EPSG:3035 point.
    Pixel sample(QPointF projectedMetres) const;

private:
    RasterSource() = default;

    QString m_path;
    int m_width = 0, m_height = 0, m_overviews = 0;
    int m_confidenceBand = 0;  ///< 0: none
    double m_aoaThreshold = -1;
    bool m_hasNodata = false;
    int m_nodata = 255;
    QRectF m_bounds;
    QStringList m_classNames;
    QVector<QRgb> m_colours;
    double m_inverse[6] = {};  ///< projected-in-the-raster's-CRS -> pixel
    mutable std::mutex m_sampleMutex;
    GDALDatasetH m_sampleDataset =
        nullptr;                 ///< the handle sample() reads through (GDAL handles are per thread)
    void* m_toRaster = nullptr;  ///< OGRCoordinateTransformationH EPSG:3035 -> raster CRS
};

}  // namespace bridgelc
