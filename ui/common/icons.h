#pragma once
#include <QColor>
#include <QIcon>
#include <QString>

#include "core/data/validation_report.h"

namespace bridgelc {

/// An icon drawn for the product, from resources/icons/<name>.svg (compiled into the binary).
QIcon productIcon(const QString& name);
/// The icon of a problem's severity (info, warning, fatal).
QIcon severityIcon(Severity severity);
/// A small filled square of `color`, for class and region legends in lists.
QIcon swatchIcon(const QColor& color, int size = 14);

}  // namespace bridgelc
