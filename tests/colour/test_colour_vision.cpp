// Colour-vision deficiency check of the class and correct/wrong palettes: each colour is simulated for
// protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1.0, applied to
// linear sRGB) and every pair must stay apart by a minimum CIEDE2000 distance (Little CMS computes it).
#include <gtest/gtest.h>
#include <lcms2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/data/class_palette.h"
#include "core/data/lucas_legend.h"

namespace bridgelc {
namespace {

using Matrix = std::array<std::array<double, 3>, 3>;

struct Vision {
    const char* name;
    Matrix matrix;
};

// Machado et al. 2009, table for severity 1.0 (full dichromacy).
const std::array<Vision, 4> kVisions = {{
    {"normal", {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}},
    {"protanopia",
     {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}}},
    {"deuteranopia",
     {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}}},
    {"tritanopia",
     {{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}}},
}};

double linearFromSrgb(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

cmsCIELab seenAs(std::uint32_t rgb, const Matrix& m) {
    const double in[3] = {linearFromSrgb(((rgb >> 16) & 0xff) / 255.0),
                          linearFromSrgb(((rgb >> 8) & 0xff) / 255.0), linearFromSrgb((rgb & 0xff) / 255.0)};
    double lin[3];
    for (int i = 0; i < 3; ++i)
        lin[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    // linear sRGB -> XYZ (D65), then CIELAB relative to the D65 white.
    const cmsCIEXYZ xyz = {0.4124564 * lin[0] + 0.3575761 * lin[1] + 0.1804375 * lin[2],
                           0.2126729 * lin[0] + 0.7151522 * lin[1] + 0.0721750 * lin[2],
                           0.0193339 * lin[0] + 0.1191920 * lin[1] + 0.9503041 * lin[2]};
    const cmsCIEXYZ d65 = {0.95047, 1.0, 1.08883};
    cmsCIELab lab;
    cmsXYZ2Lab(&d65, &lab, &xyz);
    return lab;
}

struct Closest {
    double distance = 1e9;
    int a = -1, b = -1;
};

Closest closestPair(const std::vector<std::uint32_t>& colours, const Matrix& m) {
    Closest out;
    for (std::size_t i = 0; i < colours.size(); ++i)
        for (std::size_t j = i + 1; j < colours.size(); ++j) {
            const cmsCIELab a = seenAs(colours[i], m), b = seenAs(colours[j], m);
            const double d = cmsCIE2000DeltaE(&a, &b, 1, 1, 1);
            if (d < out.distance) out = {d, int(i), int(j)};
        }
    return out;
}

std::vector<std::uint32_t> level1(ClassPalette palette) {
    const auto& c = lucasLevel1Colours(palette);
    return {c.begin(), c.end()};
}

/// The smallest distance over all visions; prints each vision's closest pair (the figures quoted).
double worstOverVisions(const char* what, const std::vector<std::uint32_t>& colours) {
    double worst = 1e9;
    for (const Vision& v : kVisions) {
        const Closest c = closestPair(colours, v.matrix);
        std::printf("%-28s %-13s min CIEDE2000 %6.2f  (#%06x / #%06x)\n", what, v.name, c.distance,
                    colours[c.a], colours[c.b]);
        worst = std::min(worst, c.distance);
    }
    return worst;
}

TEST(ColourVision, LittleCmsGivesSharmasReferenceCiede2000) {
    // Sharma, Wu & Dalal (2005) test data, pair 1.
    const cmsCIELab a = {50.0, 2.6772, -79.7751}, b = {50.0, 0.0, -82.7485};
    EXPECT_NEAR(2.0425, cmsCIE2000DeltaE(&a, &b, 1, 1, 1), 1e-3);
}

TEST(ColourVision, SimulationKeepsGreysGrey) {
    for (const Vision& v : kVisions)
        for (const std::uint32_t grey : {0xffffffu, 0x808080u, 0x202020u}) {
            const cmsCIELab seen = seenAs(grey, v.matrix), normal = seenAs(grey, kVisions[0].matrix);
            EXPECT_LT(cmsCIE2000DeltaE(&seen, &normal, 1, 1, 1), 0.5) << v.name;
        }
}

TEST(ColourVision, SimulationFindsTheRedGreenConfusionsOfTheFamiliarColours) {
    // Green against red (the map's former correct/wrong pair) and the LUCAS/CORINE-like classes nearly merge
    // for red-green dichromats: the simulation must see that, or it proves nothing about the palettes below.
    EXPECT_LT(closestPair({0x1a9850, 0xd7191c}, kVisions[2].matrix).distance, 15.0);
    EXPECT_LT(worstOverVisions("land-cover classes", level1(ClassPalette::LandCover)), 10.0);
    worstOverVisions("former green/red", {0x1a9850, 0xd7191c});
}

TEST(ColourVision, DefaultClassPaletteStaysDistinctForEveryDeficiency) {
    const double worst = worstOverVisions("colour-safe classes", level1(ClassPalette::ColourSafe));
    EXPECT_GE(worst, 15.0);
}

std::vector<std::uint32_t> categorical(int count) {
    return {categoricalColours().begin(), categoricalColours().begin() + count};
}

TEST(ColourVision, TwentyFiveCropClassesStayApartForDeuteranopia) {
    // A crop-type dataset (25 classes): every pair of its colours, as a deuteranope sees them.
    std::vector<std::uint32_t> crops;
    for (int c = 0; c < 25; ++c)
        crops.push_back(classRgb(c, "B" + std::to_string(11 + c)));
    EXPECT_EQ(categorical(25), crops);
    const Closest deuteranopia = closestPair(crops, kVisions[2].matrix);
    std::printf("25 crop classes, deuteranopia: min CIEDE2000 %.2f\n", deuteranopia.distance);
    EXPECT_GE(deuteranopia.distance, 8.0);
    EXPECT_GE(worstOverVisions("25 crop classes", crops), 8.0);
}

TEST(ColourVision, ThirtyCategoricalColoursStayApartAndOffTheLand) {
    std::vector<std::uint32_t> colours = categorical(kCategoricalColourCount);
    EXPECT_GE(worstOverVisions("30 categorical classes", colours), 8.0);
    // Points are drawn on near-white land: none of the colours may fade into it.
    colours.push_back(0xfaf9f5);
    EXPECT_GE(worstOverVisions("30 categorical + land", colours), 8.0);
    // Fewer classes take a prefix, spread wider than the whole palette.
    EXPECT_GT(worstOverVisions("first 8 categorical", categorical(8)), 15.0);
    EXPECT_EQ(categoricalRgb(0), categoricalRgb(kCategoricalColourCount));
}

TEST(ColourVision, CorrectAndWrongStayFarApartForEveryDeficiency) {
    const double worst = worstOverVisions("correct/wrong", {kCorrectRgb, kWrongRgb});
    EXPECT_GE(worst, 40.0);
}

TEST(ColourVision, DefaultPaletteIsTheColourSafeOneAndTheFamiliarOneStaysOnOffer) {
    EXPECT_EQ(lucasLevel1Colours(ClassPalette::ColourSafe)[2], classRgb(5, "Woodland"));
    EXPECT_EQ(0x1b6e2du, classRgb(5, "Woodland", ClassPalette::LandCover));
    for (const ClassPalette p : kClassPalettes)
        EXPECT_EQ(p, classPaletteFromKey(classPaletteKey(p)));
    EXPECT_EQ(ClassPalette::ColourSafe, classPaletteFromKey("no such palette"));
}

}  // namespace
}  // namespace bridgelc
