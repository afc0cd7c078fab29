#include "ui/common/class_colors.h"

#include <QCoreApplication>
#include <QSettings>
#include <atomic>

namespace bridgelc {

namespace {

const char* const kPaletteKey = "colours/classPalette";

// -1 until read from the settings; map renders read it from their threads.
std::atomic<int> g_palette{-1};

}  // namespace

ClassPalette currentClassPalette() {
    int palette = g_palette.load(std::memory_order_relaxed);
    if (palette < 0) {
        palette = int(classPaletteFromKey(QSettings().value(kPaletteKey).toString().toStdString()));
        g_palette.store(palette, std::memory_order_relaxed);
    }
    return static_cast<ClassPalette>(palette);
}

void setCurrentClassPalette(ClassPalette palette) {
    const bool changed = currentClassPalette() != palette;
    g_palette.store(int(palette), std::memory_order_relaxed);
    QSettings().setValue(kPaletteKey, QString::fromStdString(classPaletteKey(palette)));
    if (changed) Q_EMIT ClassPaletteNotifier::instance()->paletteChanged();
}

ClassPaletteNotifier* ClassPaletteNotifier::instance() {
    // Never deleted: views may disconnect from it while static objects are destroyed at exit.
    static ClassPaletteNotifier* const notifier = new ClassPaletteNotifier();
    return notifier;
}

QString classPaletteName(ClassPalette palette) {
    switch (palette) {
        case ClassPalette::ColourSafe:
            return QCoreApplication::translate("ClassColors", "Colour-blind safe");
        case ClassPalette::LandCover:
            return QCoreApplication::translate("ClassColors", "Familiar land-cover (LUCAS/CORINE-like)");
    }
    return {};
}

QColor classColor(int index, const QString& className) {
    return QColor(QRgb(classRgb(index, className.toStdString(), currentClassPalette())));
}

QColor correctColor() {
    return QColor(QRgb(kCorrectRgb));
}
QColor wrongColor() {
    return QColor(QRgb(kWrongRgb));
}

}  // namespace bridgelc
