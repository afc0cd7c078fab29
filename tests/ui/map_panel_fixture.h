#pragma once
// The real LUCAS table and short runs on it, for the Map tab's tests and screenshots: a 2-epoch MLP is enough
// to give real predictions, errors and a held-out region without loading the machine.
#include <QElapsedTimer>
#include <QThread>
#include <memory>
#include <stdexcept>
#include <string>

#include "core/data/point_reader.h"
#include "core/geo/regions.h"
#include "core/run/training_run.h"
#include "core/split/split.h"
#include "tests/ui/ui_test_support.h"
#include "ui/jobs/training_request.h"
#include "ui/map/map_panel.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/point_layer.h"
#include "ui/map/region_layer.h"

namespace bridgelc::test {

inline DatasetPtr loadRealTable() {
    LoadResult result = loadPoints(realTable().toStdString());
    if (!result.dataset) throw std::runtime_error(result.report.fatalMessage());
    return std::make_shared<const Dataset>(std::move(*result.dataset));
}

inline TrainingSettings shortSettings(int epochs = 2) {
    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = epochs;
    settings.earlyStopping = false;
    settings.threads = 1;
    settings.seed = 7;
    return settings;
}

/// Trains `model` under `scenario` exactly as the training worker does (the first split of the scenario).
inline RunResult shortRun(const Dataset& dataset, Scenario scenario, const std::string& region = {},
                          const std::string& model = "mlp", int epochs = 2) {
    ScenarioOptions options;
    options.scenario = scenario;
    options.seed = shortSettings(epochs).seed;
    if (scenario == Scenario::Loro) options.heldOutRegion = regionIndex(region);
    const Split split = scenarioSplits(dataset, options).front();
    TrainingObserver quiet;
    RunResult run = trainAndEvaluate(dataset, split, model, shortSettings(epochs), quiet);
    if (run.status != RunStatus::Completed || !run.model)
        throw std::runtime_error("training failed: " + run.message);
    return run;
}

/// A Map panel of `size`, shown (offscreen), with nothing loaded yet.
inline std::unique_ptr<MapPanel> shownMapPanel(QSize size) {
    auto panel = std::make_unique<MapPanel>();
    panel->resize(size);
    panel->show();
    return panel;
}

/// Processes events until the panel has no background work left (and the map's renders landed).
inline bool waitIdle(MapPanel& panel, int timeoutMs = 120000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!panel.isBusy()) {
            QCoreApplication::processEvents();
            if (!panel.isBusy()) return true;
        }
        QThread::msleep(5);
    }
    return false;
}

/// Waits for the panel's jobs and the map's renders of the current view (points, background, regions), so a
/// grab shows what a user would see once the map has settled.
inline void settleMap(MapPanel& panel) {
    QVERIFY(waitIdle(panel));
    MapView* view = panel.mapView();
    QElapsedTimer timer;
    timer.start();
    do {
        view->grab();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    } while ((view->renderer()->pointLayer()->isRendering() || view->renderer()->isRenderingBackground() ||
              view->renderer()->backgroundRenderCount() == 0 || !RegionLayer::isLoaded()) &&
             timer.elapsed() < 60000);
    QCoreApplication::processEvents();
}

}  // namespace bridgelc::test
