#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace bridgelc {

/// The colour schemes a land-cover class can be drawn with.
enum class ClassPalette {
    /// The default: eight land-cover colours (red-pink artificial, yellow cropland, dark green woodland, ...)
    /// chosen so that every pair stays apart (CIEDE2000 >= 15) for normal vision and when protanopia,
    /// deuteranopia or tritanopia is simulated (Machado et al. 2009); tests/colour checks it.
    ColourSafe,
    /// The familiar LUCAS / CORINE-like colours; two pairs nearly merge for red-green colour blindness.
    LandCover,
};

/// Every palette, in the order a user picks from; kClassPaletteCount grows with it.
constexpr std::array<ClassPalette, 2> kClassPalettes = {ClassPalette::ColourSafe, ClassPalette::LandCover};

/// Stable key (settings, command line): "colour-safe", "land-cover".
std::string classPaletteKey(ClassPalette palette);
/// The palette of a key; ColourSafe for an unknown key.
ClassPalette classPaletteFromKey(const std::string& key);

/// The eight LUCAS level-1 colours (0xRRGGBB) of a palette in legend order A..H.
const std::array<std::uint32_t, 8>& lucasLevel1Colours(ClassPalette palette);

/// The colour (0xRRGGBB) a land-cover class is drawn with, in the app (ui/common/class_colors.h) and in files
/// the product writes (the predicted GeoTIFF's colour table): the eight LUCAS level-1 classes get the
/// palette's land-cover colours whatever their position (lucasLevel1IndexOfClass()), any other class (crop
/// types, a user's own labels) categoricalRgb(index).
std::uint32_t classRgb(int index, const std::string& className,
                       ClassPalette palette = ClassPalette::ColourSafe);

/// Classes the categorical palette keeps apart; a dataset with more classes repeats its colours.
constexpr int kCategoricalColourCount = 30;
/// The categorical palette for classes that are not LUCAS level-1 classes (e.g. 25 crop types), in the order
/// classes take them: every pair stays apart for normal vision and every simulated colour-vision deficiency.
const std::array<std::uint32_t, kCategoricalColourCount>& categoricalColours();
/// Colour (0xRRGGBB) of class `index` in the categorical palette; indices past its end wrap around.
std::uint32_t categoricalRgb(int index);

/// Correct / wrong predictions: blue against orange, apart for every simulated colour-vision deficiency
/// (green against red is not: the pair nearly merges for deuteranopia).
constexpr std::uint32_t kCorrectRgb = 0x0072b2, kWrongRgb = 0xe69f00;

}  // namespace bridgelc
