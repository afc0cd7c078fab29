#include "ui/common/chart_export.h"

#include <QChart>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace bridgelc {

bool exportPainting(const QString& path, const QSize& size, const QString& title, int dpi,
                    const std::function<void(QPainter&)>& paint) {
    if (size.isEmpty()) return false;
    // QSaveFile writes a temporary beside `path` and renames it on commit(): a failed or killed export never
    // leaves half a figure over an earlier one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setResolution(dpi);
        generator.setTitle(title);
        QPainter painter;
        if (!painter.begin(&generator)) return false;
        paint(painter);
        return painter.end() && file.size() > 0 && file.commit();
    }
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(painter);
    painter.end();
    return image.save(&file, QFileInfo(path).suffix().toLatin1().constData()) && file.commit();
}

void paintChartsStacked(QPainter& painter, const QSize& size, const QList<QChart*>& charts) {
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    if (charts.isEmpty()) return;
    const double height = double(size.height()) / charts.size();
    for (int i = 0; i < charts.size(); ++i) {
        QChart* chart = charts[i];
        const QRectF target(0, i * height, size.width(), height);
        const QSizeF old = chart->size();
        chart->resize(target.size());
        chart->layout()->activate();
        chart->scene()->render(&painter, target, QRectF(chart->pos(), target.size()));
        chart->resize(old);
        chart->layout()->activate();
    }
}

}  // namespace bridgelc
