#pragma once
#include <QColor>
#include <QString>

namespace bridgelc {

/// The colour a land-cover class is drawn with everywhere in the application (map, confusion matrix, tables).
/// The eight LUCAS level-1 classes get the conventional land-cover colours whatever their position in the
/// list; any other class falls back to a qualitative palette (Tableau 20) indexed by `index`.
QColor classColor(int index, const QString& className);

/// The level-1 class (0..7, legend order A..H) a class name denotes, or -1; accepts the LUCAS letter code
/// ("C"), the English name ("Woodland") and common variants ("Wetlands", "Bareland", "Artificial").
int lucasLevel1ColorIndex(const QString& className);

}  // namespace bridgelc
