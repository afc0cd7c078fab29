#include "ui/views/metrics_bar_delegate.h"

#include <QPainter>
#include <algorithm>

namespace bridgelc {

void MetricsBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    const QVariant score = index.data(Qt::UserRole);
    if (score.isValid()) {
        const double fraction = std::clamp(score.toDouble() / 100.0, 0.0, 1.0);
        // The bar fills the cell left of the right-aligned number, so the two never overlap.
        const double textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("100.0")) + 12;
        const QRectF cell = QRectF(option.rect).adjusted(4, 5, -textWidth, -5);
        const QRectF bar(cell.left(), cell.top(), std::max(0.0, cell.width()) * fraction, cell.height());
        // Hue from red (poor) through amber to green (good), pale enough to keep the text readable.
        const QColor color = QColor::fromHsvF(0.33 * fraction, 0.45, 0.97);
        painter->save();
        if (option.state & QStyle::State_Selected) painter->fillRect(option.rect, option.palette.highlight());
        painter->fillRect(bar, color);
        painter->restore();
        QStyleOptionViewItem plain = option;
        plain.backgroundBrush = Qt::NoBrush;
        plain.state &= ~QStyle::State_Selected;
        QStyledItemDelegate::paint(painter, plain, index);
        return;
    }
    QStyledItemDelegate::paint(painter, option, index);
}

}  // namespace bridgelc
