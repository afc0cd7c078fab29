#pragma once
#include <QObject>

class QAction;
class QWidget;

namespace bridgelc {

/// Every command of the main window as a QAction with its icon, shortcut and tip, created once and shared by
/// the menus and the toolbar. Owns no behaviour: MainWindow connects the actions.
class MainActions : public QObject {
    Q_OBJECT
public:
    explicit MainActions(QWidget* window);

    QAction* open;           ///< File ▸ Open… (Ctrl+O)
    QAction* sample;         ///< File ▸ Open built-in sample
    QAction* raster;         ///< File ▸ Add land-cover raster to the map…
    QAction* predictRaster;  ///< File ▸ Predict a raster with this model… (Ctrl+Shift+P)
    QAction* quit;           ///< File ▸ Quit (Ctrl+Q)
    QAction* train;          ///< Train (Ctrl+R)
    QAction* stop;           ///< Stop (Esc); reads "Stopping…" while the trainer winds down
    QAction* runAll;         ///< Run every model on EXTRAP and every LORO fold
    QAction* settings;       ///< Training settings dialog
    QAction* about;          ///< About box with data attributions
    QAction* guide;          ///< Help ▸ User guide (F1)
    QAction* keys;           ///< Help ▸ Keyboard shortcuts (Ctrl+/)

    /// Every action above, in menu order (the shortcut list reads them).
    QList<QAction*> all() const;

    /// Sets the Stop action's text and state for "not training", "training" or "stopping".
    void showStopState(bool training, bool stopping);
};

}  // namespace bridgelc
