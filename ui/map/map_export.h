#pragma once
#include <QSize>
#include <QString>

namespace bridgelc {

/// What `bridgelc-explorer --export-map` was asked for.
struct MapExportRequest {
    QString input;           ///< point file or saved run directory
    QString mode = "truth";  ///< truth | predicted | errors | confidence
    QString output;          ///< .png, .svg or .pdf (by extension)
    QSize size{1600, 1000};  ///< the page in pixels at `dpi`
    double dpi = 96;         ///< resolution: fixes the physical page size (SVG, PDF, the PNG's DPI)
    QString view = "eu";     ///< eu (EU-27 home view) | data (frame every point)
};

/// The figure's title for `input`: for a run directory, the run as the app names it (model · scenario, with
/// the held-out region · seed — on dataset file · fingerprint) from its config.json; else the file name.
QString mapExportTitle(const QString& input);

/// Renders the map of a request offscreen, laid out for the page (MapPage: title, map, legend beside or
/// under it, credits) (no widget, no display needed) and writes it. Returns an empty
/// string on success, else a message naming the file (and line/column where the input is at fault).
QString exportMap(const MapExportRequest& request);

}  // namespace bridgelc
