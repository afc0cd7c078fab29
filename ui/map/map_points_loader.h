#pragma once
#include <QString>
#include <optional>

#include "core/data/dataset.h"
#include "ui/map/map_points.h"

namespace bridgelc {

/// MapPoints of a dataset: projected coordinates, true classes, ids; no predictions. `title` names it.
MapPoints mapPointsFromDataset(const Dataset& dataset, const QString& title);

/// Reads what a map can show from `path`: a point file (CSV, GeoPackage, ...: true classes) or a saved run
/// directory (its predictions.csv: true and predicted classes, confidence; the test points). Returns nothing
/// and sets `error` (naming the file, and line where known) when it cannot.
std::optional<MapPoints> loadMapPoints(const QString& path, QString* error);

}  // namespace bridgelc
