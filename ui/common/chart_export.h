#pragma once
#include <QList>
#include <QSize>
#include <QString>
#include <functional>

class QChart;
class QPainter;

namespace bridgelc {

/// Writes what `paint` draws on a `size` canvas to `path`: SVG (vector, through QSvgGenerator) when the
/// suffix is .svg, otherwise a raster image at twice the size so it stays sharp in documents. False if
/// writing failed.
bool exportPainting(const QString& path, const QSize& size, const QString& title, int dpi,
                    const std::function<void(QPainter&)>& paint);
/// The same with `caption` (e.g. whose result it is: model, scenario, seed, dataset) as a title line above
/// the painting, so a figure pasted into a paper still says what it shows. No line when `caption` is empty.
bool exportPainting(const QString& path, const QSize& size, const QString& title, const QString& caption,
                    int dpi, const std::function<void(QPainter&)>& paint);

/// Draws charts stacked top to bottom in equal heights over a white background, each laid out at its export
/// size (the charts are resized back afterwards, so their views are unaffected).
void paintChartsStacked(QPainter& painter, const QSize& size, const QList<QChart*>& charts);

}  // namespace bridgelc
