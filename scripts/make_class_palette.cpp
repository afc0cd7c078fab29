// Derives the categorical class palette of core/data/class_palette.cpp: up to 30 colours chosen from a grid
// of sRGB colours so that the smallest CIEDE2000 distance between any two of them (and between any of them
// and the map's land colour) is as large as possible for normal vision and for simulated protanopia,
// deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1), then ordered so that every
// prefix (the palette of a dataset with fewer classes) is spread as well: farthest-point order.
//   g++ -O2 -std=c++17 scripts/make_class_palette.cpp -llcms2 -o /tmp/make_class_palette &&
//   /tmp/make_class_palette
#include <lcms2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;
const std::array<Matrix, 4> kVisions = {{
    {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
    {{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}},
    {{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}},
    {{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}},
}};
constexpr std::uint32_t kLand = 0xfaf9f5;  // the EU-27 land fill the points are drawn on
constexpr int kColours = 30;

double linear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

cmsCIELab seen(std::uint32_t rgb, const Matrix& m) {
    const double in[3] = {linear(((rgb >> 16) & 0xff) / 255.0), linear(((rgb >> 8) & 0xff) / 255.0),
                          linear((rgb & 0xff) / 255.0)};
    double l[3];
    for (int i = 0; i < 3; ++i)
        l[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    const cmsCIEXYZ xyz = {0.4124564 * l[0] + 0.3575761 * l[1] + 0.1804375 * l[2],
                           0.2126729 * l[0] + 0.7151522 * l[1] + 0.0721750 * l[2],
                           0.0193339 * l[0] + 0.1191920 * l[1] + 0.9503041 * l[2]};
    const cmsCIEXYZ d65 = {0.95047, 1.0, 1.08883};
    cmsCIELab lab;
    cmsXYZ2Lab(&d65, &lab, &xyz);
    return lab;
}

struct Candidate {
    std::uint32_t rgb;
    std::array<cmsCIELab, 4> lab;
};

double distance(const Candidate& a, const Candidate& b) {
    double d = 1e9;
    for (int v = 0; v < 4; ++v)
        d = std::min(d, cmsCIE2000DeltaE(&a.lab[v], &b.lab[v], 1, 1, 1));
    return d;
}

Candidate make(std::uint32_t rgb) {
    Candidate c{rgb, {}};
    for (int v = 0; v < 4; ++v)
        c.lab[v] = seen(rgb, kVisions[v]);
    return c;
}

}  // namespace

int main() {
    std::vector<Candidate> pool;
    for (int r = 0; r < 256; r += 15)
        for (int g = 0; g < 256; g += 15)
            for (int b = 0; b < 256; b += 15) {
                const Candidate c = make(std::uint32_t(r) << 16 | std::uint32_t(g) << 8 | std::uint32_t(b));
                // Points must stand out from the near-white land: no pale colours, nothing near black either
                // (the points' outline).
                if (c.lab[0].L >= 22 && c.lab[0].L <= 82) pool.push_back(c);
            }
    const Candidate land = make(kLand);
    std::vector<Candidate> chosen;
    auto nearest = [&](const Candidate& c, int skip) {
        double d = distance(c, land);
        for (int i = 0; i < int(chosen.size()); ++i)
            if (i != skip) d = std::min(d, distance(c, chosen[std::size_t(i)]));
        return d;
    };
    // Greedy farthest point, then swaps that raise the smallest distance until none does.
    while (int(chosen.size()) < kColours) {
        const Candidate* best = nullptr;
        double bestD = -1;
        for (const Candidate& c : pool) {
            const double d = nearest(c, -1);
            if (d > bestD) bestD = d, best = &c;
        }
        chosen.push_back(*best);
    }
    auto worst = [&] {
        double w = 1e9;
        for (int i = 0; i < kColours; ++i)
            w = std::min(w, nearest(chosen[std::size_t(i)], i));
        return w;
    };
    for (bool improved = true; improved;) {
        improved = false;
        for (int i = 0; i < kColours; ++i) {
            const double before = worst();
            const Candidate keep = chosen[std::size_t(i)];
            double bestOwn = nearest(keep, i);
            for (const Candidate& c : pool) {
                const double d = nearest(c, i);
                if (d <= bestOwn + 1e-9) continue;
                chosen[std::size_t(i)] = c;
                if (worst() >= before)
                    bestOwn = d;
                else
                    chosen[std::size_t(i)] = keep;
                if (chosen[std::size_t(i)].rgb != keep.rgb) improved = true;
            }
        }
        std::fprintf(stderr, "smallest distance %.2f\n", worst());
    }
    // Farthest-point order: each next colour the one farthest from those before it.
    std::vector<Candidate> rest = chosen, ordered;
    chosen.clear();
    while (!rest.empty()) {
        std::size_t pick = 0;
        double far = -1;
        for (std::size_t i = 0; i < rest.size(); ++i) {
            const double d = nearest(rest[i], -1);
            if (d > far) far = d, pick = i;
        }
        chosen.push_back(rest[pick]);
        rest.erase(rest.begin() + long(pick));
    }
    for (int i = 0; i < kColours; ++i)
        std::printf("0x%06x,%s", chosen[std::size_t(i)].rgb, i % 10 == 9 ? "\n" : " ");
}
