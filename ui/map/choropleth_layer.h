#pragma once
#include <QColor>
#include <QMutex>
#include <QString>
#include <utility>
#include <vector>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// One region's score on a choropleth.
struct RegionScore {
    QString code;  ///< EEA region code, e.g. "ATL"
    double value;  ///< e.g. the weighted F1 of the LORO run that held this region out (mean over runs)
    int runs = 1;  ///< runs averaged
};

/// Biogeographical regions coloured by a score (e.g. each held-out region by its LORO weighted F1) on a
/// sequential ramp, on land only. Regions without a score stay uncoloured. Drawn into the cached background
/// (below the region outlines, so a held-out region's hatch stays on top); its legend and the value labels of
/// the regions are a ChoroplethLegendLayer, above the points.
class ChoroplethLayer : public MapLayer {
    Q_OBJECT
public:
    explicit ChoroplethLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Choropleth; }
    QString name() const override { return tr("Region scores"); }
    bool isBackground() const override { return true; }

    /// Replaces the scores; `title` says what they are ("Weighted F1 of the held-out region, MLP, 3 seeds").
    void setScores(std::vector<RegionScore> scores, const QString& title);
    std::vector<RegionScore> scores() const;
    QString title() const;
    /// The ramp's fixed ends, kScaleLow to kScaleHigh (lower only when a score is below kScaleLow).
    std::pair<double, double> range() const;
    static constexpr double kScaleLow = 0.4, kScaleHigh = 1.0;
    /// The colour of `value` on the ramp over `range` (opaque; the layer fills with some transparency).
    static QColor rampColor(double value, std::pair<double, double> range);
    /// The fill colour of a region, invalid when it has no score.
    QColor colorOf(const QString& code) const;

private:
    mutable QMutex m_mutex;  // read by the background render thread
    std::vector<RegionScore> m_scores;
    QString m_title;
};

}  // namespace bridgelc
