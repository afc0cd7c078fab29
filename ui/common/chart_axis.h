#pragma once
#include <QList>
#include <QPointF>
#include <QString>

#include "core/train/training_observer.h"

class QAbstractAxis;
class QValueAxis;
class QXYSeries;

namespace bridgelc {

/// A "nice" tick interval (1, 2 or 5 times a power of ten) giving at most `maxTicks` ticks over `range`.
double niceTickInterval(double range, int maxTicks);

/// Lower and upper bound rounded outwards to multiples of `interval`.
struct NiceRange {
    double low = 0, high = 1;
};
NiceRange niceRange(double low, double high, double interval);

// Qt Charts lays out and redraws the chart on every setter call, even one that changes nothing. Live
// curves update every epoch, so these set only what differs.

void clearIfNotEmpty(QXYSeries* series);
void replaceIfChanged(QXYSeries* series, const QList<QPointF>& points);
void setRangeIfChanged(QAbstractAxis* axis, double low, double high);
/// Dynamic ticks anchored at 0, `interval` apart.
void setDynamicTicks(QValueAxis* axis, double interval);

/// Title of the axis that counts training steps: "Epoch", "Trees grown", "Boosting rounds".
QString stepAxisTitle(IterationUnit unit);
/// Where a run is, in its own unit: "Epoch 3 of 40", "52 of 130 trees", "Round 120 of 300".
QString stepCountText(const EpochReport& report);

}  // namespace bridgelc
