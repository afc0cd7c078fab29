#pragma once
#include <QColor>
#include <QObject>
#include <QString>

#include "core/data/class_palette.h"

namespace bridgelc {

/// The colour a land-cover class is drawn with everywhere in the application (map, confusion matrix, tables),
/// in the palette the user chose (colour-safe by default): the eight LUCAS level-1 classes (as
/// lucasLevel1IndexOfClass() recognises them) get their land-cover colours whatever their position in the
/// list; any other class a qualitative colour indexed by `index`.
QColor classColor(int index, const QString& className);

/// The palette classColor() uses; read once from the settings ("colours/classPalette").
ClassPalette currentClassPalette();
/// Chooses the palette for views drawn from now on, keeps it in the settings and, when it changed, tells
/// every view through ClassPaletteNotifier::paletteChanged().
void setCurrentClassPalette(ClassPalette palette);
/// What the user calls a palette (menus, legends).
QString classPaletteName(ClassPalette palette);

/// Announces a change of the class palette on the GUI thread, so every view that draws class colours redraws
/// with the new ones without the window wiring each of them.
class ClassPaletteNotifier : public QObject {
    Q_OBJECT
public:
    /// The one notifier of the application (created on first use, lives as long as the application).
    static ClassPaletteNotifier* instance();

Q_SIGNALS:
    /// classColor() now answers from another palette (currentClassPalette()).
    void paletteChanged();

private:
    using QObject::QObject;
    friend void setCurrentClassPalette(ClassPalette palette);
};

/// Correct and wrong predictions on the map and in its legend (blue / orange, safe for colour blindness).
QColor correctColor();
QColor wrongColor();

}  // namespace bridgelc
