#include "ui/map/point_raster.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ui/common/class_colors.h"

namespace bridgelc {

namespace {

// A perceptually ordered ramp (viridis stops) for confidences and probabilities.
QRgb rampColor(float value) {
    static const QRgb stops[] = {qRgb(68, 1, 84), qRgb(59, 82, 139), qRgb(33, 145, 140), qRgb(94, 201, 98),
                                 qRgb(253, 231, 37)};
    if (!(value == value)) return qRgb(150, 150, 150);
    const float t = std::clamp(value, 0.0f, 1.0f) * 4.0f;
    const int i = std::min(3, int(t));
    const float f = t - float(i);
    auto mix = [f](int a, int b) { return int(std::lround(a + (b - a) * f)); };
    return qRgb(mix(qRed(stops[i]), qRed(stops[i + 1])), mix(qGreen(stops[i]), qGreen(stops[i + 1])),
                mix(qBlue(stops[i]), qBlue(stops[i + 1])));
}

// Inside the area of applicability: yellow (like the training data) to teal at the threshold; outside: the
// ramp's dark purple end, apart from both for every colour-vision deficiency.
const QRgb kOutsideAoa = qRgb(68, 1, 84);

// `fraction` of the threshold (0..1), inside the area of applicability.
QRgb insideColor(double fraction) {
    return rampColor(float(1.0 - 0.6 * std::clamp(fraction, 0.0, 1.0)));
}

QRgb diColor(float di, double threshold) {
    if (!(di == di) || !(threshold > 0)) return qRgb(150, 150, 150);
    if (di > threshold) return kOutsideAoa;
    return insideColor(di / threshold);
}

const QRgb kCorrect = QRgb(0xff000000u | kCorrectRgb), kWrong = QRgb(0xff000000u | kWrongRgb),
           kUnknown = qRgb(150, 150, 150);

int classOf(const std::vector<int>& classes, std::size_t i) {
    return i < classes.size() ? classes[i] : -1;
}

float valueOf(const std::vector<float>& values, std::size_t i) {
    return i < values.size() ? values[i] : std::nanf("");
}

// Shown points with a known DI inside and outside the area of applicability, as both legends count them.
std::pair<std::int64_t, std::int64_t> shownInsideOutside(const MapPoints& points) {
    std::int64_t inside = 0, outside = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const float di = valueOf(points.di, i);
        if (points.isShown(i) && di == di) ++(di > points.diThreshold ? outside : inside);
    }
    return {inside, outside};
}

}  // namespace

std::vector<QRgb> pointColors(const MapPoints& points, PointColorMode mode) {
    std::vector<QRgb> palette;
    for (int c = 0; c < points.classNames.size(); ++c)
        palette.push_back(classColor(c, points.classNames[c]).rgb());
    auto classColorOf = [&](int c) { return c >= 0 && c < int(palette.size()) ? palette[c] : kUnknown; };
    std::vector<QRgb> out(points.size(), 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        switch (mode) {
            case PointColorMode::TrueClass:
                out[i] = classColorOf(classOf(points.trueClass, i));
                break;
            case PointColorMode::PredictedClass:
                out[i] = classColorOf(classOf(points.predictedClass, i));
                break;
            case PointColorMode::Correctness: {
                const int t = classOf(points.trueClass, i), p = classOf(points.predictedClass, i);
                out[i] = (t < 0 || p < 0) ? 0 : (t == p ? kCorrect : kWrong);
                break;
            }
            case PointColorMode::Confidence:
                out[i] = rampColor(valueOf(points.confidence, i));
                break;
            case PointColorMode::ClassProbability:
                out[i] = rampColor(valueOf(points.probability, i));
                break;
            case PointColorMode::Dissimilarity:
                out[i] = diColor(valueOf(points.di, i), points.diThreshold);
                break;
        }
    }
    return out;
}

std::vector<LegendEntry> pointLegend(const MapPoints& points, PointColorMode mode) {
    std::vector<LegendEntry> out;
    if (mode == PointColorMode::Confidence || mode == PointColorMode::ClassProbability) {
        for (const float v : {1.0f, 0.75f, 0.5f, 0.25f, 0.0f})
            out.push_back({QColor(rampColor(v)), QString::number(v, 'f', 2)});
        return out;
    }
    if (mode == PointColorMode::Dissimilarity) {
        const auto [inside, outside] = shownInsideOutside(points);
        const double t = points.diThreshold;
        out.push_back({QColor(insideColor(0.0)), QStringLiteral("DI 0 (like the training data)")});
        out.push_back({QColor(insideColor(0.5)), QStringLiteral("DI %1").arg(t / 2, 0, 'f', 2)});
        out.push_back(
            {QColor(insideColor(1.0)),
             QStringLiteral("DI %1 = threshold: inside the area of applicability").arg(t, 0, 'f', 2),
             inside});
        out.push_back({QColor(kOutsideAoa),
                       QStringLiteral("DI > %1: outside (do not trust)").arg(t, 0, 'f', 2), outside});
        return out;
    }
    if (mode == PointColorMode::Correctness) {
        std::int64_t right = 0, wrong = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!points.isShown(i)) continue;
            const int t = classOf(points.trueClass, i), p = classOf(points.predictedClass, i);
            if (t >= 0 && p >= 0) ++(t == p ? right : wrong);
        }
        out.push_back({QColor(kCorrect), QStringLiteral("correct"), right});
        out.push_back({QColor(kWrong), QStringLiteral("wrong"), wrong});
        return out;
    }
    const std::vector<int>& classes =
        mode == PointColorMode::TrueClass ? points.trueClass : points.predictedClass;
    std::vector<std::int64_t> counts(points.classNames.size(), 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const int c = classOf(classes, i);
        if (points.isShown(i) && c >= 0 && c < int(counts.size())) ++counts[c];
    }
    for (int c = 0; c < points.classNames.size(); ++c)
        if (points.isClassVisible(c))
            out.push_back({classColor(c, points.classNames[c]), points.classNames[c], counts[c]});
    return out;
}

