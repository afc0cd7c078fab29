#include "ui/map/pe_layer.h"

#include <QElapsedTimer>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/embed/pca.h"
#include "core/geo/laea_projection.h"
#include "core/model/learned_representations.h"
#include "core/model/model.h"
#include "ui/jobs/background_task.h"
#include "ui/map/basemap_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

namespace {

// The grid's frame around the EU-27 and the United Kingdom in EPSG:3035 metres (550 x 470 cells of 10 km);
// only cells on the surveyed countries' land are coloured: beyond them the encoding would extrapolate to
// places no point was sampled from, and the picture would end at the basemap's clip edge.
const QRectF kExtent(QPointF(2.30e6, 0.90e6), QPointF(7.80e6, 5.60e6));
// The colours are computed per cell and then smoothly enlarged this many times before the land mask cuts
// them, so coastlines stay sharp at 2.5 km per pixel.
constexpr int kUpscale = 4;
constexpr std::size_t kChunk = 8192;

/// Maps image pixels of `metres` per pixel to EPSG:3035 (image row 0 at the extent's north edge).
QTransform imageToProjected(const QRectF& extent, double metres) {
    return QTransform(metres, 0, 0, -metres, extent.left(), extent.bottom());
}

/// Land of the surveyed countries (1:10m basemap) rasterised at `metres` per pixel, antialiased (alpha =
/// share of land).
QImage landMask(const QRectF& extent, double metres, QSize size) {
    QImage mask(size, QImage::Format_ARGB32_Premultiplied);
    mask.fill(Qt::transparent);
    QPainter painter(&mask);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(imageToProjected(extent, metres).inverted());
    painter.fillPath(BasemapLayer::geometry(BasemapLayer::Detail::Fine10m)->surveyed, Qt::black);
    return mask;
}

/// Scales values to 0..255 between their 2nd and 98th percentiles, so a few extreme cells do not wash out
/// the rest.
std::vector<int> toChannel(const FloatMatrix& scores, std::size_t column) {
    std::vector<float> sorted(scores.rows);
    for (std::size_t i = 0; i < scores.rows; ++i)
        sorted[i] = scores.at(i, column);
    std::sort(sorted.begin(), sorted.end());
    const float lo = sorted[sorted.size() * 2 / 100], hi = sorted[sorted.size() * 98 / 100];
    std::vector<int> channel(scores.rows);
    for (std::size_t i = 0; i < scores.rows; ++i) {
        const double t = hi > lo ? (scores.at(i, column) - lo) / (hi - lo) : 0.5;
        channel[i] = static_cast<int>(std::lround(255.0 * std::clamp(t, 0.0, 1.0)));
    }
    return channel;
}

/// Gives transparent pixels next to coloured ones their neighbours' mean colour, so the smooth enlargement
/// does not fade the coast before the land mask cuts it.
void growColours(QImage& image, int passes) {
    for (int pass = 0; pass < passes; ++pass) {
        const QImage before = image;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                if (qAlpha(before.pixel(x, y)) != 0) continue;
                int r = 0, g = 0, b = 0, count = 0;
                for (const QPoint d : {QPoint(1, 0), QPoint(-1, 0), QPoint(0, 1), QPoint(0, -1)}) {
                    const QPoint p(x + d.x(), y + d.y());
                    if (!before.valid(p) || qAlpha(before.pixel(p)) == 0) continue;
                    const QRgb c = before.pixel(p);
                    r += qRed(c), g += qGreen(c), b += qBlue(c), ++count;
                }
                if (count) image.setPixel(x, y, qRgba(r / count, g / count, b / count, 255));
            }
    }
}

PeLayer::Grid computeGrid(const Model& model, TaskFeedback& feedback) {
    QElapsedTimer timer;
    timer.start();
    const double cell = PeLayer::kCellMetres;
    const QSize size(static_cast<int>(std::ceil(kExtent.width() / cell)),
                     static_cast<int>(std::ceil(kExtent.height() / cell)));
    // Every cell that touches land: coastal cells too, so the colours reach the coastline.
    const QImage mask = landMask(kExtent, cell, size);
    std::vector<QPoint> cells;
    std::vector<double> lon, lat;
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x)
            if (qAlpha(mask.pixel(x, y)) > 0) {
                cells.emplace_back(x, y);
                lon.push_back(kExtent.left() + (x + 0.5) * cell);
                lat.push_back(kExtent.bottom() - (y + 0.5) * cell);
            }
    LaeaProjection().inverse(lon.data(), lat.data(), lon.size());  // in place: metres -> degrees
    feedback.setProgress(5);

    FloatMatrix encoding;
    for (std::size_t start = 0; start < cells.size(); start += kChunk) {
        if (feedback.isCanceled()) return {};
        const std::size_t length = std::min(kChunk, cells.size() - start);
        const FloatMatrix part = learnedLocationEncoding(model, &lon[start], &lat[start], length);
        if (part.empty()) throw std::runtime_error("the model returned no location encoding");
        if (encoding.empty()) encoding = FloatMatrix(cells.size(), part.cols);
        std::copy(part.values.begin(), part.values.end(),
                  encoding.values.begin() + static_cast<std::ptrdiff_t>(start * part.cols));
        feedback.setProgress(5 +
                             75.0 * static_cast<double>(start + length) / static_cast<double>(cells.size()));
    }
    if (feedback.isCanceled()) return {};
    const PcaResult fit = pca(encoding, 3);
    PeLayer::Grid grid;
    for (std::size_t i = 0; i < 3; ++i)
        grid.explained[i] = fit.explainedVarianceRatio[i];
    const std::vector<int> red = toChannel(fit.scores, 0), green = toChannel(fit.scores, 1),
                           blue = toChannel(fit.scores, 2);
    QImage coarse(size, QImage::Format_ARGB32_Premultiplied);  // opaque or empty: both forms agree
    coarse.fill(Qt::transparent);
    for (std::size_t i = 0; i < cells.size(); ++i)
        coarse.setPixel(cells[i], qRgba(red[i], green[i], blue[i], 255));
    growColours(coarse, 2);
    feedback.setProgress(90);

    const QSize fineSize = size * kUpscale;
    QImage image = coarse.scaled(fineSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    {
        // Land only: keep each pixel in proportion to the land it covers (the mask's alpha).
        QPainter painter(&image);
        painter.setCompositionMode(QPainter::CompositionMode_DestinationIn);
        painter.drawImage(0, 0, landMask(kExtent, cell / kUpscale, fineSize));
    }
    grid.image = std::move(image);
    grid.extent = kExtent;
    grid.cells = static_cast<int>(cells.size());
    grid.seconds = static_cast<double>(timer.nsecsElapsed()) * 1e-9;
    return grid;
}

}  // namespace

