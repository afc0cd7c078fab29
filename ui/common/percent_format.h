#pragma once
#include <QString>

namespace bridgelc {

/// A share as every view writes it: percent with one decimal in the user's locale, 0.9086 -> "90.9".
QString percentNumber(double fraction);
/// The same with its unit: 0.9086 -> "90.9 %".
QString percentText(double fraction);

}  // namespace bridgelc
