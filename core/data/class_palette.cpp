#include "core/data/class_palette.h"

#include "core/data/lucas_legend.h"

namespace bridgelc {

namespace {

// Thirty colours for classes other than the eight level-1 ones (crop types, a user's own labels): every pair,
// and every colour against the map's near-white land, stays at least CIEDE2000 8.7 apart for normal vision
// and simulated protanopia, deuteranopia and tritanopia, in an order where each prefix (a dataset with fewer
// classes) is spread as widely as it can be. Derived by scripts/make_class_palette.cpp; tests/colour checks
// it.
constexpr std::array<std::uint32_t, kCategoricalColourCount> kCategorical = {
    0x5a0f69, 0x698700, 0xff3cff, 0x2d3c00, 0x876969, 0xb4a596, 0x3c00ff, 0x96c3d2, 0x8778a5, 0x0f3c2d,
    0xd2d200, 0x695a69, 0x5a690f, 0xc38769, 0x1e00b4, 0x87a500, 0x3c4ba5, 0x96003c, 0xd2b469, 0xb4d2a5,
    0xf00f87, 0x5a8787, 0x69d2ff, 0x78784b, 0x2d5a4b, 0x785ad2, 0x5a3c5a, 0x9696b4, 0x0096d2, 0xb4b4b4};

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

const std::array<std::uint32_t, kCategoricalColourCount>& categoricalColours() {
    return kCategorical;
}

std::uint32_t categoricalRgb(int index) {
    const int n = kCategoricalColourCount;
    return kCategorical[static_cast<std::size_t>(((index % n) + n) % n)];
}

std::uint32_t classRgb(int index, const std::string& className, ClassPalette palette) {
    const int level1 = lucasLevel1IndexOfClass(className);
    if (level1 >= 0) return lucasLevel1Colours(palette)[static_cast<std::size_t>(level1)];
    return categoricalRgb(index);
}

}  // namespace bridgelc
