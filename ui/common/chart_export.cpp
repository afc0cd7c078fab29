#include "ui/common/chart_export.h"
#include <algorithm>

#include <QChart>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace bridgelc {

bool exportPainting(const QString& path, const QSize& size, const QString& title, int dpi,
                    const std::function<void(QPainter&)>& paint) {
    return exportPainting(path, size, title, QString(), dpi, paint);
}

bool exportPainting(const QString& path, const QSize& contentSize, const QString& title,
                    const QString& caption, int dpi, const std::function<void(QPainter&)>& paintContent) {
    if (contentSize.isEmpty()) return false;
    constexpr int kCaptionHeight = 30;
    const int band = caption.isEmpty() ? 0 : kCaptionHeight;
    const QSize size(contentSize.width(), contentSize.height() + band);
    const auto paint = [&](QPainter& painter) {
        if (band > 0) {
            painter.fillRect(QRect(0, 0, size.width(), band), Qt::white);
            QFont font = painter.font();
            font.setBold(true);
            font.setPointSizeF(std::max(9.0, font.pointSizeF()));
            painter.setFont(font);
            painter.setPen(Qt::black);
            painter.drawText(QRect(10, 0, size.width() - 20, band), Qt::AlignVCenter | Qt::AlignLeft,
                             QFontMetrics(font).elidedText(caption, Qt::ElideRight, size.width() - 20));
            painter.translate(0, band);
        }
        paintContent(painter);
    };
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
