#include "ui/common/class_colors.h"

#include <array>

#include "core/data/lucas_legend.h"

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

}  // namespace

QColor classColor(int index, const QString& className) {
    const int level1 = lucasLevel1IndexOfClass(className.toStdString());
    if (level1 >= 0) return QColor(kLucasLevel1[level1]);
    const int n = static_cast<int>(kTableau20.size());
    const int slot = ((index % n) + n) % n;
    return QColor(kTableau20[slot]);
}

}  // namespace bridgelc
