#include "ui/class_colors.h"

#include <array>

namespace bridgelc {

namespace {

// Tableau 20, dark shade of each hue first so that the first ten classes stay well apart.
constexpr std::array<QRgb, 20> kTableau20 = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5};

// Conventional land-cover colours (close to CORINE / ESA WorldCover) in LUCAS legend order A..H.
constexpr std::array<QRgb, 8> kLucasLevel1 = {
    0xd7191c,  // Artificial land: red
    0xf4a622,  // Cropland: yellow-orange
    0x1b6e2d,  // Woodland: dark green
    0x8c8c2e,  // Shrubland: olive
    0x9ed96a,  // Grassland: light green
    0xc8b99a,  // Bare land: beige-grey
    0x2b7bd6,  // Water: blue
    0x7b5ea7   // Wetland: purple
};

QString normalised(const QString& name) {
    QString out;
    for (QChar c : name) {
        if (c.isLetter()) out.append(c.toLower());
    }
    return out;
}

}  // namespace

int lucasLevel1ColorIndex(const QString& className) {
    const QString trimmed = className.trimmed();
    if (trimmed.size() == 1) {
        const QChar letter = trimmed.at(0).toUpper();
        if (letter >= QLatin1Char('A') && letter <= QLatin1Char('H')) return letter.unicode() - 'A';
        return -1;
    }
    const QString key = normalised(trimmed);
    static const std::array<QStringList, 8> names = {
        QStringList{QStringLiteral("artificialland"), QStringLiteral("artificial"),
                    QStringLiteral("artificialsurfaces"), QStringLiteral("builtup")},
        QStringList{QStringLiteral("cropland"), QStringLiteral("croplands"), QStringLiteral("crop")},
        QStringList{QStringLiteral("woodland"), QStringLiteral("woodlands"), QStringLiteral("forest")},
        QStringList{QStringLiteral("shrubland"), QStringLiteral("shrublands"), QStringLiteral("shrub")},
        QStringList{QStringLiteral("grassland"), QStringLiteral("grasslands"), QStringLiteral("grass")},
        QStringList{QStringLiteral("bareland"), QStringLiteral("bare"), QStringLiteral("barelands"),
                    QStringLiteral("barelandandlichensmoss")},
        QStringList{QStringLiteral("water"), QStringLiteral("waterareas"), QStringLiteral("waterbodies")},
        QStringList{QStringLiteral("wetland"), QStringLiteral("wetlands")}};
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
        if (names[i].contains(key)) return i;
    }
    return -1;
}

QColor classColor(int index, const QString& className) {
    const int level1 = lucasLevel1ColorIndex(className);
    if (level1 >= 0) return QColor(kLucasLevel1[level1]);
    const int n = static_cast<int>(kTableau20.size());
    const int slot = ((index % n) + n) % n;
    return QColor(kTableau20[slot]);
}

}  // namespace bridgelc