PeLayer* PeLayer::create(std::shared_ptr<const Model> model, QObject* parent) {
    if (!model || !model->isTrained() || !hasLearnedLocationEncoding(*model)) return nullptr;
    return new PeLayer(std::move(model), parent);
}

PeLayer::PeLayer(std::shared_ptr<const Model> model, QObject* parent)
    : MapLayer(parent),
      m_model(std::move(model)),
      m_modelName(QString::fromStdString(m_model->info().displayName)),
      m_task(new BackgroundTask(this)) {
    connect(m_task, &BackgroundTask::progressChanged, this, [this](double percent) {
        m_progress = percent;
        Q_EMIT changed();
    });
    start();
}

PeLayer::~PeLayer() = default;

void PeLayer::start() {
    std::shared_ptr<const Model> model = m_model;
    m_task->start([this, model](TaskFeedback& feedback) -> BackgroundTask::Completion {
        Grid grid;
        QString error;
        try {
            grid = computeGrid(*model, feedback);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        return [this, grid = std::move(grid), error] {
            if (!error.isEmpty() || grid.image.isNull()) {
                m_error = error.isEmpty() ? tr("no land cells in the grid") : error;
                Q_EMIT changed();
                Q_EMIT failed(m_error);
                return;
            }
            m_grid = grid;
            Q_EMIT changed();
            Q_EMIT ready();
        };
    });
}

bool PeLayer::isComputing() const {
    return m_task->isRunning();
}

void PeLayer::waitForReady() {
    m_task->waitForFinished();
}

void PeLayer::setOpacity(double opacity) {
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    Q_EMIT changed();
}

QString PeLayer::caption() const {
    const QString title = tr("Learned location encoding, PC1–3 as RGB");
    if (!m_error.isEmpty())
        return title + QLatin1Char('\n') + tr("%1: could not compute: %2").arg(m_modelName, m_error);
    if (!isReady())
        return title + QLatin1Char('\n') + tr("%1: computing… %2 %").arg(m_modelName).arg(qRound(m_progress));
    const auto percent = [](double share) { return QString::number(100.0 * share, 'f', 0); };
    return title + QLatin1Char('\n') +
           tr("%1 · variance explained: PC1 %2 %, PC2 %3 %, PC3 %4 %")
               .arg(m_modelName, percent(m_grid.explained[0]), percent(m_grid.explained[1]),
                    percent(m_grid.explained[2])) +
           QLatin1Char('\n') + tr("Land only, 10 km grid · similar colour = similar encoding");
}

void PeLayer::paint(QPainter& painter, const Viewport& viewport) {
    if (isReady()) {
        painter.save();
        painter.setOpacity(m_opacity);
        const double pixelMetres = kCellMetres / kUpscale;
        // Enlarged pixels are interpolated; shrunk ones need not be (the colours vary slowly).
        painter.setRenderHint(QPainter::SmoothPixmapTransform, viewport.metresPerPixel() < pixelMetres);
        painter.setTransform(
            imageToProjected(m_grid.extent, pixelMetres) * viewport.projectedToScreenTransform(), true);
        painter.drawImage(0, 0, m_grid.image);
        painter.restore();
    }
}

std::optional<LegendSection> PeLayer::legendSection() const {
    QStringList lines = caption().split(QLatin1Char('\n'));
    LegendSection s;
    s.order = 20;
    s.title = lines.takeFirst();
    s.notes = lines;
    s.squareSwatches = true;
    if (isReady()) {
        // Which component drives which primary colour.
        const QColor key[3] = {QColor(220, 30, 30), QColor(30, 170, 30), QColor(40, 70, 230)};
        for (int i = 0; i < 3; ++i)
            s.entries.push_back({key[i], tr("PC%1 → %2")
                                             .arg(i + 1)
                                             .arg(i == 0   ? tr("red")
                                                  : i == 1 ? tr("green")
                                                           : tr("blue"))});
    }
    return s;
}

}  // namespace bridgelc
