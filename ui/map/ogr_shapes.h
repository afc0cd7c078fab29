#pragma once
#include <QPainterPath>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <vector>

namespace bridgelc {

/// One polygon feature of a vector file, projected to EPSG:3035 once: the outline as a path in metres
/// (y = northing, so the viewport's transform flips it), the requested attributes and a point inside it
/// for a label.
struct OgrShape {
    QPainterPath path;
    /// The rings as lines to stroke, without the straight edges a clip window left along the layer's extent
    /// (e.g. the 45E cut through Russia, which is no border or coast).
    QPainterPath outline;
    QStringList values;  ///< the requested fields, in the order asked
    QPointF labelPoint;  ///< EPSG:3035 point on the feature's largest part
    double area = 0;     ///< square metres of the largest part (label priority)
    /// Every part's label point (EPSG:3035) and area (square metres), largest first: a layer may place its
    /// label on the largest part inside its area of interest instead.
    std::vector<std::pair<QPointF, double>> parts;
};

/// Reads every (multi)polygon feature of `path` (GeoJSON, GeoPackage, Shapefile: anything OGR opens) in
/// WGS84 and projects it. Throws std::runtime_error naming the file when it cannot be read.
std::vector<OgrShape> readProjectedShapes(const QString& path, const QStringList& fields);

}  // namespace bridgelc
