#include "ui/common/class_colors.h"

#include "core/data/class_palette.h"

namespace bridgelc {

QColor classColor(int index, const QString& className) {
    return QColor(QRgb(classRgb(index, className.toStdString())));
}

}  // namespace bridgelc
