#include "core/data/class_palette.h"

#include "core/data/lucas_legend.h"

namespace bridgelc {

namespace {

// Tableau 20, dark shade of each hue first so that the first ten classes stay well apart.
constexpr std::array<std::uint32_t, 20> kTableau20 = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5};

// Land-cover hues (artificial red-pink, cropland yellow, woodland dark green, shrubland olive, grassland
// light green, bare land grey, water blue, wetland purple) moved in lightness and chroma, each within
// CIEDE2000 10 of the familiar colour, until every pair stays at least 17 apart under all three simulated
// dichromacies (figures in tests/colour).
constexpr std::array<std::uint32_t, 8> kColourSafeLevel1 = {0xbc446c, 0xfff800, 0x07501e, 0x817712,
                                                            0x94b85b, 0xb2aaa3, 0x4390ed, 0x6a44ad};

// Conventional land-cover colours (close to CORINE / ESA WorldCover) in LUCAS legend order A..H.
constexpr std::array<std::uint32_t, 8> kLandCoverLevel1 = {0xd7191c, 0xf4a622, 0x1b6e2d, 0x8c8c2e,
                                                           0x9ed96a, 0xc8b99a, 0x2b7bd6, 0x7b5ea7};

}  // namespace

std::string classPaletteKey(ClassPalette palette) {
    return palette == ClassPalette::LandCover ? "land-cover" : "colour-safe";
}

ClassPalette classPaletteFromKey(const std::string& key) {
    return key == "land-cover" ? ClassPalette::LandCover : ClassPalette::ColourSafe;
}

const std::array<std::uint32_t, 8>& lucasLevel1Colours(ClassPalette palette) {
    return palette == ClassPalette::LandCover ? kLandCoverLevel1 : kColourSafeLevel1;
}

std::uint32_t classRgb(int index, const std::string& className, ClassPalette palette) {
    const int level1 = lucasLevel1IndexOfClass(className);
    if (level1 >= 0) return lucasLevel1Colours(palette)[static_cast<std::size_t>(level1)];
    const int n = static_cast<int>(kTableau20.size());
    return kTableau20[static_cast<std::size_t>(((index % n) + n) % n)];
}

}  // namespace bridgelc