std::optional<LegendSection> outsideAoaLegend(const MapPoints& points) {
    if (!points.markOutside || points.di.empty()) return std::nullopt;
    const auto [inside, outside] = shownInsideOutside(points);
    const QString threshold = QString::number(points.diThreshold, 'f', 2);
    LegendSection section;
    section.title = QStringLiteral("Outside the area of applicability");
    section.notes << QStringLiteral(
                         "Hollow: DI above the run's threshold %1, farther from the training data than "
                         "cross-validation tested; do not trust the prediction")
                         .arg(threshold);
    section.entries.push_back(
        {QColor(90, 90, 90), QStringLiteral("outside (DI > %1)").arg(threshold), outside, true});
    section.entries.push_back(
        {QColor(90, 90, 90), QStringLiteral("inside (DI ≤ %1)").arg(threshold), inside});
    section.order = 1;
    return section;
}

int pointRadiusFor(double metresPerPixel) {
    if (metresPerPixel > 1500) return 1;
    if (metresPerPixel > 300) return 2;
    return 3;
}

int hollowRadiusFor(double metresPerPixel) {
    return pointRadiusFor(metresPerPixel) + 2;
}

QImage rasterizePoints(const MapPoints& points, const std::vector<QRgb>& colors, const Viewport& area,
                       const std::atomic<int>* generation, int wanted, PointRasterStats* stats) {
    const int w = area.size().width(), h = area.size().height();
    QImage image(std::max(1, w), std::max(1, h), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    const int r = pointRadiusFor(area.metresPerPixel());
    // Disc offsets; from radius 2 on, the rim is drawn darker so touching dots of one class stay distinct.
    struct Offset {
        int dx, dy;
        bool rim;
    };
    std::vector<Offset> disc, ring;
    for (int dy = -r; dy <= r; ++dy)
        for (int dx = -r; dx <= r; ++dx) {
            const double d = std::hypot(dx, dy);
            if (d <= r + 0.35) disc.push_back({dx, dy, r >= 2 && d > r - 0.75});
        }
    // A hollow marker is a two-pixel ring, its colour inside a darker rim, around a hole at least as large
    // as a dot: the class colour stays readable and a pale colour still stands out on a pale background.
    const int rh = hollowRadiusFor(area.metresPerPixel());
    for (int dy = -rh; dy <= rh; ++dy)
        for (int dx = -rh; dx <= rh; ++dx) {
            const double d = std::hypot(dx, dy);
            if (d <= rh + 0.35 && d > rh - 1.5) ring.push_back({dx, dy, d > rh - 0.6});
        }
    const double inv = 1.0 / area.metresPerPixel();
    const double ox = area.centre().x() - w / 2.0 * area.metresPerPixel();
    const double oy = area.centre().y() + h / 2.0 * area.metresPerPixel();
    auto* bits = reinterpret_cast<QRgb*>(image.bits());
    const qsizetype stride = image.bytesPerLine() / 4;
    const double* xs = points.projected.x.data();
    const double* ys = points.projected.y.data();
    const std::size_t n = std::min(points.size(), colors.size());
    PointRasterStats counted;
    // Filled dots first, rings on top: a point outside the area of applicability is never hidden by one
    // inside it.
    for (const bool hollowPass : {false, true}) {
        if (hollowPass && !points.markOutside) break;
        const std::vector<Offset>& stamp = hollowPass ? ring : disc;
        const int extent = hollowPass ? rh : r;
        for (std::size_t i = 0; i < n; ++i) {
            if ((i & 0xFFFF) == 0 && generation && generation->load(std::memory_order_relaxed) != wanted)
                return {};
            const QRgb color = colors[i];
            if (color == 0 || (!points.shown.empty() && !points.shown[i])) continue;
            if (points.isHollow(i) != hollowPass) continue;
            const double fx = (xs[i] - ox) * inv, fy = (oy - ys[i]) * inv;
            if (!(fx > -extent - 1 && fx < w + extent + 1 && fy > -extent - 1 && fy < h + extent + 1))
                continue;  // also drops NaN
            ++(hollowPass ? counted.hollow : counted.filled);
            const int px = int(std::floor(fx)), py = int(std::floor(fy));
            const QRgb rim = hollowPass ? qRgb(qRed(color) / 2, qGreen(color) / 2, qBlue(color) / 2)
                             : r >= 2 ? qRgb(qRed(color) * 5 / 8, qGreen(color) * 5 / 8, qBlue(color) * 5 / 8)
                                      : color;
            const bool inside = px - extent >= 0 && py - extent >= 0 && px + extent < w && py + extent < h;
            for (const Offset& o : stamp) {
                const int x = px + o.dx, y = py + o.dy;
                if (!inside && (x < 0 || y < 0 || x >= w || y >= h)) continue;
                bits[y * stride + x] = o.rim ? rim : color;
            }
        }
    }
    if (stats) *stats = counted;
    return image;
}

}  // namespace bridgelc
