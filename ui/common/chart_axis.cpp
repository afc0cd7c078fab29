#include "ui/common/chart_axis.h"

#include <QCoreApplication>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QXYSeries>
#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace bridgelc {

double niceTickInterval(double range, int maxTicks) {
    if (!(range > 0) || maxTicks < 1) return 1;
    const double raw = range / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw) return factor * magnitude;
    }
    return 10 * magnitude;
}

NiceRange niceRange(double low, double high, double interval) {
    if (!(interval > 0)) return {low, high};
    return {std::floor(low / interval) * interval, std::ceil(high / interval) * interval};
}

void clearIfNotEmpty(QXYSeries* series) {
    if (series->count() > 0) series->clear();
}

void replaceIfChanged(QXYSeries* series, const QList<QPointF>& points) {
    if (series->points() != points) series->replace(points);
}

void setRangeIfChanged(QAbstractAxis* axis, double low, double high) {
    if (auto* value = qobject_cast<QValueAxis*>(axis)) {
        if (value->min() != low || value->max() != high) value->setRange(low, high);
    } else if (auto* log = qobject_cast<QLogValueAxis*>(axis)) {
        if (log->min() != low || log->max() != high) log->setRange(low, high);
    } else {
        axis->setRange(low, high);
    }
}

void setDynamicTicks(QValueAxis* axis, double interval) {
    if (axis->tickType() != QValueAxis::TicksDynamic) axis->setTickType(QValueAxis::TicksDynamic);
    if (axis->tickAnchor() != 0) axis->setTickAnchor(0);
    if (axis->tickInterval() != interval) axis->setTickInterval(interval);
}

QString stepAxisTitle(IterationUnit unit) {
    switch (unit) {
        case IterationUnit::Tree:
            return QCoreApplication::translate("bridgelc", "Trees grown");
        case IterationUnit::BoostingRound:
            return QCoreApplication::translate("bridgelc", "Boosting rounds");
        case IterationUnit::Epoch:
            break;
    }
    return QCoreApplication::translate("bridgelc", "Epoch");
}

QString stepCountText(const EpochReport& report) {
    const int planned = std::max(report.epochs, report.epoch);
    switch (report.unit) {
        case IterationUnit::Tree:
            return QCoreApplication::translate("bridgelc", "%1 of %2 trees").arg(report.epoch).arg(planned);
        case IterationUnit::BoostingRound:
            return QCoreApplication::translate("bridgelc", "Round %1 of %2").arg(report.epoch).arg(planned);
        case IterationUnit::Epoch:
            break;
    }
    return QCoreApplication::translate("bridgelc", "Epoch %1 of %2").arg(report.epoch).arg(planned);
}

}  // namespace bridgelc
