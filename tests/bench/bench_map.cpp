// Map speed at 1600x1000 with 300,000 and 1,000,000 points (the real 70k LUCAS locations repeated with a
// jitter of up to 2 km, so density and clustering are Europe's): a pan step served from the cached point
// image, a full redraw of the point image (what the render thread does), and a hover lookup.
// Targets (DESIGN section 9): pan <= 16 ms, full redraw of 300k <= 40 ms, hover <= 0.1 ms.
#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QThread>
#include <map>
#include <memory>
#include <random>

#include "core/data/point_reader.h"
#include "core/geo/point_index.h"
#include "ui/map/map_points_loader.h"
#include "ui/map/map_renderer.h"
#include "ui/map/point_layer.h"
#include "ui/map/point_raster.h"

namespace bridgelc {
namespace {

const QSize kScreen(1600, 1000);

std::shared_ptr<const MapPoints> pointsOf(std::size_t n) {
    static std::shared_ptr<const MapPoints> real;
    static std::map<std::size_t, std::shared_ptr<const MapPoints>> made;
    if (!real) {
        LoadResult result = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2.csv");
        if (!result.dataset) throw std::runtime_error(result.report.fatalMessage());
        real = std::make_shared<const MapPoints>(mapPointsFromDataset(*result.dataset, "real"));
    }
    auto& slot = made[n];
    if (slot) return slot;
    auto points = std::make_shared<MapPoints>();
    points->classNames = real->classNames;
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> jitter(-2000.0, 2000.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = i % real->size();
        points->projected.x.push_back(real->projected.x[j] + (i < real->size() ? 0 : jitter(rng)));
        points->projected.y.push_back(real->projected.y[j] + (i < real->size() ? 0 : jitter(rng)));
        points->trueClass.push_back(real->trueClass[j]);
    }
    slot = points;
    return slot;
}

void BM_FullRedraw(benchmark::State& state) {
    const auto points = pointsOf(std::size_t(state.range(0)));
    const auto colors = pointColors(*points, PointColorMode::TrueClass);
    const Viewport area = PointLayer::cacheAreaFor(Viewport::euHome(kScreen));
    for (auto _ : state)
        benchmark::DoNotOptimize(rasterizePoints(*points, colors, area).constBits());
    state.counters["image_px"] = area.size().width() * area.size().height();
}

void BM_FullRedrawScreenOnly(benchmark::State& state) {
    const auto points = pointsOf(std::size_t(state.range(0)));
    const auto colors = pointColors(*points, PointColorMode::TrueClass);
    const Viewport area = Viewport::euHome(kScreen);
    for (auto _ : state)
        benchmark::DoNotOptimize(rasterizePoints(*points, colors, area).constBits());
}

void BM_ColorsForMode(benchmark::State& state) {
    const auto points = pointsOf(std::size_t(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(pointColors(*points, PointColorMode::TrueClass).data());
}

void BM_PanStepFromCache(benchmark::State& state) {
    const auto points = pointsOf(std::size_t(state.range(0)));
    PointLayer layer;
    layer.setPoints(points);
    Viewport viewport = Viewport::euHome(kScreen);
    QImage screen(kScreen, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&screen);
        layer.paint(painter, viewport);  // starts the background render
    }
    QElapsedTimer wait;
    wait.start();
    while ((layer.isRendering() || layer.renderCount() == 0) && wait.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
    const int renders = layer.renderCount();
    int step = 0;
    for (auto _ : state) {
        // Back and forth by 8 px: a drag's mouse-move step, always inside the cached area.
        viewport.panByPixels((step++ % 2) ? QPointF(-8, -3) : QPointF(8, 3));
        screen.fill(Qt::transparent);
        QPainter painter(&screen);
        layer.paint(painter, viewport);
    }
    if (layer.renderCount() != renders || layer.isRendering())
        state.SkipWithError("a pan step rendered points");
}

// The whole frame of a pan step as the widget paints it: basemap, regions, graticule, cached points, legend,
// scale bar, attribution.
void BM_WholeFramePanStep(benchmark::State& state) {
    MapRenderer renderer;
    renderer.setPoints(pointsOf(std::size_t(state.range(0))));
    Viewport viewport = Viewport::euHome(kScreen);
    QImage screen(kScreen, QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&screen);
        renderer.paint(painter, viewport);
    }
    QElapsedTimer wait;
    wait.start();
    while ((renderer.pointLayer()->isRendering() || renderer.pointLayer()->renderCount() == 0 ||
            renderer.isRenderingBackground() || renderer.backgroundRenderCount() == 0) &&
           wait.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(1);
    }
    const int renders = renderer.pointLayer()->renderCount() + renderer.backgroundRenderCount();
    int step = 0;
    for (auto _ : state) {
        viewport.panByPixels((step++ % 2) ? QPointF(-8, -3) : QPointF(8, 3));
        QPainter painter(&screen);
        renderer.paint(painter, viewport);
    }
    QCoreApplication::processEvents();
    if (renderer.pointLayer()->renderCount() + renderer.backgroundRenderCount() != renders ||
        renderer.isRenderingBackground() || renderer.pointLayer()->isRendering())
        state.SkipWithError("a pan step rendered points or background");
}

void BM_HoverLookup(benchmark::State& state) {
    const auto points = pointsOf(std::size_t(state.range(0)));
    const PointIndex index(points->projected);
    const Viewport viewport = Viewport::euHome(kScreen);
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> sx(0, kScreen.width()), sy(0, kScreen.height());
    std::vector<QPointF> queries;
    for (int i = 0; i < 4096; ++i)
        queries.push_back(viewport.screenToProjected(QPointF(sx(rng), sy(rng))));
    const double radius = 6.0 * viewport.metresPerPixel();
    std::size_t q = 0, hits = 0;
    for (auto _ : state) {
        const QPointF& p = queries[q++ % queries.size()];
        hits += index.nearest(p.x(), p.y(), radius) >= 0;
    }
    state.counters["hit_rate"] = double(hits) / double(std::max<std::size_t>(1, q));
}

void BM_IndexBuild(benchmark::State& state) {
    const auto points = pointsOf(std::size_t(state.range(0)));
    for (auto _ : state)
        benchmark::DoNotOptimize(PointIndex(points->projected).size());
}

BENCHMARK(BM_PanStepFromCache)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WholeFramePanStep)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullRedraw)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FullRedrawScreenOnly)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ColorsForMode)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HoverLookup)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_IndexBuild)->Arg(300000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bridgelc

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);  // QPainter and the render thread's QFutureWatcher need one
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
