#include "ui/map/raster_layer.h"

#include <QFileInfo>
#include <QtConcurrent>

#include "ui/map/background_pool.h"
#include "ui/map/raster_source.h"

namespace bridgelc {

namespace {

RasterLayer::Read readArea(const std::shared_ptr<RasterSource>& source, const Viewport& area,
                           quint64 generation);

}  // namespace

RasterLayer* RasterLayer::open(const QString& path, QString* error, QObject* parent) {
    std::shared_ptr<RasterSource> source = RasterSource::open(path, error);
    return source ? new RasterLayer(std::move(source), parent) : nullptr;
}

RasterLayer::RasterLayer(std::shared_ptr<RasterSource> source, QObject* parent)
    : MapLayer(parent), m_source(std::move(source)) {
    connect(&m_watcher, &QFutureWatcher<Read>::finished, this, &RasterLayer::readFinished);
}

RasterLayer::~RasterLayer() {
    m_watcher.waitForFinished();  // the read holds the source; let it end before the layer goes
}

int RasterLayer::zValue() const {
    return mapz::Points - (isApplicabilityMask() ? 4 : 5);
}

bool RasterLayer::isApplicabilityMask() const {
    return m_source->isApplicabilityMask();
}

QString RasterLayer::name() const {
    return QFileInfo(m_source->path()).fileName();
}

std::optional<LegendSection> RasterLayer::legendSection() const {
    if (isApplicabilityMask()) {
        LegendSection s;
        s.order = 21;
        s.title = tr("Area of applicability: %1").arg(name());
        s.notes << tr("Hatched: cells whose DI is above the threshold %1, farther from the training data "
                      "than cross-validation tested; do not trust the predicted class there")
                       .arg(m_source->aoaThreshold(), 0, 'f', 2);
        s.squareSwatches = true;
        s.entries.push_back({QColor::fromRgba(kHatchRgba), tr("outside the area of applicability")});
        return s;
    }
    const QStringList classes = m_source->classNames();
    LegendSection s;
    s.order = 20;
    s.title = tr("Predicted raster: %1").arg(name());
    s.notes << tr("Class of each pixel, in the file's colours; no data is transparent.");
    s.squareSwatches = true;
    for (int c = 0; c < classes.size(); ++c)
        if (qAlpha(m_source->colour(c)) > 0)
            s.entries.push_back({QColor::fromRgba(m_source->colour(c)), classes[c]});
    if (s.entries.empty()) s.notes << tr("The file has no colour table: classes are not named.");
    return s;
}

QRectF RasterLayer::projectedBounds() const {
    return m_source->projectedBounds();
}

void RasterLayer::paint(QPainter& painter, const Viewport& viewport) {
    drawCachedImage(painter, m_image, m_area, viewport);
}

void RasterLayer::prepare(const Viewport& viewport) {
    if (!m_image.isNull() && m_area == viewport) return;
    if (m_requested && *m_requested == viewport) return;
    // Nothing of the raster on screen: show nothing, read nothing.
    if (!viewport.projectedRect().intersects(m_source->projectedBounds())) {
        if (!m_image.isNull()) m_image = QImage();
        return;
    }
    if (m_synchronous) {
        accept(readArea(m_source, viewport, ++m_generation));
        return;
    }
    m_requested = viewport;
    if (m_watcher.isRunning()) {
        m_pending = viewport;  // read when the running one ends; views in between are never read
        return;
    }
    startRead(viewport);
}

void RasterLayer::startRead(const Viewport& viewport) {
    const quint64 generation = ++m_generation;
    m_watcher.setFuture(QtConcurrent::run(backgroundPool(), [source = m_source, viewport, generation] {
        return readArea(source, viewport, generation);
    }));
}

void RasterLayer::readFinished() {
    const Read read = m_watcher.result();
    if (m_pending) {  // the view moved on while reading: this image is stale, read the latest view instead
        const Viewport next = *m_pending;
        m_pending.reset();
        startRead(next);
        return;
    }
    m_requested.reset();
    if (read.generation == m_generation) accept(read);
}

void RasterLayer::accept(const Read& read) {
    m_lastReadMs = read.milliseconds;
    if (!read.error.isEmpty()) {
        Q_EMIT readFailed(read.error);
        return;
    }
    m_image = read.image;
    m_area = read.area;
    Q_EMIT changed();
}

QString RasterLayer::describe(QPointF projectedMetres) const {
    const RasterSource::Pixel pixel = m_source->sample(projectedMetres);
    if (!pixel.inside) return {};
    if (pixel.nodata) return tr("No data");
    const QStringList names = m_source->classNames();
    QString text =
        pixel.classIndex < names.size() ? names[pixel.classIndex] : tr("Class %1").arg(pixel.classIndex);
    if (pixel.confidencePercent >= 0) text += tr(" — confidence %1 %").arg(pixel.confidencePercent);
    return text;
}

QString RasterLayer::hoverText(QPointF projectedMetres) const {
    const QString text = describe(projectedMetres);
    return text.isEmpty()
               ? text
               : QStringLiteral("<b>%1</b><br>%2").arg(name().toHtmlEscaped(), text.toHtmlEscaped());
}

namespace {

// The mask's outside cells (opaque in its colour table; inside and nodata are transparent) become diagonal
// hatching in screen pixels: two pixels of every six, so the land cover beneath shows between the lines.
void hatchOutside(QImage& image) {
    image = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x)
            line[x] = qAlpha(line[x]) > 0 && (x + y) % 6 < 2 ? RasterLayer::kHatchRgba : 0u;
    }
}

RasterLayer::Read readArea(const std::shared_ptr<RasterSource>& source, const Viewport& area,
                           quint64 generation) {
    RasterLayer::Read read;
    QElapsedTimer timer;
    timer.start();
    read.image = source->render(area, &read.error);
    if (source->isApplicabilityMask() && !read.image.isNull()) hatchOutside(read.image);
    read.area = area;
    read.generation = generation;
    read.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return read;
}

}  // namespace

}  // namespace bridgelc
