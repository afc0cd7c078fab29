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
    QStringList values;  ///< the requested fields, in the order asked
    QPointF labelPoint;  ///< EPSG:3035 point on the feature's largest part
    double area = 0;     ///< square metres of the largest part (label priority)
};

/// Reads every (multi)polygon feature of `path` (GeoJSON, GeoPackage, Shapefile: anything OGR opens) in
/// WGS84 and projects it. Throws std::runtime_error naming the file when it cannot be read.
std::vector<OgrShape> readProjectedShapes(const QString& path, const QStringList& fields);

}  // namespace bridgelc
