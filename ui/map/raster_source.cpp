#include "ui/map/raster_source.h"

#include <cpl_string.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <vector>

namespace bridgelc {

namespace {

QString gdalMessage() {
    const char* message = CPLGetLastErrorMsg();
    return message && *message ? QString::fromUtf8(message) : QStringLiteral("unknown GDAL error");
}

OGRSpatialReferenceH traditionalSrs() {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

}  // namespace

RasterSource::~RasterSource() {
    if (m_toRaster) OCTDestroyCoordinateTransformation(static_cast<OGRCoordinateTransformationH>(m_toRaster));
    if (m_sampleDataset) GDALClose(m_sampleDataset);
}

std::shared_ptr<RasterSource> RasterSource::open(const QString& path, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = QStringLiteral("%1: %2").arg(path, why);
        return nullptr;
    };
    GDALAllRegister();
    CPLErrorReset();
    GDALDatasetH dataset =
        GDALOpenEx(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!dataset) return fail(QStringLiteral("cannot open as a raster (%1)").arg(gdalMessage()));
    std::shared_ptr<RasterSource> source(new RasterSource);
    source->m_path = path;
    source->m_sampleDataset = dataset;
    source->m_width = GDALGetRasterXSize(dataset);
    source->m_height = GDALGetRasterYSize(dataset);
    double transform[6];
    const char* wkt = GDALGetProjectionRef(dataset);
    if (GDALGetGeoTransform(dataset, transform) != CE_None || !wkt || !*wkt)
        return fail(
            QStringLiteral("has no georeference (geotransform and CRS), so it cannot be placed on the map"));
    if (!GDALInvGeoTransform(transform, source->m_inverse))
        return fail(QStringLiteral("has a degenerate geotransform"));
    GDALRasterBandH classes = GDALGetRasterBand(dataset, 1);
    if (GDALGetRasterDataType(classes) != GDT_Byte)
        return fail(QStringLiteral("band 1 is not 8-bit class indices (is it a land-cover map?)"));
    int hasNodata = 0;
    const double nodata = GDALGetRasterNoDataValue(classes, &hasNodata);
    source->m_hasNodata = hasNodata != 0;
    source->m_nodata = hasNodata ? static_cast<int>(nodata) : -1;
    source->m_overviews = GDALGetOverviewCount(classes);
    source->m_colours.fill(0u, 256);
    if (GDALColorTableH table = GDALGetRasterColorTable(classes)) {
        for (int i = 0; i < std::min(256, GDALGetColorEntryCount(table)); ++i) {
            const GDALColorEntry* e = GDALGetColorEntry(table, i);
            source->m_colours[i] = qRgba(e->c1, e->c2, e->c3, e->c4);
        }
    } else {  // no colour table: grey levels, so the map still shows the classes apart
        for (int i = 0; i < 256; ++i)
            source->m_colours[i] = qRgb(i, i, i);
    }
    if (source->m_hasNodata && source->m_nodata >= 0 && source->m_nodata < 256)
        source->m_colours[source->m_nodata] = 0u;
    if (const char* threshold = GDALGetMetadataItem(dataset, "AOA_THRESHOLD", nullptr)) {
        bool ok = false;
        const double value = QString::fromUtf8(threshold).toDouble(&ok);
        if (ok && value >= 0) source->m_aoaThreshold = value;
        // GeoTIFF colour maps have no alpha: the mask's inside (1) must not cover the land cover beneath.
        if (source->isApplicabilityMask()) source->m_colours[1] = 0u;
    }
    if (char** names = GDALGetRasterCategoryNames(classes))
        for (int i = 0; names[i]; ++i)
            source->m_classNames << QString::fromUtf8(names[i]);
    for (int b = 2; b <= GDALGetRasterCount(dataset); ++b)
        if (QString::fromUtf8(GDALGetDescription(GDALGetRasterBand(dataset, b))) ==
            QLatin1String("confidence"))
            source->m_confidenceBand = b;

