#pragma once
#include <QStyledItemDelegate>

namespace bridgelc {

/// Draws a score cell (0..100 in Qt::UserRole, text as usual) over a bar as long as the score, so weak
/// classes and regions stand out when scanning a column.
class MetricsBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

}  // namespace bridgelc
