#include "ui/window/main_actions.h"

#include <QAction>
#include <QKeySequence>
#include <QWidget>

#include "ui/common/icons.h"

namespace bridgelc {
namespace {

QAction* make(QWidget* window, const QIcon& icon, const QString& text, const QKeySequence& shortcut,
              const QString& tip) {
    auto* action = new QAction(icon, text, window);
    if (!shortcut.isEmpty()) action->setShortcut(shortcut);
    action->setToolTip(shortcut.isEmpty()
                           ? tip
                           : QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    window->addAction(action);  // shortcuts work even when the toolbar is hidden
    return action;
}

}  // namespace

MainActions::MainActions(QWidget* window) : QObject(window) {
    open = make(window, productIcon("open"), tr("&Open…"), QKeySequence::Open,
                tr("Open a point file (CSV, GeoPackage, GeoJSON, Shapefile)"));
    sample =
        make(window, productIcon("sample"), tr("Open built-in &sample"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Open the built-in synthetic EU-27 sample"));
    raster = make(window, {}, tr("Add &raster to the map…"), {},
                  tr("Show a predicted land-cover GeoTIFF (bridgelc predict-raster) as a layer of the map"));
    predictRaster = make(window, {}, tr("&Predict a raster with this model…"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                         tr("Predict every pixel of a feature stack (GeoTIFF, VRT) with the shown model into "
                            "a land-cover GeoTIFF and show it on the map"));
    quit = make(window, {}, tr("&Quit"), QKeySequence::Quit, tr("Quit BRIDGE-LC Explorer"));
    train = make(window, productIcon("train"), tr("&Train"), QKeySequence(Qt::CTRL | Qt::Key_R),
                 tr("Train the chosen model under the chosen scenario"));
    stop = make(window, productIcon("stop"), tr("&Stop"), QKeySequence(Qt::Key_Escape),
                tr("Stop training and keep the best model so far"));
    runAll =
        make(window, productIcon("run_all"), tr("Run &all…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
             tr("Train models on EXTRAP and every LORO fold, one after another"));
    settings =
        make(window, productIcon("settings"), tr("Training &settings…"),
             QKeySequence(Qt::CTRL | Qt::Key_Comma), tr("Hyper-parameters: epochs, learning rate, presets…"));
    about = make(window, {}, tr("&About BRIDGE-LC Explorer"), {}, tr("Version, method and data sources"));
    guide = make(window, {}, tr("User &guide"), QKeySequence(Qt::Key_F1),
                 tr("How to use BRIDGE-LC Explorer: data, scenarios, reading the results"));
    keys = make(window, {}, tr("&Keyboard shortcuts"), QKeySequence(Qt::CTRL | Qt::Key_Slash),
                tr("Every keyboard shortcut of the application"));
    settings->setIconText(tr("Settings"));  // the toolbar's short label; menus keep the full text
    train->setEnabled(false);
    runAll->setEnabled(false);
    predictRaster->setEnabled(false);  // until a result with a model is shown
    showStopState(false, false);
}

QList<QAction*> MainActions::all() const {
    return {open, sample, raster, predictRaster, quit, train, stop, runAll, settings, guide, keys, about};
}

void MainActions::showStopState(bool training, bool stopping) {
    stop->setText(stopping ? tr("Stopping…") : tr("&Stop"));
    stop->setEnabled(training && !stopping);
}

}  // namespace bridgelc
