#include "ui/common/icons.h"

#include <QPainter>
#include <QPixmap>

// The resources live in a static library; referencing their initialiser keeps the linker from dropping them.
static void initProductResources() {
    Q_INIT_RESOURCE(resources);
}

namespace bridgelc {

QIcon productIcon(const QString& name) {
    static const bool initialised = (initProductResources(), true);
    Q_UNUSED(initialised);
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

QIcon severityIcon(Severity severity) {
    switch (severity) {
        case Severity::Info:
            return productIcon(QStringLiteral("info"));
        case Severity::Warning:
            return productIcon(QStringLiteral("warning"));
        case Severity::Fatal:
            return productIcon(QStringLiteral("fatal"));
    }
    return {};
}

QIcon swatchIcon(const QColor& color, int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color.darker(150), 1));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 2, 2);
    return QIcon(pixmap);
}

}  // namespace bridgelc
