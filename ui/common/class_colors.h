#pragma once
#include <QColor>
#include <QString>

namespace bridgelc {

/// The colour a land-cover class is drawn with everywhere in the application (map, confusion matrix, tables).
/// The eight LUCAS level-1 classes (as lucasLevel1IndexOfClass() recognises them) get the conventional
/// land-cover colours whatever their position in the list; any other class falls back to a qualitative
/// palette (Tableau 20) indexed by `index`.
QColor classColor(int index, const QString& className);

}  // namespace bridgelc
