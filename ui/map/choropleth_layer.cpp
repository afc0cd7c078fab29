#include "ui/map/choropleth_layer.h"

#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>

#include "ui/map/basemap_layer.h"
#include "ui/map/region_layer.h"
#include "ui/map/viewport.h"

namespace bridgelc {

void ChoroplethLayer::setScores(std::vector<RegionScore> scores, const QString& title) {
    {
        QMutexLocker lock(&m_mutex);
        m_scores = std::move(scores);
        m_title = title;
    }
    Q_EMIT changed();
}

std::vector<RegionScore> ChoroplethLayer::scores() const {
    QMutexLocker lock(&m_mutex);
    return m_scores;
}

QString ChoroplethLayer::title() const {
    QMutexLocker lock(&m_mutex);
    return m_title;
}

std::pair<double, double> ChoroplethLayer::range() const {
    // A fixed scale, so two maps compare and one region alone is not stretched over the whole ramp. Scores of
    // land-cover models rarely fall below 0.4; one that does widens the scale down to the next tenth.
    double lo = kScaleLow;
    for (const RegionScore& s : scores())
        lo = std::min(lo, std::floor(s.value * 10.0 + 1e-9) / 10.0);
    return {std::max(0.0, lo), kScaleHigh};
}

QColor ChoroplethLayer::rampColor(double value, std::pair<double, double> range) {
    // ColorBrewer YlGnBu (sequential, colour-blind safe): pale = low score, dark blue = high. Its hues stay
    // apart from the land-cover class colours drawn on top.
    static const std::array<QColor, 5> stops = {QColor(255, 255, 204), QColor(161, 218, 180),
                                                QColor(65, 182, 196), QColor(44, 127, 184),
                                                QColor(37, 52, 148)};
    const double span = range.second - range.first;
    double t = span > 0 ? (value - range.first) / span : 0.5;
    t = std::clamp(t, 0.0, 1.0) * double(stops.size() - 1);
    const int i = std::min(int(t), int(stops.size()) - 2);
    const double f = t - i;
    auto mix = [f](int a, int b) { return int(std::lround(a + (b - a) * f)); };
    return QColor(mix(stops[i].red(), stops[i + 1].red()), mix(stops[i].green(), stops[i + 1].green()),
                  mix(stops[i].blue(), stops[i + 1].blue()));
}

QColor ChoroplethLayer::colorOf(const QString& code) const {
    const auto r = range();
    for (const RegionScore& s : scores())
        if (s.code == code) return rampColor(s.value, r);
    return {};
}

void ChoroplethLayer::paint(QPainter& painter, const Viewport& viewport) {
    const std::vector<RegionScore> all = scores();
    if (all.empty()) return;
    const auto r = range();
    const QTransform toScreen = viewport.projectedToScreenTransform();
    const QRectF visible = viewport.projectedRect();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(toScreen, true);
    // On the surveyed countries' land only: the 10 km cells step out over the sea, and a LORO score of LUCAS
    // points says nothing of the region's part in Belarus or Norway.
    painter.setClipPath(BasemapLayer::clipGeometry(viewport)->surveyed);
    painter.setPen(Qt::NoPen);
    for (const RegionLayer::Region& region : RegionLayer::regions()) {
        if (!region.path.boundingRect().intersects(visible)) continue;
        for (const RegionScore& s : all) {
            if (s.code != region.code) continue;
            QColor fill = rampColor(s.value, r);
            fill.setAlpha(190);
            painter.setBrush(fill);
            painter.drawPath(region.path);
        }
    }
    painter.restore();
}

}  // namespace bridgelc
