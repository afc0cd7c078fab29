#include "ui/common/chart_tooltip.h"

#include <QCoreApplication>
#include <QPen>
#include <QStringList>
#include <QXYSeries>
#include <algorithm>

namespace bridgelc {

QString seriesValuesTooltip(const QList<QXYSeries*>& series, const QXYSeries* hovered, int epoch,
                            bool percent) {
    QStringList lines{QCoreApplication::translate("CurvesView", "<b>Epoch %1</b>").arg(epoch)};
    for (const QXYSeries* s : series) {
        const QList<QPointF> points = s->points();
        const auto it = std::find_if(points.begin(), points.end(),
                                     [epoch](const QPointF& p) { return qRound(p.x()) == epoch; });
        if (it == points.end()) continue;
        const QString value = percent ? QString::number(it->y(), 'f', 1) + QStringLiteral(" %")
                                      : QString::number(it->y(), 'g', 4);
        QString line = QStringLiteral("<span style='color:%1'>&#9632;</span> %2: %3")
                           .arg(s->pen().color().name(), s->name().toHtmlEscaped(), value);
        if (s == hovered) line = QStringLiteral("<b>%1</b>").arg(line);
        lines << line;
    }
    return lines.join(QStringLiteral("<br>"));
}

}  // namespace bridgelc