    OGRSpatialReferenceH rasterSrs = traditionalSrs(), laea = traditionalSrs();
    OSRImportFromWkt(rasterSrs, const_cast<char**>(&wkt));
    OSRImportFromEPSG(laea, 3035);
    OGRCoordinateTransformationH toLaea = OCTNewCoordinateTransformation(rasterSrs, laea);
    source->m_toRaster = OCTNewCoordinateTransformation(laea, rasterSrs);
    OSRDestroySpatialReference(rasterSrs);
    OSRDestroySpatialReference(laea);
    if (!toLaea || !source->m_toRaster) {
        if (toLaea) OCTDestroyCoordinateTransformation(toLaea);
        return fail(QStringLiteral("its CRS cannot be transformed to EPSG:3035 (%1)").arg(gdalMessage()));
    }
    const double x0 = transform[0], y0 = transform[3];
    const double x1 = x0 + transform[1] * source->m_width + transform[2] * source->m_height;
    const double y1 = y0 + transform[4] * source->m_width + transform[5] * source->m_height;
    double minX, minY, maxX, maxY;
    const bool ok = OCTTransformBounds(toLaea, std::min(x0, x1), std::min(y0, y1), std::max(x0, x1),
                                       std::max(y0, y1), &minX, &minY, &maxX, &maxY, 21);
    OCTDestroyCoordinateTransformation(toLaea);
    if (!ok) return fail(QStringLiteral("its extent cannot be transformed to EPSG:3035"));
    source->m_bounds = QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
    return source;
}

QImage RasterSource::render(const Viewport& area, QString* error) const {
    const QSize size = area.size();
    if (size.isEmpty()) return {};
    GDALDatasetH dataset =
        GDALOpenEx(m_path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
    if (!dataset) {
        if (error) *error = m_path + QStringLiteral(": ") + gdalMessage();
        return {};
    }
    const QRectF r = area.projectedRect();
    // gdalwarp's defaults do the rest: the overview nearest the target resolution (-ovr AUTO), and the
    // destination starts as nodata, so outside the raster stays transparent.
    const QByteArray nodata = QByteArray::number(m_hasNodata ? m_nodata : 255);
    const QList<QByteArray> words = {"-of",
                                     "MEM",
                                     "-t_srs",
                                     "EPSG:3035",
                                     "-te",
                                     QByteArray::number(r.left(), 'f', 3),
                                     QByteArray::number(r.top(), 'f', 3),
                                     QByteArray::number(r.right(), 'f', 3),
                                     QByteArray::number(r.bottom(), 'f', 3),
                                     "-ts",
                                     QByteArray::number(size.width()),
                                     QByteArray::number(size.height()),
                                     "-r",
                                     "near",
                                     "-dstnodata",
                                     nodata,
                                     "-q"};
    CPLStringList argv;
    for (const QByteArray& w : words)
        argv.AddString(w.constData());
    GDALWarpAppOptions* options = GDALWarpAppOptionsNew(argv.List(), nullptr);
    int usageError = 0;
    GDALDatasetH warped = GDALWarp("", nullptr, 1, &dataset, options, &usageError);
    GDALWarpAppOptionsFree(options);
    QImage image;
    if (warped) {
        std::vector<unsigned char> classes(static_cast<std::size_t>(size.width()) * size.height());
        if (GDALRasterIO(GDALGetRasterBand(warped, 1), GF_Read, 0, 0, size.width(), size.height(),
                         classes.data(), size.width(), size.height(), GDT_Byte, 0, 0) == CE_None) {
            image = QImage(size, QImage::Format_ARGB32);
            for (int y = 0; y < size.height(); ++y) {
                auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
                const unsigned char* in = classes.data() + static_cast<std::size_t>(y) * size.width();
                for (int x = 0; x < size.width(); ++x)
                    line[x] = m_colours[in[x]];
            }
        }
        GDALClose(warped);
    }
    if (image.isNull() && error) *error = m_path + QStringLiteral(": ") + gdalMessage();
    GDALClose(dataset);
    return image;
}

RasterSource::Pixel RasterSource::sample(QPointF projectedMetres) const {
    Pixel pixel;
    std::lock_guard<std::mutex> lock(m_sampleMutex);
    double x = projectedMetres.x(), y = projectedMetres.y();
    if (!OCTTransform(static_cast<OGRCoordinateTransformationH>(m_toRaster), 1, &x, &y, nullptr))
        return pixel;
    const double px = m_inverse[0] + x * m_inverse[1] + y * m_inverse[2];
    const double py = m_inverse[3] + x * m_inverse[4] + y * m_inverse[5];
    if (!(px >= 0 && py >= 0 && px < m_width && py < m_height)) return pixel;
    pixel.inside = true;
    unsigned char value = 0;
    const int col = static_cast<int>(px), row = static_cast<int>(py);
    if (GDALRasterIO(GDALGetRasterBand(m_sampleDataset, 1), GF_Read, col, row, 1, 1, &value, 1, 1, GDT_Byte,
                     0, 0) != CE_None)
        return pixel;
    if (m_hasNodata && value == m_nodata) {
        pixel.nodata = true;
        return pixel;
    }
    pixel.classIndex = value;
    if (m_confidenceBand > 0) {
        GDALRasterBandH band = GDALGetRasterBand(m_sampleDataset, m_confidenceBand);
        int hasNodata = 0;
        const double nodata = GDALGetRasterNoDataValue(band, &hasNodata);
        unsigned char confidence = 0;
        if (GDALRasterIO(band, GF_Read, col, row, 1, 1, &confidence, 1, 1, GDT_Byte, 0, 0) == CE_None &&
            !(hasNodata && confidence == nodata))
            pixel.confidencePercent = confidence;
    }
    return pixel;
}

}  // namespace bridgelc
