#pragma once
#include <QSize>
#include <QString>

namespace bridgelc {

/// What `bridgelc-explorer --export-map` was asked for.
struct MapExportRequest {
    QString input;           ///< point file or saved run directory
    QString mode = "truth";  ///< truth | predicted | errors | confidence
    QString output;          ///< .png or .svg (by extension)
    QSize size{1600, 1000};  ///< pixels
    QString view = "eu";     ///< eu (EU-27 home view) | data (frame every point)
};

/// Renders the map of a request offscreen (no widget, no display needed) and writes it. Returns an empty
/// string on success, else a message naming the file (and line/column where the input is at fault).
QString exportMap(const MapExportRequest& request);

}  // namespace bridgelc
