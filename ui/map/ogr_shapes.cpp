#include "ui/map/ogr_shapes.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "core/geo/laea_projection.h"

namespace bridgelc {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

// True when the edge from (x0, y0) to (x1, y1) runs along one side of `extent`: a cut made by clipping the
// data to a window, not a real border or coast.
bool onExtentSide(double x0, double y0, double x1, double y1, const OGREnvelope& extent) {
    constexpr double eps = 1e-7;
    auto same = [](double a, double b, double v) { return std::abs(a - v) < eps && std::abs(b - v) < eps; };
    return same(x0, x1, extent.MinX) || same(x0, x1, extent.MaxX) || same(y0, y1, extent.MinY) ||
           same(y0, y1, extent.MaxY);
}

// Adds one ring to `path` (and, without its clip edges, to `outline`) and returns its projected shoelace area
// (for picking the label's part). Edges longer than a quarter degree (the straight cuts of a clip window) get
// intermediate points, so they follow the curved parallels and meridians of the projection instead of cutting
// chords across it.
double addRing(const OGRLinearRing& ring, const LaeaProjection& projection, const OGREnvelope& extent,
               QPainterPath& path, QPainterPath& outline) {
    const int n = ring.getNumPoints();
    if (n < 3) return 0;
    std::vector<double> x, y;
    std::vector<char> drawn;  // whether the outline runs from the previous point to this one
    x.reserve(n);
    y.reserve(n);
    drawn.reserve(n);
    for (int i = 0; i < n; ++i) {
        bool cut = false;
        if (i > 0) {
            const double dx = ring.getX(i) - ring.getX(i - 1), dy = ring.getY(i) - ring.getY(i - 1);
            cut = onExtentSide(ring.getX(i - 1), ring.getY(i - 1), ring.getX(i), ring.getY(i), extent);
            const int steps = int(std::ceil(std::max(std::abs(dx), std::abs(dy)) / 0.25));
            for (int k = 1; k < steps; ++k) {
                x.push_back(ring.getX(i - 1) + dx * k / steps);
                y.push_back(ring.getY(i - 1) + dy * k / steps);
                drawn.push_back(!cut);
            }
        }
        x.push_back(ring.getX(i));
        y.push_back(ring.getY(i));
        drawn.push_back(i > 0 && !cut);
    }
    projection.forward(x.data(), y.data(), x.size());
    const std::size_t m = x.size();
    double area = 0;
    bool started = false, penDown = false;
    for (std::size_t i = 0; i < m; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
            penDown = false;
            continue;
        }
        if (!started) {
            path.moveTo(x[i], y[i]);
            started = true;
        } else {
            path.lineTo(x[i], y[i]);
        }
        if (penDown && drawn[i])
            outline.lineTo(x[i], y[i]);
        else
            outline.moveTo(x[i], y[i]);
        penDown = true;
        const std::size_t j = (i + 1) % m;
        if (std::isfinite(x[j]) && std::isfinite(y[j])) area += x[i] * y[j] - x[j] * y[i];
    }
    path.closeSubpath();
    return std::abs(area) / 2;
}

void addPolygon(const OGRPolygon& polygon, const LaeaProjection& projection, const OGREnvelope& extent,
                OgrShape& shape) {
    const OGRLinearRing* exterior = polygon.getExteriorRing();
    if (!exterior) return;
    QPainterPath part;
    part.setFillRule(Qt::OddEvenFill);
    const double area = addRing(*exterior, projection, extent, part, shape.outline);
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i)
        addRing(*polygon.getInteriorRing(i), projection, extent, part, shape.outline);
    shape.path.addPath(part);
    // A point surely inside the part (GEOS when available), else the middle of its box.
    QPointF label = part.boundingRect().center();
    OGRPoint inside;
    if (polygon.PointOnSurface(&inside) == OGRERR_NONE) {
        double px = inside.getX(), py = inside.getY();
        projection.forward(&px, &py, 1);
        if (std::isfinite(px) && std::isfinite(py)) label = QPointF(px, py);
    }
    shape.parts.emplace_back(label, area);
    if (area > shape.area) {
        shape.area = area;
        shape.labelPoint = label;
    }
}

}  // namespace

std::vector<OgrShape> readProjectedShapes(const QString& path, const QStringList& fields) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset, DatasetCloser> dataset(static_cast<GDALDataset*>(
        GDALOpenEx(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!dataset || dataset->GetLayerCount() < 1)
        throw std::runtime_error("cannot read map layer " + path.toStdString() + ": " + CPLGetLastErrorMsg());
    OGRLayer* layer = dataset->GetLayer(0);
    OGREnvelope extent;
    if (layer->GetExtent(&extent, TRUE) != OGRERR_NONE) extent = OGREnvelope();
    const LaeaProjection projection;
    std::vector<OgrShape> shapes;
    layer->ResetReading();
    while (OGRFeature* raw = layer->GetNextFeature()) {
        std::unique_ptr<OGRFeature> feature(raw);
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry) continue;
        OgrShape shape;
        shape.path.setFillRule(Qt::OddEvenFill);
        const auto type = wkbFlatten(geometry->getGeometryType());
        if (type == wkbPolygon) {
            addPolygon(*geometry->toPolygon(), projection, extent, shape);
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* polygon : *geometry->toMultiPolygon())
                addPolygon(*polygon, projection, extent, shape);
        } else {
            continue;
        }
        // GEOS puts the label inside the widest part of the whole feature (not on a small island).
        if (OGRGeometryH inside =
                OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(geometry)))) {
            if (!OGR_G_IsEmpty(inside)) {
                double px = OGR_G_GetX(inside, 0), py = OGR_G_GetY(inside, 0);
                projection.forward(&px, &py, 1);
                if (std::isfinite(px) && std::isfinite(py)) shape.labelPoint = QPointF(px, py);
            }
            OGR_G_DestroyGeometry(inside);
        }
        std::sort(shape.parts.begin(), shape.parts.end(),
                  [](const auto& a, const auto& b) { return a.second > b.second; });
        for (const QString& field : fields) {
            const int index = feature->GetFieldIndex(field.toUtf8().constData());
            shape.values << (index >= 0 ? QString::fromUtf8(feature->GetFieldAsString(index)) : QString());
        }
        shapes.push_back(std::move(shape));
    }
    return shapes;
}

}  // namespace bridgelc
