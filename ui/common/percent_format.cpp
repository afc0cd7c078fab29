#include "ui/common/percent_format.h"

#include <QLocale>

namespace bridgelc {

QString percentNumber(double fraction) {
    return QLocale().toString(100.0 * fraction, 'f', 1);
}

QString percentText(double fraction) {
    return percentNumber(fraction) + QStringLiteral(" %");
}

}  // namespace bridgelc
