#pragma once
#include <QList>
#include <QString>

class QXYSeries;

namespace bridgelc {

/// Rich-text tooltip listing each series' value at one x (an epoch), with the series colour as a swatch and
/// the hovered series in bold. Scores (`percent`) get one decimal and "%", losses four significant digits.
QString seriesValuesTooltip(const QList<QXYSeries*>& series, const QXYSeries* hovered, int epoch,
                            bool percent);

}  // namespace bridgelc
